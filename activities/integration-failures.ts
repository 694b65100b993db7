import { ApplicationFailure } from '@temporalio/common';
import type { IntegrationError } from '../src/integrations/errors';

/**
 * A port's plain error as the Temporal failure the workflow decides on: a
 * permanent one is non-retryable and keeps its type (the workflow's FAILED
 * reason) and details; a transient one is retried with the activity's backoff.
 * Message and details name systems, operations and fields only, so they may
 * stand in the history.
 */
export function temporalFailureOf(error: IntegrationError): ApplicationFailure {
  return ApplicationFailure.create({
    message: error.message,
    type: error.type,
    nonRetryable: error.kind === 'permanent',
    details: [error.details],
  });
}
