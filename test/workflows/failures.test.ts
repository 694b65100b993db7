import { FakePartners } from '../support/fake-partners';
import { PICKUP_ACCEPTANCE, POST_ACCEPTANCE, RenewalDriver } from '../support/renewal-driver';

describe('failures of partner systems', () => {
  it('a permanent, typed refusal (malformed Wasel address) ends FAILED with that reason, and the payment is refunded', async () => {
    const fake = new FakePartners();
    fake.waselReturnsMalformedAddress = true;
    await RenewalDriver.run({ fake }, async (renewal) => {
      await renewal.acceptAndPay(POST_ACCEPTANCE);
      expect(await renewal.handle.result()).toEqual({ stage: 'FAILED', reason: 'MalformedAddress' });
      expect(renewal.stagesVisited().slice(-1)).toEqual(['FAILED']);
      expect(fake.callsOf('refundBill')).toEqual([expect.objectContaining({ reason: 'MalformedAddress' })]);
      expect(fake.alerts).toEqual([{ kind: 'RENEWAL_FAILED', details: { reason: 'MalformedAddress' } }]);
      expect(fake.noticeKinds().at(-1)).toBe('FAILED');
    });
  });

  it('a print failure is reprinted under a new job; the reprint is handed over', async () => {
    await RenewalDriver.run({}, async (renewal) => {
      await renewal.acceptAndPay(PICKUP_ACCEPTANCE);
      await renewal.failPrint('CHIP_WRITE_ERROR');
      const passport = await renewal.completePrint();
      await renewal.waitForStage('READY_FOR_PICKUP');
      expect(renewal.fake.printJobs).toEqual([
        `${renewal.input.renewalId}/issue-1/print-1`,
        `${renewal.input.renewalId}/issue-1/print-2`,
      ]);
      expect(renewal.fake.callsOf('recordPrintFailure')).toEqual([
        { jobKey: renewal.fake.printJobs[0], reason: 'CHIP_WRITE_ERROR' },
      ]);
      await renewal.verifyAtCounter('N1234567');
      await renewal.handOver(passport);
      expect((await renewal.handle.result()).stage).toBe('COMPLETED');
    });
  });

  it('print failures beyond the limit fail the renewal and refund the citizen', async () => {
    await RenewalDriver.run({}, async (renewal) => {
      await renewal.acceptAndPay(PICKUP_ACCEPTANCE);
      await renewal.failPrint();
      await renewal.failPrint();
      expect(await renewal.handle.result()).toEqual({ stage: 'FAILED', reason: 'PRINTING_FAILED' });
      expect(renewal.fake.callsOf('refundBill')).toHaveLength(1);
    });
  });

  it('a print job never reported: operators alerted at the deadline (overdue), FAILED at twice it, the job cancelled', async () => {
    await RenewalDriver.run({}, async (renewal) => {
      await renewal.acceptAndPay(PICKUP_ACCEPTANCE);
      const printing = await renewal.waitForStage('PRINTING');
      await renewal.env.sleep('2 days');
      // The deadline has passed, but the escalation (the alert and the overdue mark, recorded by an activity)
      // follows the timer on the worker: wait for the status to show it instead of racing it. Time stands still
      // meanwhile (it moves only while the test sleeps or awaits the result), so the hard limit cannot pass first.
      const escalated = await renewal.waitForStatus((status) => status.overdue, 'the overdue print escalated');
      expect(renewal.fake.alerts).toEqual([expect.objectContaining({ kind: 'PRINT_OVERDUE' })]);
      // Same stage, same deadline (the one missed), no new timeline line: one line per stage transition.
      expect(escalated).toMatchObject({ stage: 'PRINTING', stageDeadline: printing.stageDeadline });
      expect(escalated.timeline).toEqual(printing.timeline);
      expect(await renewal.handle.result()).toEqual({ stage: 'FAILED', reason: 'PRINTING_FAILED' });
      expect(renewal.fake.callsOf('cancelPrintJob')).toEqual([renewal.fake.printJobs[0]]);
      expect(renewal.fake.callsOf('refundBill')).toHaveLength(1);
      expect(renewal.fake.alerts.map((alert) => alert.kind)).toEqual(['PRINT_OVERDUE', 'RENEWAL_FAILED']);
    });
  });
});
