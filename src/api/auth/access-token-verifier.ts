import {
  createRemoteJWKSet,
  decodeProtectedHeader,
  errors,
  type JWTPayload,
  jwtVerify,
  type ProtectedHeaderParameters,
} from 'jose';
import { LRUCache } from 'lru-cache';
import type { OidcConfig } from '../../config/oidc';
import { RetryLaterProblem } from '../shared/problems/problem';
import { principalFromClaims } from './claims';
import type { Principal } from './principal';
import type { ProviderMetadata } from './provider-metadata';
import { TokenRefusal } from './token-refusal';

/** Asymmetric signatures only: an HS* token is signed with a secret someone shares, `none` with nothing. */
export const ALLOWED_ALGORITHMS = ['RS256', 'PS256', 'ES256'];
/** RFC 9068's access-token type (oidc-provider), or plain JWT (Keycloak). */
const ACCESS_TOKEN_TYPES = ['at+jwt', 'jwt'];

interface Verified {
  principal: Principal;
  kid: string | undefined;
}

/** The claim a jose validation error is about, and why. */
function claimRefusal(error: errors.JWTClaimValidationFailed): TokenRefusal {
  if (error.reason === 'missing') {
    return error.claim === 'exp'
      ? new TokenRefusal('token-expiry-missing', 'The token has no exp claim')
      : new TokenRefusal('token-claim-missing', `The token has no ${error.claim} claim`);
  }
  switch (error.claim) {
    case 'iss':
      return new TokenRefusal('token-issuer-mismatch', 'The token was issued by another provider');
    case 'aud':
      return new TokenRefusal('token-audience-mismatch', 'The token is not meant for this API');
    case 'nbf':
    case 'iat':
      return new TokenRefusal('token-not-yet-valid', `The token's ${error.claim} is in the future`);
    default:
      return new TokenRefusal('token-malformed', `The token's ${error.claim} claim is not valid`);
  }
}

/** What jose refused a token for, as the API's refusal; anything else is not the caller's doing. */
function refusalOf(error: unknown): TokenRefusal | undefined {
  if (error instanceof errors.JWTExpired) return new TokenRefusal('token-expired', 'The token has expired');
  if (error instanceof errors.JWTClaimValidationFailed) return claimRefusal(error);
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) {
    return new TokenRefusal('token-key-unknown', "The token's key is not among the provider's published keys");
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return new TokenRefusal('token-signature-invalid', 'The token signature does not verify');
  }
  if (
    error instanceof errors.JWSInvalid ||
    error instanceof errors.JWTInvalid ||
    error instanceof errors.JOSEAlgNotAllowed ||
    error instanceof errors.JOSENotSupported
  ) {
    return new TokenRefusal('token-malformed', 'The token is not a signed JWT this API can read');
  }
  return undefined;
}

function headerOf(token: string): ProtectedHeaderParameters {
  // A JWS in compact form: three base64url parts (five would be an encrypted JWE, which the API does not take).
  if (!/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(token)) {
    throw new TokenRefusal('token-malformed', 'The token is not a compact JWS (three base64url parts)');
  }
  let header: ProtectedHeaderParameters;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    throw new TokenRefusal('token-malformed', 'The token header is not base64url JSON');
  }
  if (header.alg === 'none') throw new TokenRefusal('token-unsigned', 'The token is not signed (alg none)');
  if (!ALLOWED_ALGORITHMS.includes(String(header.alg))) {
    throw new TokenRefusal('token-algorithm-refused', `alg must be one of ${ALLOWED_ALGORITHMS.join(', ')}`);
  }
  const typ = String(header.typ ?? '')
    .toLowerCase()
    .replace(/^application\//, '');
  if (!ACCESS_TOKEN_TYPES.includes(typ)) {
    throw new TokenRefusal('token-type-refused', 'typ must be at+jwt or JWT');
  }
  return header;
}

/**
 * Verifies the provider's access tokens: signature by a key of its JWKS (fetched again when a token names a key it
 * does not know, at most once per cool-down, and when it is older than its maximum age, so a retired key stops
 * verifying without a restart), allowlisted algorithm, issuer, audience, `exp` required, a bounded lifetime
 * (`exp` − `iat`), `nbf` and `iat` not in the future beyond the clock tolerance, then the claim mapping.
 *
 * Verified tokens are remembered until they expire (a portal session sends one token with every request, and
 * verifying each time was most of what a read cost beyond the database), but never past their key: a remembered
 * token is used only while its `kid` is still in the JWKS, looked at afresh once that is older than its maximum age.
 */
export class AccessTokenVerifier {
  private readonly jwks: ReturnType<typeof createRemoteJWKSet>;
  private readonly verified = new LRUCache<string, Verified>({ max: 10_000 });

  constructor(
    private readonly metadata: ProviderMetadata,
    private readonly config: OidcConfig,
    private readonly pseudonymKey: string,
  ) {
    this.jwks = createRemoteJWKSet(new URL(metadata.jwks_uri), {
      cooldownDuration: config.jwksCooldownMs,
      cacheMaxAge: config.jwksCacheMaxAgeMs,
    });
  }

  /** The caller the token names, or a `TokenRefusal` (401) saying why not; 503 when the provider's keys cannot be had. */
  async verify(token: string): Promise<Principal> {
    const header = headerOf(token);
    const known = this.verified.get(token);
    if (known && (await this.keyStillPublished(known.kid))) return known.principal;
    if (known) this.verified.delete(token);

    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.jwks, {
        algorithms: ALLOWED_ALGORITHMS,
        issuer: this.metadata.issuer,
        audience: this.config.audience,
        clockTolerance: this.config.clockToleranceSeconds,
        requiredClaims: ['exp', 'iat', 'sub'],
      }));
    } catch (error) {
      const refusal = refusalOf(error);
      if (refusal) throw refusal;
      throw new RetryLaterProblem(
        'identity-provider-unavailable',
        'Identity provider unavailable',
        "The identity provider's signing keys could not be fetched; retry shortly",
        5,
      );
    }
    this.checkTimes(payload);
    const principal = Object.freeze({
      ...principalFromClaims(payload, this.config.claims, this.pseudonymKey),
      // Accepted until then (jose allows the clock tolerance past exp): remembered, and a stream kept, as long.
      expiresAt: (payload.exp! + this.config.clockToleranceSeconds) * 1000,
    });
    const untilExpiry = principal.expiresAt - Date.now();
    if (untilExpiry > 0) this.verified.set(token, { principal, kid: header.kid }, { ttl: untilExpiry });
    return principal;
  }

  /** `exp` − `iat` within the configured maximum, and `iat` not in the future (jose checks `nbf` and `exp`). */
  private checkTimes(payload: JWTPayload): void {
    const now = Math.floor(Date.now() / 1000);
    const { iat, exp } = payload as { iat: number; exp: number };
    if (iat > now + this.config.clockToleranceSeconds) {
      throw new TokenRefusal('token-not-yet-valid', "The token's iat is in the future");
    }
    if (exp - iat > this.config.maxTokenLifetimeSeconds) {
      throw new TokenRefusal(
        'token-lifetime-exceeded',
        `The token is valid for ${exp - iat} s; at most ${this.config.maxTokenLifetimeSeconds} s is accepted`,
      );
    }
  }

  private async keyStillPublished(kid: string | undefined): Promise<boolean> {
    if (!this.jwks.fresh) {
      try {
        await this.jwks.reload();
      } catch {
        return false; // verified afresh, which says why
      }
    }
    return (this.jwks.jwks()?.keys ?? []).some((key) => key.kid === kid);
  }
}
