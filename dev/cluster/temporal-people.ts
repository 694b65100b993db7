import { loadOidcConfig } from '../../src/config/oidc';

/** What the cluster's Temporal server needs to know of the provider to let people in (deploy/temporal/server). */
export interface TemporalPeopleTrust {
  issuer: string;
  /** The provider's JWKS, from its discovery document: the server verifies people's tokens with these keys. */
  jwksUri: string;
  /** The audience people's tokens carry: the API's, so the token the UI signs in with also opens the codec. */
  audience: string;
  /** The claim naming a person's role, and its values that make an operator. */
  roleClaim: string;
  operatorRoles: string;
}

/**
 * The server trusts the provider the API trusts, with the API's claim settings (OIDC_AUDIENCE, OIDC_CLAIM_ROLE,
 * OIDC_ROLE_VALUES): one sign-in for the pages, the Temporal UI and the codec. Its authorizer reads a top-level
 * role claim only, so a dotted OIDC_CLAIM_ROLE is refused here rather than letting nobody in.
 */
export async function temporalPeopleTrust(issuer: string, env: NodeJS.ProcessEnv): Promise<TemporalPeopleTrust> {
  const oidc = loadOidcConfig({ ...env, OIDC_ISSUER_URL: issuer });
  if (oidc.claims.role.length !== 1) {
    throw new Error(
      `OIDC_CLAIM_ROLE ${oidc.claims.role.join('.')}: the Temporal server's authorizer reads a top-level claim only`,
    );
  }
  const discovery = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
  const response = await fetch(discovery, { signal: AbortSignal.timeout(oidc.discoveryTimeoutMs) });
  if (!response.ok) throw new Error(`The identity provider's discovery document ${discovery}: HTTP ${response.status}`);
  const { jwks_uri: jwksUri } = (await response.json()) as { jwks_uri?: string };
  if (!jwksUri) throw new Error(`The identity provider's discovery document ${discovery} names no jwks_uri`);
  const operatorValues = Object.entries(oidc.claims.roleValues)
    .filter(([, role]) => role === 'operator')
    .map(([value]) => value);
  return {
    issuer,
    jwksUri,
    audience: oidc.audience,
    roleClaim: oidc.claims.role[0],
    operatorRoles: operatorValues.join(','),
  };
}
