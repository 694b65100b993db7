import type { Role } from '../../config/oidc';

export { ROLES, type Role } from '../../config/oidc';

/** The authenticated caller of one request, from a verified access token. */
export interface Principal {
  role: Role;
  /** The token's `sub`: the provider's id of the person or client (opaque for citizens). Never logged. */
  subject: string;
  /** A citizen's national ID, from the mapped claim: whose renewals they may see. Never logged. */
  nationalId?: string;
  /** The passport office a clerk works at. */
  office?: string;
  /** The carrier a courier works for (`SPL`: Saudi Post). */
  carrier?: string;
  /**
   * The caller's id wherever it is recorded (audit trail, workflow messages): a citizen's keyed pseudonym of their
   * national ID (see `pseudonymOf`), so those records hold no national IDs, else the `sub`.
   */
  actorId: string;
  /** `<role>:<actorId>`: the audit trail's actor, and the scope of the caller's Idempotency-Keys. */
  actor: string;
  /**
   * Until when the API accepts the token it came from (ms since the epoch): its `exp` plus the clock tolerance. A
   * live stream ends then, and the codec session with it.
   */
  expiresAt: number;
}

/** A citizen's national ID; only a citizen's routes ask, and the claim mapping gives every citizen one. */
export function nationalIdOf(principal: Principal): string {
  if (principal.role !== 'citizen' || !principal.nationalId) throw new Error(`${principal.actor} is not a citizen`);
  return principal.nationalId;
}
