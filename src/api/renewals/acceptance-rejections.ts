import { HttpStatus } from '@nestjs/common';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { ProblemException } from '../shared/problems/problem';

/**
 * The field of the acceptance each of the workflow validator's reasons is
 * about (workflows/eligibility.ts `validateAcceptance`), so the 422 names it.
 */
const FIELD_OF_REASON: Record<string, string> = {
  PhotoNotConfirmed: 'photoConfirmed',
  EnglishNameNotConfirmed: 'englishNameConfirmed',
  PledgesMissing: 'acceptedPledgeIds',
  InvalidValidity: 'validityYears',
  ValidityNotAllowedForAge: 'validityYears',
  InvalidOffice: 'delivery.officeId',
  InvalidDeliveryMethod: 'delivery.method',
};

/** The 422 for an acceptance the workflow refused, naming the field when the reason is about one. */
export function acceptanceRejection(error: WorkflowUpdateFailedError): ProblemException {
  const cause = error.cause;
  const reason = cause instanceof ApplicationFailure ? (cause.type ?? 'UpdateRejected') : 'UpdateRejected';
  const message = cause?.message ?? error.message;
  const field = FIELD_OF_REASON[reason];
  return new ProblemException(
    HttpStatus.UNPROCESSABLE_ENTITY,
    'update-rejected',
    'The renewal cannot take this action now',
    message,
    { reason, ...(field ? { errors: [{ field, message }] } : {}) },
  );
}
