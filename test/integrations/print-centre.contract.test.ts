import { randomUUID } from 'node:crypto';
import type { PrintCentre, PrintJob, PrintOrder } from '../../src/integrations/print-centre/port';
import { isoDate } from '../../dev/sandboxes/sql';
import { seedCitizen } from '../support/citizens';
import { expectPermanent } from '../support/integration-failures';
import { ADAPTER_KINDS, useHarness, type Harness } from '../support/partner-harness';
import { UNKNOWN_ID } from '../support/fixtures';
import { waitFor } from '../support/wait';

async function order(harness: Harness, overrides: Partial<PrintOrder> = {}): Promise<PrintOrder> {
  const renewalId = randomUUID();
  const citizen = await seedCitizen(harness.db);
  return {
    jobKey: `${renewalId}/issue-1/print-1`,
    renewalId,
    officeId: 'RUH-01',
    nationalId: citizen.nationalId,
    validityYears: 5,
    ...overrides,
  };
}

function finished(printCentre: PrintCentre, jobKey: string): Promise<PrintJob> {
  return waitFor(async () => {
    const job = await printCentre.getJob(jobKey);
    return job && ['PRINTED', 'FAILED'].includes(job.status) ? job : undefined;
  }, `print job ${jobKey} to finish`);
}

describe.each(ADAPTER_KINDS)('print centre contract (%s adapter)', (kind) => {
  const harness = useHarness();
  const printCentre = () => harness().adapters(kind).printCentre;

  it('queues a job once per key, prints it after a delay and reports the passport by webhook', async () => {
    const request = await order(harness(), { validityYears: 10 });
    await expect(printCentre().submit(request)).resolves.toEqual({ jobKey: request.jobKey, status: 'QUEUED' });
    await expect(printCentre().submit(request)).resolves.toMatchObject({ jobKey: request.jobKey });

    const job = await finished(printCentre(), request.jobKey);
    const today = isoDate(new Date());
    const expiry = new Date(`${today}T00:00:00Z`);
    expiry.setUTCFullYear(expiry.getUTCFullYear() + 10);
    expiry.setUTCDate(expiry.getUTCDate() - 1);
    expect(job).toEqual({
      jobKey: request.jobKey,
      status: 'PRINTED',
      passportNumber: expect.stringMatching(/^X\d{8}$/),
      issuedOn: today,
      expiresOn: isoDate(expiry),
    });

    const webhook = await harness().webhooks.waitFor(
      (w) => w.partner === 'print-centre' && w.payload.jobKey === request.jobKey,
      'the print-centre webhook',
    );
    expect(webhook.payload).toEqual({
      eventId: webhook.id,
      type: 'JOB_COMPLETED',
      jobKey: request.jobKey,
      passportNumber: job.passportNumber,
      issuedOn: job.issuedOn,
      expiresOn: job.expiresOn,
    });
    // Resubmitting a printed job returns it as it is: no second passport.
    await expect(printCentre().submit(request)).resolves.toEqual(job);
  });

  it('stops a queued job for good; cancelling again or after the end is harmless', async () => {
    const request = await order(harness());
    await printCentre().submit(request);
    await printCentre().cancel(request.jobKey);
    await printCentre().cancel(request.jobKey);
    await new Promise((resolve) => setTimeout(resolve, 600));
    await expect(printCentre().getJob(request.jobKey)).resolves.toEqual({
      jobKey: request.jobKey,
      status: 'CANCELLED',
    });
    expect(harness().webhooks.withPayload('jobKey', request.jobKey)).toEqual([]);
  });

  it('refuses unknown jobs, unknown people and invalid orders with typed failures', async () => {
    await expect(printCentre().getJob(`${randomUUID()}/issue-1/print-1`)).resolves.toBeUndefined();
    await expectPermanent(printCentre().cancel(`${randomUUID()}/issue-1/print-1`), 'PrintJobNotFound');
    await expectPermanent(printCentre().submit(await order(harness(), { nationalId: UNKNOWN_ID })), 'CitizenNotFound');
    const invalid = await order(harness(), { validityYears: 7 as 5 });
    await expectPermanent(printCentre().submit(invalid), 'InvalidRequest');
  });
});

describe.each(ADAPTER_KINDS)('print centre contract, failing printer (%s adapter)', (kind) => {
  const harness = useHarness({ sandbox: { printCentre: { delayMs: 200, failureRate: 1 } } });

  it('reports a failed job with its reason', async () => {
    const request = await order(harness());
    await harness().adapters(kind).printCentre.submit(request);
    const job = await finished(harness().adapters(kind).printCentre, request.jobKey);
    expect(job).toEqual({ jobKey: request.jobKey, status: 'FAILED', failureReason: expect.any(String) });
    const webhook = await harness().webhooks.waitFor(
      (w) => w.payload.jobKey === request.jobKey,
      'the JOB_FAILED webhook',
    );
    expect(webhook.payload).toEqual({
      eventId: webhook.id,
      type: 'JOB_FAILED',
      jobKey: request.jobKey,
      reason: job.failureReason,
    });
  });
});
