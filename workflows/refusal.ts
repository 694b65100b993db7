import { ApplicationFailure } from '@temporalio/workflow';

/** Refuses a message in its validator (or handler), with a type the API turns into a problem. */
export function refuse(message: string, type: string): never {
  throw ApplicationFailure.nonRetryable(message, type);
}
