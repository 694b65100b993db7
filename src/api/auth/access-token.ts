import { JwtService } from '@nestjs/jwt';
import { OFFICE_ID_PATTERN } from '../../../workflows/contract';
import type { ApiConfig } from '../../config/api';
import { nationalIdProblem } from '../../domain/national-id';
import { pseudonymOf } from './pseudonym';
import { AccessClaims, Principal, ROLES } from './principal';

const STAFF_SUBJECT = /^[A-Za-z0-9._-]{1,64}$/;

/** Signs an access token (HS256) with the configured issuer, audience and lifetime. */
export function mintAccessToken(
  auth: ApiConfig['auth'],
  claims: AccessClaims,
  ttlSeconds: number = auth.tokenTtlSeconds,
): string {
  const problem = claimsProblem(claims);
  if (problem) throw new Error(problem);
  return new JwtService().sign(
    { role: claims.role, ...(claims.office ? { office: claims.office } : {}) },
    {
      secret: auth.jwtSecret,
      algorithm: 'HS256',
      issuer: auth.issuer,
      audience: auth.audience,
      subject: claims.sub,
      expiresIn: ttlSeconds,
    },
  );
}

/** Why verified claims do not describe a caller this API knows, or `undefined` when they do. */
export function claimsProblem(claims: Partial<AccessClaims>): string | undefined {
  if (!ROLES.includes(claims.role as never)) return `role must be one of ${ROLES.join(', ')}`;
  if (typeof claims.sub !== 'string') return 'sub is missing';
  if (claims.role === 'citizen') {
    const problem = nationalIdProblem(claims.sub);
    if (problem) return `a citizen's sub is their national ID, which ${problem}`;
  } else if (!STAFF_SUBJECT.test(claims.sub)) {
    return 'sub must be 1 to 64 letters, digits, dots, dashes or underscores';
  }
  if (claims.role === 'clerk' && !(typeof claims.office === 'string' && OFFICE_ID_PATTERN.test(claims.office))) {
    return 'a clerk token needs an office claim such as RUH-01';
  }
  return undefined;
}

export function principalOf(claims: AccessClaims, pseudonymKey: string): Principal {
  const actorId = claims.role === 'citizen' ? pseudonymOf(pseudonymKey, claims.sub) : claims.sub;
  return {
    role: claims.role,
    subject: claims.sub,
    office: claims.role === 'clerk' ? claims.office : undefined,
    actorId,
    actor: `${claims.role}:${actorId}`,
  };
}
