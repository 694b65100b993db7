import { ApplicationFailure } from '@temporalio/common';
import { withSafeErrors } from '../../../activities/safe-errors';
import { permanentFailure, TransientIntegrationError } from '../../../src/integrations/errors';

/** What reaches Temporal when a port fails inside an activity. */
describe('the activity boundary', () => {
  const failing = (error: unknown) => withSafeErrors({ call: async () => Promise.reject(error) }).call();

  it('turns a permanent integration error into a non-retryable failure of the same type and details', async () => {
    const refusal = permanentFailure('BillAlreadyPaid', 'bill is PAID: refund it instead', {
      system: 'sadad',
      operation: 'cancelBill',
      field: 'billNumber',
    });
    const failure = await failing(refusal).catch((caught: unknown) => caught);
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({
      type: 'BillAlreadyPaid',
      nonRetryable: true,
      message: 'bill is PAID: refund it instead',
      details: [{ system: 'sadad', operation: 'cancelBill', field: 'billNumber' }],
    });
  });

  it('turns a transient integration error into a retryable failure', async () => {
    const failure = await failing(new TransientIntegrationError('wasel', 'lookUpAddress', 'HTTP 503')).catch(
      (caught: unknown) => caught,
    );
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({
      type: 'PartnerUnavailable',
      nonRetryable: false,
      message: 'wasel lookUpAddress failed transiently: HTTP 503',
      details: [{ system: 'wasel', operation: 'lookUpAddress' }],
    });
  });

  it('lets other errors through as they are', async () => {
    const other = new Error('something else');
    await expect(failing(other)).rejects.toBe(other);
  });
});
