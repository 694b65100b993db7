import { passportNumberProblem } from '../../domain/passport-number';
import { WireReader, type FieldProblem } from '../http/wire-reader';
import { VALIDITY_YEARS } from '../../../workflows/contract';
import { PRINT_JOB_STATUSES, type PrintJob, type PrintOrder } from './port';

/** The print centre's JSON documents (docs/integrations.md), read and checked field by field. */
export function readPrintJob(body: unknown, problem: FieldProblem): PrintJob {
  const job = WireReader.of(body, problem);
  const status = job.oneOf('status', PRINT_JOB_STATUSES);
  // A printed job must say what was printed; other states may not carry a passport yet.
  const printed = status === 'PRINTED' || job.has('passportNumber');
  const failureReason = job.optionalString('failureReason');
  return {
    jobKey: job.string('jobKey'),
    status,
    ...(printed
      ? {
          passportNumber: job.checked('passportNumber', passportNumberProblem).toUpperCase(),
          issuedOn: job.date('issuedOn'),
          expiresOn: job.date('expiresOn'),
        }
      : {}),
    ...(failureReason ? { failureReason } : {}),
  };
}

export function readPrintOrder(body: unknown, problem: FieldProblem): PrintOrder {
  const order = WireReader.of(body, problem);
  return {
    jobKey: order.string('jobKey'),
    renewalId: order.string('renewalId'),
    officeId: order.string('officeId'),
    nationalId: order.string('nationalId'),
    validityYears: order.oneOf('validityYears', VALIDITY_YEARS),
  };
}
