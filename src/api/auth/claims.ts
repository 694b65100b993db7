import type { JWTPayload } from 'jose';
import { OFFICE_ID_PATTERN } from '../../../workflows/contract';
import type { ClaimMapping, ClaimPath, Role } from '../../config/oidc';
import { nationalIdProblem } from '../../domain/national-id';
import type { Principal } from './principal';
import { pseudonymOf } from './pseudonym';
import { TokenRefusal } from './token-refusal';

/** A `sub` the audit trail can hold as it is: Keycloak's UUIDs, oidc-provider's account and client ids. */
const SUBJECT = /^[A-Za-z0-9._:@-]{1,128}$/;
const CARRIER = /^[A-Z0-9]{2,16}$/;

const at = (claims: JWTPayload, path: ClaimPath): unknown =>
  path.reduce<unknown>(
    (value, key) => (value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined),
    claims,
  );

const named = (path: ClaimPath) => path.join('.');

/** The one role the token's role claim maps to; a claim naming none, or two, names no caller this API knows. */
function roleOf(claims: JWTPayload, mapping: ClaimMapping): Role {
  const raw = at(claims, mapping.role);
  const values = typeof raw === 'string' ? [raw] : Array.isArray(raw) ? raw.filter((v) => typeof v === 'string') : [];
  const roles = new Set(values.map((value) => mapping.roleValues[value]).filter(Boolean));
  if (roles.size !== 1) {
    throw new TokenRefusal(
      'token-role-unmapped',
      roles.size
        ? `The ${named(mapping.role)} claim maps to more than one role`
        : `The ${named(mapping.role)} claim names no role of this API`,
    );
  }
  return [...roles][0]!;
}

/**
 * The caller a verified token names, by the configured claim mapping; refuses (401) a token whose claims do not
 * describe a caller this API knows: no role or two, a citizen without a valid national ID, a clerk without an
 * office, a courier without a carrier.
 */
export function principalFromClaims(
  claims: JWTPayload,
  mapping: ClaimMapping,
  pseudonymKey: string,
): Omit<Principal, 'expiresAt'> {
  if (typeof claims.sub !== 'string' || !SUBJECT.test(claims.sub)) {
    throw new TokenRefusal('token-subject-invalid', 'sub must be 1 to 128 letters, digits or ._:@-');
  }
  const role = roleOf(claims, mapping);
  const base = { role, subject: claims.sub };
  const actor = (actorId: string) => ({ actorId, actor: `${role}:${actorId}` });
  switch (role) {
    case 'citizen': {
      const nationalId = at(claims, mapping.nationalId);
      const problem = typeof nationalId === 'string' ? nationalIdProblem(nationalId) : 'is missing';
      if (problem) {
        throw new TokenRefusal('token-national-id-unmapped', `A citizen's ${named(mapping.nationalId)} ${problem}`);
      }
      return { ...base, nationalId: nationalId as string, ...actor(pseudonymOf(pseudonymKey, nationalId as string)) };
    }
    case 'clerk': {
      const office = at(claims, mapping.office);
      if (typeof office !== 'string' || !OFFICE_ID_PATTERN.test(office)) {
        throw new TokenRefusal('token-office-unmapped', `A clerk's ${named(mapping.office)} must be like RUH-01`);
      }
      return { ...base, office, ...actor(claims.sub) };
    }
    case 'courier': {
      const carrier = at(claims, mapping.carrier);
      if (typeof carrier !== 'string' || !CARRIER.test(carrier)) {
        throw new TokenRefusal('token-carrier-unmapped', `A courier's ${named(mapping.carrier)} must be like SPL`);
      }
      return { ...base, carrier, ...actor(claims.sub) };
    }
    case 'operator':
    case 'supervisor':
      return { ...base, ...actor(claims.sub) };
  }
}
