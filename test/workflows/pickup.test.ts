import { WorkflowUpdateFailedError } from '@temporalio/client';
import { FakePartners } from '../support/fake-partners';
import { PICKUP_ACCEPTANCE, RenewalDriver } from '../support/renewal-driver';

/** Every stage of a renewal handed over at the counter, in order. */
const PICKUP_STAGES = [
  'ELIGIBILITY_CHECK',
  'AWAITING_ACCEPTANCE',
  'AWAITING_PAYMENT',
  'PRINTING',
  'READY_FOR_PICKUP',
  'COMPLETED',
];

describe('renewal with pickup at the counter', () => {
  it('pickup happy path: accept, pay, print, verify, hand over', async () => {
    await RenewalDriver.run({}, async (renewal) => {
      const fee = await renewal.accept(PICKUP_ACCEPTANCE);
      expect(fee).toEqual({ feeSar: 600, postageSar: 0, totalSar: 600 });
      await renewal.pay();
      const passport = await renewal.completePrint();
      const ready = await renewal.waitForStage('READY_FOR_PICKUP');
      expect(ready.pendingAction).toBe('CITIZEN_VISIT_OFFICE_WITH_OLD_PASSPORT');
      expect(ready.stageDeadline).toBeDefined();

      // Days pass before the citizen comes; nothing is activated meanwhile.
      await renewal.env.sleep('4 days');
      expect(renewal.fake.callNames()).not.toContain('activateNewPassport');

      expect(await renewal.verifyAtCounter('n1234567')).toEqual({ matched: true, mismatchesSoFar: 0 });
      expect(await renewal.handOver(passport)).toEqual({ newPassportNumber: passport });
      expect(await renewal.handle.result()).toEqual({
        stage: 'COMPLETED',
        reason: 'handed over by clerk clerk-7',
        newPassportNumber: passport,
      });

      expect(renewal.stagesVisited()).toEqual(PICKUP_STAGES);
      expect(renewal.fake.callsOf('issueBill')).toEqual([expect.objectContaining({ amountSar: 600 })]);
      expect(renewal.fake.paidBills).toEqual(['SADAD-1']);
      expect(renewal.fake.callsOf('submitPrintJob')).toEqual([
        expect.objectContaining({ issueNumber: 1, attempt: 1, officeId: 'RUH-01', validityYears: 10 }),
      ]);
      expect(renewal.fake.passports.get(passport)).toBe('VALID');
      expect(renewal.fake.passports.get('N1234567')).toBe('CANCELLED');
      expect(renewal.fake.noticeKinds()).toEqual([
        'ACCEPTANCE_REQUESTED',
        'BILL_ISSUED',
        'PAYMENT_RECEIVED',
        'PRINTING',
        'READY_FOR_PICKUP',
        'COMPLETED',
      ]);

      // The reminder's timer, pending at the handover, is left to end with the renewal: never cancelled (an event
      // for nothing), and it never fires into the completed renewal, however much time passes.
      await renewal.env.sleep('30 days');
      const events = (await renewal.handle.fetchHistory()).events!;
      const reminder = events.filter((event) => event.timerStartedEventAttributes).at(-1)!;
      const closing = events.filter(
        (event) =>
          String((event.timerFiredEventAttributes ?? event.timerCanceledEventAttributes)?.startedEventId) ===
          String(reminder.eventId),
      );
      expect(closing).toEqual([]);
      expect(events.at(-1)!.workflowExecutionCompletedEventAttributes).toBeDefined();
    });
  });

  it('counter mismatch then match: mismatches are counted, the handover waits for a match', async () => {
    await RenewalDriver.run({}, async (renewal) => {
      await renewal.acceptAndPay();
      const passport = await renewal.completePrint();
      await renewal.waitForStage('READY_FOR_PICKUP');

      await expect(renewal.handOver(passport)).rejects.toThrow(WorkflowUpdateFailedError);
      await expect(renewal.verifyAtCounter('N1234567', false)).rejects.toThrow(WorkflowUpdateFailedError);
      expect(await renewal.verifyAtCounter('K0000001')).toEqual({ matched: false, mismatchesSoFar: 1 });
      expect(await renewal.verifyAtCounter('K0000002')).toEqual({ matched: false, mismatchesSoFar: 2 });
      expect((await renewal.status()).pendingAction).toBe('CITIZEN_VISIT_OFFICE_WITH_OLD_PASSPORT');
      expect(await renewal.verifyAtCounter('N1234567')).toEqual({ matched: true, mismatchesSoFar: 2 });
      expect((await renewal.status()).counterMismatches).toBe(2);
      await renewal.handOver(passport);
      expect((await renewal.handle.result()).stage).toBe('COMPLETED');
    });
  });

  it('a third mismatch alerts operators', async () => {
    await RenewalDriver.run({}, async (renewal) => {
      await renewal.acceptAndPay();
      await renewal.completePrint();
      await renewal.waitForStage('READY_FOR_PICKUP');
      for (const wrong of ['A1111111', 'A2222222', 'A3333333']) await renewal.verifyAtCounter(wrong);
      expect(renewal.fake.alerts).toEqual([
        { kind: 'COUNTER_MISMATCHES', details: { clerkId: 'clerk-7', mismatches: 3 } },
      ]);
      await renewal.cancel('OPERATOR');
    });
  });

  it('pickup window expiry: a reminder, then the printed passport is voided and the renewal expires', async () => {
    await RenewalDriver.run({}, async (renewal) => {
      await renewal.acceptAndPay();
      const passport = await renewal.completePrint();
      const ready = await renewal.waitForStage('READY_FOR_PICKUP');
      const readyAt = new Date(ready.timeline.at(-1)!.at);
      const deadline = new Date(ready.stageDeadline!);
      // 10 working days (Sunday to Thursday) end at a Riyadh midnight, about two calendar weeks later.
      expect((deadline.getTime() - readyAt.getTime()) / 86_400_000).toBeGreaterThan(12);
      expect((deadline.getTime() - readyAt.getTime()) / 86_400_000).toBeLessThanOrEqual(15);
      expect(deadline.getUTCHours()).toBe(21);

      expect(await renewal.handle.result()).toEqual({ stage: 'EXPIRED', reason: 'PICKUP_WINDOW_ELAPSED' });
      expect(renewal.fake.callsOf('voidPassport')).toEqual([
        { passportNumber: passport, reason: 'PICKUP_WINDOW_ELAPSED' },
      ]);
      expect(renewal.fake.passports.get(passport)).toBe('VOIDED');
      expect(renewal.fake.callNames()).not.toContain('activateNewPassport');
      expect(renewal.fake.noticeKinds()).toEqual(
        expect.arrayContaining(['READY_FOR_PICKUP', 'PICKUP_REMINDER', 'EXPIRED']),
      );
    });
  });

  it('notices are written with the changes they announce; the workflow never waits for an SMS gateway', async () => {
    await RenewalDriver.run({}, async (renewal) => {
      await renewal.acceptAndPay();
      const passport = await renewal.completePrint();
      await renewal.waitForStage('READY_FOR_PICKUP');
      await renewal.verifyAtCounter('N1234567');
      await renewal.handOver(passport);
      expect((await renewal.handle.result()).stage).toBe('COMPLETED');
      // Besides the progress writes, only partner calls: notices are outbox rows of those writes (sent by the
      // worker's sender), and the bill mirror is marked paid by one of them.
      expect([...new Set(renewal.fake.callNames())].sort()).toEqual([
        'activateNewPassport',
        'issueBill',
        'lookUpCitizen',
        'recordPrintedPassport',
        'recordProgress',
        'submitPrintJob',
      ]);
      const announced = renewal.fake.progress
        .filter((write) => write.notices.length)
        .map((write) => [write.timeline.map((line) => line.stage).join('+'), ...write.notices.map((n) => n.notice)]);
      expect(announced).toEqual([
        ['ELIGIBILITY_CHECK+AWAITING_ACCEPTANCE', 'ACCEPTANCE_REQUESTED'],
        ['AWAITING_PAYMENT', 'BILL_ISSUED'],
        // The payment is told with the next change, which follows at once for pickup.
        ['PRINTING', 'PAYMENT_RECEIVED', 'PRINTING'],
        ['READY_FOR_PICKUP', 'READY_FOR_PICKUP'],
        ['COMPLETED', 'COMPLETED'],
      ]);
      // No personal data goes to the projection: the read model knows the citizen by renewal id.
      expect(JSON.stringify(renewal.fake.progress)).not.toContain(renewal.input.nationalId);
    });
  });

  it('a database outage makes the renewal wait, not fail: its writes are retried until they land', async () => {
    const fake = new FakePartners();
    await RenewalDriver.run({ fake }, async (renewal) => {
      await renewal.waitForStage('AWAITING_ACCEPTANCE');
      // PostgreSQL is down for the next eight writes: minutes of backoff, the longer ones on server timers.
      fake.progressOutage = 8;
      await renewal.accept();
      await renewal.env.sleep('10 minutes');
      expect(fake.progressOutage).toBe(0);
      // The longer backoffs waited on server timers (nothing else in this renewal's path lets a timer fire).
      const events = (await renewal.handle.fetchHistory()).events ?? [];
      const fired = events.filter((event) => event.timerFiredEventAttributes).length;
      expect(fired).toBeGreaterThanOrEqual(2);
      await renewal.pay();
      const passport = await renewal.completePrint();
      await renewal.waitForStage('READY_FOR_PICKUP');
      await renewal.verifyAtCounter('N1234567');
      await renewal.handOver(passport);
      expect((await renewal.handle.result()).stage).toBe('COMPLETED');
      expect(renewal.stagesVisited()).toEqual(PICKUP_STAGES);
    });
  });
});
