import { HttpStatus } from '@nestjs/common';
import { ProblemException } from '../shared/problems/problem';

/**
 * Why a bearer token is refused, one problem type each (`urn:passport-renewal:problem:<slug>`), so a client or an
 * operator reading a log line knows what to fix. Every one is a 401 and nothing else happens: no audit line names
 * the identity the token claims, no rate-limit budget is spent in its name.
 */
export const TOKEN_REFUSALS = {
  'authentication-required': 'Authentication required',
  'token-malformed': 'Malformed token',
  'token-unsigned': 'Unsigned token',
  'token-algorithm-refused': 'Token algorithm not allowed',
  'token-type-refused': 'Not an access token',
  'token-key-unknown': 'Token signed with an unknown key',
  'token-signature-invalid': 'Token signature invalid',
  'token-issuer-mismatch': 'Token from another issuer',
  'token-audience-mismatch': 'Token for another audience',
  'token-expiry-missing': 'Token without expiry',
  'token-expired': 'Token expired',
  'token-lifetime-exceeded': 'Token lifetime too long',
  'token-not-yet-valid': 'Token not yet valid',
  'token-claim-missing': 'Token claim missing',
  'token-subject-invalid': 'Token subject invalid',
  'token-role-unmapped': 'Token role not recognised',
  'token-office-unmapped': 'Token office not recognised',
  'token-national-id-unmapped': 'Token national ID not recognised',
  'token-carrier-unmapped': 'Token carrier not recognised',
} as const;

export type TokenRefusalSlug = keyof typeof TOKEN_REFUSALS;

export class TokenRefusal extends ProblemException {
  constructor(
    readonly slug: TokenRefusalSlug,
    detail: string,
  ) {
    super(HttpStatus.UNAUTHORIZED, slug, TOKEN_REFUSALS[slug], detail);
  }
}
