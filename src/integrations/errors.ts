/**
 * How an outside system's failures reach their callers, in plain terms that
 * know nothing of Temporal: a transient fault (timeout, overload, 5xx) is worth
 * retrying; a permanent one is a refusal with a stable `type` the workflow can
 * branch on. The activity boundary (activities/safe-errors.ts) turns them into
 * Temporal failures; the API answers them as problem documents. Messages and
 * details name systems, operations and fields, never values: they end up in
 * logs and in workflow histories.
 */
export type IntegrationErrorKind = 'transient' | 'permanent';

export type PermanentFailureType =
  | 'CitizenNotFound'
  | 'PassportNotFound'
  | 'PassportNumberConflict'
  | 'PassportNotActivatable'
  | 'PassportNotVoidable'
  | 'BillNotFound'
  | 'BillAlreadyPaid'
  | 'BillNotPaid'
  | 'BillNotPayable'
  | 'PrintJobNotFound'
  | 'UnknownTrackingNumber'
  | 'LossClaimNotFound'
  | 'DuplicateEnvelopeBarcode'
  | 'ShipmentDelivered'
  | 'MalformedAddress'
  | 'MalformedPartnerData'
  | 'InvalidRequest'
  | 'InvalidMobile'
  | 'PartnerRejected'
  | 'PartnerUnauthorized'
  | 'UnexpectedPartnerResponse';

/** Where the problem is: never the value that caused it. */
export interface FailureDetails {
  system?: string;
  operation?: string;
  field?: string;
  status?: number;
}

export abstract class IntegrationError extends Error {
  abstract readonly kind: IntegrationErrorKind;

  protected constructor(
    /** Stable and machine-readable, e.g. `BillAlreadyPaid`; a partner's own problem code is kept as it is. */
    readonly type: string,
    message: string,
    readonly details: FailureDetails,
  ) {
    super(message);
  }
}

/** The partner did not answer, or not in time: the same call may well succeed later. */
export class TransientIntegrationError extends IntegrationError {
  readonly kind = 'transient';

  constructor(
    readonly system: string,
    readonly operation: string,
    reason: string,
  ) {
    super('PartnerUnavailable', `${system} ${operation} failed transiently: ${reason}`, { system, operation });
    this.name = 'TransientIntegrationError';
  }
}

/** The partner refused, or answered with something unusable: repeating the call changes nothing. */
export class PermanentIntegrationError extends IntegrationError {
  readonly kind = 'permanent';

  constructor(type: PermanentFailureType | string, message: string, details: FailureDetails = {}) {
    super(type, message, details);
    this.name = 'PermanentIntegrationError';
  }
}

export function permanentFailure(
  type: PermanentFailureType,
  message: string,
  details: FailureDetails = {},
): PermanentIntegrationError {
  return new PermanentIntegrationError(type, message, details);
}

/** A partner answered with data we cannot use; `field` names the offending part, its value is not repeated. */
export function malformedPartnerData(system: string, field: string, problem: string): PermanentIntegrationError {
  return permanentFailure('MalformedPartnerData', `${system} sent malformed data: ${field} ${problem}`, {
    system,
    field,
  });
}

/** A request to a sandbox that the real system would refuse (missing or invalid field). */
export function invalidRequest(field: string, problem: string): PermanentIntegrationError {
  return permanentFailure('InvalidRequest', `invalid request: ${field} ${problem}`, { field });
}
