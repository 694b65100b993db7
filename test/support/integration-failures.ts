import { PermanentIntegrationError, TransientIntegrationError } from '../../src/integrations/errors';

/** The call fails for good with a typed, permanent integration error (no Temporal type: the activity boundary adds it). */
export async function expectPermanent(call: Promise<unknown>, type: string): Promise<PermanentIntegrationError> {
  const error = await call.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(PermanentIntegrationError);
  expect(error).toMatchObject({ type, kind: 'permanent' });
  return error as PermanentIntegrationError;
}

/** The call fails with an error worth retrying. */
export async function expectTransient(call: Promise<unknown>): Promise<void> {
  await expect(call).rejects.toBeInstanceOf(TransientIntegrationError);
}
