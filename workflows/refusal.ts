import { ActivityFailure, ApplicationFailure } from '@temporalio/workflow';

/** Refuses a message in its validator (or handler), with a type the API turns into a problem. */
export function refuse(message: string, type: string): never {
  throw ApplicationFailure.nonRetryable(message, type);
}

/** Whether an activity failed because its partner system refused for good, with this type. */
export function refusedAs(error: unknown, type: string): boolean {
  return error instanceof ActivityFailure && error.cause instanceof ApplicationFailure && error.cause.type === type;
}

/** The type of a failure a partner system refused for good (non-retryable), if that is what ended the flow. */
export function permanentFailureType(error: unknown): string | undefined {
  if (error instanceof ActivityFailure && error.cause instanceof ApplicationFailure) {
    return error.cause.type ?? 'PermanentFailure';
  }
  return undefined;
}
