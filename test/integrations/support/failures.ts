import { ApplicationFailure } from '@temporalio/common';
import { TransientIntegrationError } from '../../../src/integrations/errors';

/** The call fails for good with a typed, non-retryable ApplicationFailure. */
export async function expectPermanent(call: Promise<unknown>, type: string): Promise<ApplicationFailure> {
  const error = await call.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ApplicationFailure);
  expect(error).toMatchObject({ type, nonRetryable: true });
  return error as ApplicationFailure;
}

/** The call fails with an error Temporal retries. */
export async function expectTransient(call: Promise<unknown>): Promise<void> {
  await expect(call).rejects.toBeInstanceOf(TransientIntegrationError);
}
