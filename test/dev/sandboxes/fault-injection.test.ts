import { randomUUID } from 'node:crypto';
import { TransientIntegrationError } from '../../../src/integrations/errors';
import type { BillRequest } from '../../../src/integrations/sadad/port';
import { SEEDED } from '../../../dev/sandboxes/seed-people';
import { expectPermanent, expectTransient } from '../../support/integration-failures';
import { ADAPTER_KINDS, useHarness, type Harness } from '../../support/partner-harness';

const billRequest = (): BillRequest => ({
  billKey: `${randomUUID()}/fee`,
  nationalId: SEEDED.validPassport,
  amountSar: 300,
  expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
  description: 'Passport renewal',
});

async function billsWithKey(harness: Harness, billKey: string): Promise<number> {
  const [{ count }] = await harness.db.query(
    `SELECT count(*)::int AS count FROM sandbox.sadad_bills WHERE bill_key = $1`,
    [billKey],
  );
  return count;
}

describe.each(ADAPTER_KINDS)('fault injection (%s adapter)', (kind) => {
  describe('a partner that is down', () => {
    const harness = useHarness({ faults: { errorRate: 1 } });

    it('fails every call with a retryable error and does nothing', async () => {
      const adapters = harness().adapters(kind);
      const request = billRequest();
      await expectTransient(adapters.sadad.issueBill(request));
      expect(await billsWithKey(harness(), request.billKey)).toBe(0);
      await expectTransient(adapters.registry.lookUpCitizen(SEEDED.validPassport));
      await expectTransient(adapters.wasel.lookUpAddress(SEEDED.validPassport));
      await expectTransient(adapters.saudiPost.getShipment('RR400000015SA'));
      await expectTransient(adapters.printCentre.getJob('no-such-job'));
      await expectTransient(adapters.sms.send({ messageKey: randomUUID(), to: '+966501234567', text: 'hello' }));
    });
  });

  describe('a partner whose answers get lost', () => {
    const harness = useHarness({ faults: { timeoutRate: 1 } });

    it('does the work but times out, so only an idempotent retry is safe', async () => {
      const request = billRequest();
      await expectTransient(harness().adapters(kind).sadad.issueBill(request));
      await expectTransient(harness().adapters(kind).sadad.issueBill(request));
      expect(await billsWithKey(harness(), request.billKey)).toBe(1);
    });
  });

  describe('a partner that refuses', () => {
    const harness = useHarness({ faults: { permanentErrorRate: 1 } });

    it('fails with a typed, non-retryable failure', async () => {
      const failure = await expectPermanent(harness().adapters(kind).sadad.issueBill(billRequest()), 'PartnerRejected');
      expect(failure.message).toContain('issueBill');
    });
  });

  describe('a slow partner', () => {
    const harness = useHarness({ faults: { latencyMs: 150 } });

    it('answers after the added latency', async () => {
      const started = Date.now();
      await harness().adapters(kind).registry.lookUpCitizen(SEEDED.validPassport);
      expect(Date.now() - started).toBeGreaterThanOrEqual(145);
    });
  });

  describe('a partner failing 30% of calls', () => {
    const harness = useHarness({ faults: { errorRate: 0.2, timeoutRate: 0.1 } });

    it('is absorbed by retrying: every bill issued exactly once', async () => {
      let transientFailures = 0;
      const requests = Array.from({ length: 40 }, billRequest);
      for (const request of requests) {
        for (;;) {
          try {
            await harness().adapters(kind).sadad.issueBill(request);
            break;
          } catch (error) {
            expect(error).toBeInstanceOf(TransientIntegrationError);
            transientFailures += 1;
          }
        }
      }
      for (const request of requests) expect(await billsWithKey(harness(), request.billKey)).toBe(1);
      expect(transientFailures).toBeGreaterThan(0);
    });
  });
});
