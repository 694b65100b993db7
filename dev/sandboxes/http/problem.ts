import { DomainValidationError } from '../../../src/domain/validation-error';
import { PermanentIntegrationError, TransientIntegrationError } from '../../../src/integrations/errors';

export interface RouteResponse {
  status: number;
  body?: unknown;
}

const CONFLICTS = new Set([
  'BillAlreadyPaid',
  'BillNotPaid',
  'BillNotPayable',
  'PassportNotActivatable',
  'PassportNotVoidable',
  'PassportNumberConflict',
  'DuplicateEnvelopeBarcode',
  'ShipmentDelivered',
]);

/** The HTTP status a partner answers a typed refusal with (docs/integrations.md, "Errors"). */
export function statusOfFailure(type: string): number {
  if (type.endsWith('NotFound') || type === 'UnknownTrackingNumber') return 404;
  if (type === 'InvalidRequest' || type === 'InvalidMobile') return 400;
  if (type === 'PartnerUnauthorized') return 401;
  if (CONFLICTS.has(type)) return 409;
  return 422;
}

/** How the sandbox HTTP server reports an error: the same typed failure comes out of the HTTP adapter. */
export function problemResponse(error: unknown): RouteResponse {
  if (error instanceof TransientIntegrationError) {
    return { status: 503, body: { code: 'ServiceUnavailable', detail: 'temporarily unavailable, retry later' } };
  }
  if (error instanceof PermanentIntegrationError) {
    const field = error.details.field;
    return {
      status: statusOfFailure(error.type),
      body: { code: error.type, detail: error.message, ...(field ? { field } : {}) },
    };
  }
  if (error instanceof DomainValidationError) {
    return { status: 400, body: { code: 'InvalidRequest', detail: error.message, field: error.field } };
  }
  return { status: 500, body: { code: 'InternalError', detail: 'unexpected error' } };
}
