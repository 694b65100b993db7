import { ApplicationFailure } from '@temporalio/common';

/**
 * How an outside system's failures reach the activities. A transient fault
 * (timeout, overload, 5xx) is a plain error, which Temporal retries with the
 * activity's backoff; a permanent one is a non-retryable `ApplicationFailure`
 * with a stable `type` the workflow can branch on. Messages name systems,
 * operations and fields, never personal data: they end up in logs and history.
 */
export class TransientIntegrationError extends Error {
  constructor(
    readonly system: string,
    readonly operation: string,
    reason: string,
  ) {
    super(`${system} ${operation} failed transiently: ${reason}`);
    this.name = 'TransientIntegrationError';
  }
}

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
  | 'DuplicateEnvelopeBarcode'
  | 'ShipmentDelivered'
  | 'MalformedAddress'
  | 'MalformedPartnerData'
  | 'InvalidRequest'
  | 'InvalidMobile'
  | 'PartnerRejected'
  | 'PartnerUnauthorized'
  | 'UnexpectedPartnerResponse';

/** What a permanent failure carries besides its message: never values, only where the problem is. */
export interface FailureDetails {
  system?: string;
  operation?: string;
  field?: string;
  status?: number;
}

export function permanentFailure(
  type: PermanentFailureType,
  message: string,
  details: FailureDetails = {},
): ApplicationFailure {
  return ApplicationFailure.nonRetryable(message, type, details);
}

/** A partner answered with data we cannot use; `field` names the offending part, its value is not repeated. */
export function malformedPartnerData(system: string, field: string, problem: string): ApplicationFailure {
  return permanentFailure('MalformedPartnerData', `${system} sent malformed data: ${field} ${problem}`, {
    system,
    field,
  });
}

/** A request to a sandbox that the real system would refuse (missing or invalid field). */
export function invalidRequest(field: string, problem: string): ApplicationFailure {
  return permanentFailure('InvalidRequest', `invalid request: ${field} ${problem}`, { field });
}

/** The field a permanent failure points at, if it names one. */
export function failureField(failure: ApplicationFailure): string | undefined {
  const [details] = (failure.details ?? []) as Array<FailureDetails | undefined>;
  return typeof details?.field === 'string' ? details.field : undefined;
}
