import { WorkflowUpdateFailedError } from '@temporalio/client';
import { acceptTermsUpdate, paymentReceivedSignal } from '../../workflows/contract';
import { bornYearsAgo, CITIZEN, FakePartners } from '../support/fake-partners';
import { PICKUP_ACCEPTANCE, RenewalDriver } from '../support/renewal-driver';

async function updateRejection(promise: Promise<unknown>): Promise<{ type?: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    // Anything else (a transport error, a timeout) fails the test with its own message.
    if (!(error instanceof WorkflowUpdateFailedError)) throw error;
    const cause = (error as WorkflowUpdateFailedError).cause as { type?: string; message: string };
    return { type: cause.type, message: cause.message };
  }
  throw new Error('The update was accepted');
}

describe('online acceptance and payment', () => {
  it('an acceptance with a missing pledge is refused by the validator, naming the pledges', async () => {
    await RenewalDriver.run({}, async (renewal) => {
      await renewal.waitForStage('AWAITING_ACCEPTANCE');
      const refused = await updateRejection(
        renewal.accept({ ...PICKUP_ACCEPTANCE, acceptedPledgeIds: ['DATA_ACCURACY'] }),
      );
      expect(refused).toEqual({
        type: 'PledgesMissing',
        message: 'Required pledges not accepted: OLD_PASSPORT_SURRENDER, LOSS_REPORTING',
      });
      // (That the refusal leaves no event at all is shown against the dev server: validator-leaves-no-trace.test.ts.)
      const events = (await renewal.handle.fetchHistory()).events!;
      expect(events.some((event) => event.workflowExecutionUpdateAcceptedEventAttributes)).toBe(false);
      expect((await renewal.status()).stage).toBe('AWAITING_ACCEPTANCE');

      for (const [request, type] of [
        [{ ...PICKUP_ACCEPTANCE, photoConfirmed: false }, 'PhotoNotConfirmed'],
        [{ ...PICKUP_ACCEPTANCE, englishNameConfirmed: false }, 'EnglishNameNotConfirmed'],
        [{ ...PICKUP_ACCEPTANCE, validityYears: 7 }, 'InvalidValidity'],
        [{ ...PICKUP_ACCEPTANCE, delivery: { method: 'PICKUP', officeId: 'nowhere' } }, 'InvalidOffice'],
        [{ ...PICKUP_ACCEPTANCE, delivery: { method: 'DRONE' } }, 'InvalidDeliveryMethod'],
      ] as const) {
        expect((await updateRejection(renewal.accept(request as never))).type).toBe(type);
      }
      expect(await renewal.accept(PICKUP_ACCEPTANCE)).toMatchObject({ totalSar: 600 });
      // Sent straight away: `accept()` would wait for AWAITING_ACCEPTANCE, which the renewal is already leaving.
      const again = renewal.handle.executeUpdate(acceptTermsUpdate, { args: [PICKUP_ACCEPTANCE] });
      expect((await updateRejection(again)).type).toBe('AlreadyAccepted');
      await renewal.cancel('CITIZEN');
    });
  });

  it('under 21 asking for 10 years is refused; 5 years is accepted at the 5-year fee', async () => {
    const minor = { ...CITIZEN, nationalId: '1023456781', dateOfBirth: bornYearsAgo(19) };
    const fake = new FakePartners({ [minor.nationalId]: minor });
    await RenewalDriver.run({ fake, nationalId: minor.nationalId }, async (renewal) => {
      const refused = await updateRejection(renewal.accept({ ...PICKUP_ACCEPTANCE, validityYears: 10 }));
      expect(refused).toEqual({
        type: 'ValidityNotAllowedForAge',
        message: 'Under 21, only a 5-year passport can be issued',
      });
      expect(await renewal.accept({ ...PICKUP_ACCEPTANCE, validityYears: 5 })).toEqual({
        feeSar: 300,
        postageSar: 0,
        totalSar: 300,
      });
      await renewal.cancel('CITIZEN');
    });
  });

  it('acceptance window expiry: no acceptance within 14 days → EXPIRED', async () => {
    await RenewalDriver.run({}, async (renewal) => {
      const waiting = await renewal.waitForStage('AWAITING_ACCEPTANCE');
      expect(waiting.pendingAction).toBe('CITIZEN_REVIEW_AND_ACCEPT');
      expect(await renewal.handle.result()).toEqual({ stage: 'EXPIRED', reason: 'ACCEPTANCE_WINDOW_ELAPSED' });
      expect(renewal.fake.callNames()).not.toContain('issueBill');
    });
  });

  it('bill expiry: an unpaid bill is withdrawn and the renewal cancelled, nothing printed', async () => {
    await RenewalDriver.run({}, async (renewal) => {
      await renewal.accept();
      const awaiting = await renewal.waitForStage('AWAITING_PAYMENT');
      expect(awaiting).toMatchObject({ pendingAction: 'CITIZEN_PAY_BILL', amountDueSar: 600, billNumber: 'SADAD-1' });
      expect(await renewal.handle.result()).toEqual({ stage: 'CANCELLED', reason: 'BILL_EXPIRED' });
      expect(renewal.fake.callsOf('cancelBill')).toEqual([expect.objectContaining({ billNumber: 'SADAD-1' })]);
      expect(renewal.fake.callNames()).not.toContain('submitPrintJob');
    });
  });

  it('a payment for another bill or a partial amount does not count', async () => {
    await RenewalDriver.run({}, async (renewal) => {
      await renewal.accept();
      await renewal.waitForStage('AWAITING_PAYMENT');
      await renewal.handle.signal(paymentReceivedSignal, {
        billNumber: 'SADAD-999',
        paymentId: 'P1',
        amountSar: 600,
        paidAt: new Date().toISOString(),
      });
      await renewal.handle.signal(paymentReceivedSignal, {
        billNumber: 'SADAD-1',
        paymentId: 'P2',
        amountSar: 100,
        paidAt: new Date().toISOString(),
      });
      await renewal.env.sleep('1 hour');
      expect((await renewal.status()).stage).toBe('AWAITING_PAYMENT');
      await renewal.pay();
      await renewal.waitForStage('PRINTING');
      await renewal.cancel('OPERATOR');
    });
  });

  it('a payment SADAD reports before our bill call has returned counts once the bill is known', async () => {
    const partners = new FakePartners();
    await RenewalDriver.run({ fake: partners }, async (renewal) => {
      // The bill exists at SADAD and is paid, but the answer to issueBill has not reached the workflow yet.
      const issuing = partners.hold('issueBill');
      await renewal.accept();
      await issuing.reached;
      await renewal.handle.signal(paymentReceivedSignal, {
        billNumber: 'SADAD-1',
        paymentId: 'P-early',
        amountSar: 600,
        paidAt: new Date().toISOString(),
      });
      issuing.release();
      await issuing.finished;
      // Printing starts without waiting out the bill's expiry, and nothing is withdrawn or refunded.
      await renewal.waitForStage('PRINTING');
      expect(partners.callNames()).not.toContain('cancelBill');
      const cancelled = await renewal.cancel('OPERATOR');
      expect(cancelled).toEqual({ stage: 'CANCELLED', compensations: ['PRINT_JOB_CANCELLED', 'PAYMENT_REFUNDED'] });
    });
  });
});
