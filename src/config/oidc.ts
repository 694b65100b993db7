import { type Env, integerAtLeast, readEnv, text } from './env';

/**
 * The OpenID Connect provider the API trusts, and how its tokens' claims map onto the API's callers (OIDC_*).
 * Production names its provider (the agency's national sign-on, or Keycloak); outside production a launcher
 * (`npm start`, the cluster, the tests) starts the embedded sandbox provider and fills in `issuerUrl`.
 */

/**
 * The callers a token may name. Partner systems sign their webhooks instead. `supervisor`: operators' supervisors,
 * who read the codec endpoint's decode log (GET /v1/operator/decode-log).
 */
export const ROLES = ['citizen', 'clerk', 'operator', 'supervisor', 'courier'] as const;
export type Role = (typeof ROLES)[number];

/** A claim's place in the token: `role`, or a path through nested objects such as `resource_access.api.roles`. */
export type ClaimPath = readonly string[];

export interface ClaimMapping {
  /** Where the role is: a string, or an array of which exactly one value must map to a role. */
  role: ClaimPath;
  /** The provider's role values and the role each stands for (by default each role is its own value). */
  roleValues: Readonly<Record<string, Role>>;
  /** A citizen's national ID; the `sub` of a citizen is opaque (Keycloak: a UUID), never the national ID. */
  nationalId: ClaimPath;
  /** The passport office a clerk works at. */
  office: ClaimPath;
  /** The carrier a courier works for (`SPL`: Saudi Post). */
  carrier: ClaimPath;
  /** The person's name, as the pages' header shows it (from the ID token). */
  name: ClaimPath;
}

export interface OidcConfig {
  /** The issuer identifier; its discovery document is `<issuer>/.well-known/openid-configuration`. */
  issuerUrl?: string;
  /** The `aud` every access token must carry. */
  audience: string;
  /** Longest lifetime (`exp` − `iat`) a token may claim; a longer one is refused whatever its signature. */
  maxTokenLifetimeSeconds: number;
  /** Leeway for clocks that disagree, on `exp`, `nbf` and `iat`. */
  clockToleranceSeconds: number;
  /** After fetching the JWKS, an unknown `kid` does not fetch it again for this long. */
  jwksCooldownMs: number;
  /** The JWKS is fetched again after this long, so a retired key stops verifying within it. */
  jwksCacheMaxAgeMs: number;
  /** How long the API keeps trying the discovery document at start before giving up. */
  discoveryTimeoutMs: number;
  claims: ClaimMapping;
  /** The pages' public client (Authorization Code + PKCE) and the scopes they ask for. */
  pagesClientId: string;
  pagesScope: string;
}

const issuerUrl = (raw: string) => {
  try {
    const url = new URL(raw);
    return /^https?:$/.test(url.protocol) && !url.search && !url.hash ? raw.replace(/\/+$/, '') : undefined;
  } catch {
    return undefined;
  }
};

const claimPath = (raw: string): ClaimPath | undefined => {
  const path = raw.split('.');
  return path.every((segment) => /^[A-Za-z0-9_:-]+$/.test(segment)) ? path : undefined;
};

const roleValues = (raw: string): Record<string, Role> | undefined => {
  const pairs = raw.split(',').map((pair) => pair.trim().split('='));
  if (!pairs.every(([value, role]) => value && ROLES.includes(role as Role))) return undefined;
  return Object.fromEntries(pairs.map(([value, role]) => [value.trim(), role as Role]));
};

export function loadOidcConfig(env: Env): OidcConfig {
  const issuer = readEnv(env, 'OIDC_ISSUER_URL', undefined, issuerUrl, 'an http(s) URL without query or fragment');
  if (!issuer && env.NODE_ENV === 'production') {
    throw new Error('Environment variable OIDC_ISSUER_URL must be set in production (the identity provider)');
  }
  const claim = (name: string, fallback: string) =>
    readEnv(env, name, claimPath(fallback)!, claimPath, 'a claim name or a dotted path of claim names');
  const ms = (name: string, fallback: number) => readEnv(env, name, fallback, integerAtLeast(0), 'an integer >= 0');
  return {
    issuerUrl: issuer,
    audience: readEnv(env, 'OIDC_AUDIENCE', 'passport-renewal-api', text, 'text'),
    maxTokenLifetimeSeconds: readEnv(env, 'OIDC_MAX_TOKEN_LIFETIME', 3600, integerAtLeast(1), 'seconds >= 1'),
    clockToleranceSeconds: readEnv(env, 'OIDC_CLOCK_TOLERANCE', 30, integerAtLeast(0), 'seconds >= 0'),
    jwksCooldownMs: ms('OIDC_JWKS_COOLDOWN_MS', 30_000),
    jwksCacheMaxAgeMs: ms('OIDC_JWKS_CACHE_MAX_AGE_MS', 600_000),
    discoveryTimeoutMs: ms('OIDC_DISCOVERY_TIMEOUT_MS', 60_000),
    claims: {
      role: claim('OIDC_CLAIM_ROLE', 'role'),
      roleValues: readEnv(
        env,
        'OIDC_ROLE_VALUES',
        Object.fromEntries(ROLES.map((role) => [role, role])),
        roleValues,
        `comma-separated <provider value>=<${ROLES.join('|')}>`,
      ),
      nationalId: claim('OIDC_CLAIM_NATIONAL_ID', 'national_id'),
      office: claim('OIDC_CLAIM_OFFICE', 'office'),
      carrier: claim('OIDC_CLAIM_CARRIER', 'carrier'),
      name: claim('OIDC_CLAIM_NAME', 'name'),
    },
    pagesClientId: readEnv(env, 'OIDC_PAGES_CLIENT_ID', 'passport-renewal-pages', text, 'text'),
    pagesScope: readEnv(env, 'OIDC_PAGES_SCOPE', 'openid profile', text, 'text'),
  };
}
