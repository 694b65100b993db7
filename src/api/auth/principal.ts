/** Who may call the API. Partner systems sign their webhooks instead of presenting tokens. */
/** `supervisor`: operators' supervisors, who read the codec endpoint's decode log (GET /v1/operator/decode-log). */
export const ROLES = ['citizen', 'clerk', 'operator', 'supervisor', 'carrier', 'service'] as const;
export type Role = (typeof ROLES)[number];

/** The claims of an access token besides `iss`, `aud`, `iat` and `exp`. */
export interface AccessClaims {
  /** A citizen's national ID; a staff member's or system's own id otherwise. */
  sub: string;
  role: Role;
  /** The passport office a clerk works at (required for clerks). */
  office?: string;
}

/** The authenticated caller of one request. */
export interface Principal {
  role: Role;
  /** The token's `sub`: for a citizen, the national ID. Never logged. */
  subject: string;
  office?: string;
  /**
   * The caller's id wherever it is recorded (audit trail, workflow messages):
   * the `sub`, except that a citizen's national ID is replaced by a keyed
   * pseudonym (see `pseudonymOf`), so those records hold no national IDs.
   */
  actorId: string;
  /** `<role>:<actorId>`: the audit trail's actor, and the scope of the caller's Idempotency-Keys. */
  actor: string;
}
