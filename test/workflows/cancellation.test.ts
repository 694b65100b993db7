import { WorkflowUpdateFailedError } from '@temporalio/client';
import { eventually } from '../support/eventually';
import { FakePartners } from '../support/fake-partners';
import { POST_ACCEPTANCE, RenewalDriver } from '../support/renewal-driver';

describe('cancellation', () => {
  it('by the citizen before printing: the bill is withdrawn, nothing else was done', async () => {
    await RenewalDriver.run({}, async (renewal) => {
      await renewal.accept();
      await renewal.waitForStage('AWAITING_PAYMENT');
      expect(await renewal.cancel('CITIZEN')).toEqual({ stage: 'CANCELLED', compensations: ['BILL_CANCELLED'] });
      expect(await renewal.handle.result()).toEqual({ stage: 'CANCELLED', reason: 'CANCELLED_BY_CITIZEN' });
      expect(renewal.fake.callNames()).not.toContain('submitPrintJob');
    });
  });

  it('by the citizen after payment, before printing: the payment is refunded', async () => {
    const partners = new FakePartners();
    partners.waselSubscribed = false;
    await RenewalDriver.run({ fake: partners }, async (renewal) => {
      await renewal.acceptAndPay(POST_ACCEPTANCE);
      await renewal.waitForStage('AWAITING_ADDRESS');
      expect(await renewal.cancel('CITIZEN')).toEqual({ stage: 'CANCELLED', compensations: ['PAYMENT_REFUNDED'] });
      expect(partners.callsOf('refundBill')).toEqual([expect.objectContaining({ billNumber: 'SADAD-1' })]);
    });
  });

  it('by the citizen after printing started: refused with a reason', async () => {
    await RenewalDriver.run({}, async (renewal) => {
      await renewal.acceptAndPay();
      await renewal.waitForStage('PRINTING');
      const refusal = await renewal.cancel('CITIZEN').then(
        () => undefined,
        (error: WorkflowUpdateFailedError) => error,
      );
      expect(refusal).toBeInstanceOf(WorkflowUpdateFailedError);
      expect(refusal!.cause).toMatchObject({ type: 'PrintingStarted' });
      expect((await renewal.status()).stage).toBe('PRINTING');
      // An operator can still cancel: the print job is stopped and the payment refunded.
      expect(await renewal.cancel('OPERATOR')).toEqual({
        stage: 'CANCELLED',
        compensations: ['PRINT_JOB_CANCELLED', 'PAYMENT_REFUNDED'],
      });
    });
  });

  it('by an operator in transit: the shipment is recalled, the printed passport voided, the payment refunded', async () => {
    await RenewalDriver.run({}, async (renewal) => {
      const passport = await renewal.dispatchByPost();
      await renewal.carrier('ACCEPTED');
      await renewal.carrier('IN_TRANSIT');
      await renewal.waitForStage('IN_TRANSIT');

      expect(await renewal.cancel('OPERATOR')).toEqual({
        stage: 'CANCELLED',
        compensations: ['SHIPMENT_RECALLED', 'PASSPORT_VOIDED', 'PAYMENT_REFUNDED'],
      });
      expect(await renewal.handle.result()).toEqual({ stage: 'CANCELLED', reason: 'CANCELLED_BY_OPERATOR' });
      expect(renewal.fake.callsOf('recallShipment')).toEqual([
        expect.objectContaining({ trackingNumber: renewal.fake.trackingNumbers[0] }),
      ]);
      expect(renewal.fake.passports.get(passport)).toBe('VOIDED');
      expect(renewal.fake.callNames()).not.toContain('activateNewPassport');
    });
  });

  it('by an operator while the printed passport is being recorded: it is voided all the same', async () => {
    const partners = new FakePartners();
    await RenewalDriver.run({ fake: partners }, async (renewal) => {
      await renewal.acceptAndPay();
      const recording = partners.hold('recordPrintedPassport');
      const passport = await renewal.completePrint();
      await recording.reached;

      const cancelled = await renewal.cancel('OPERATOR');
      // The abandoned call lands late: it cannot bring the voided passport back.
      recording.release();
      await recording.finished;
      expect(cancelled).toEqual({ stage: 'CANCELLED', compensations: ['PASSPORT_VOIDED', 'PAYMENT_REFUNDED'] });
      expect(partners.passports.get(passport)).toBe('VOIDED');
      expect(partners.callsOf('voidPassport')).toEqual([expect.objectContaining({ passportNumber: passport })]);
    });
  });

  it('by an operator while the shipment is being dispatched: the shipment is recalled', async () => {
    const partners = new FakePartners();
    await RenewalDriver.run({ fake: partners }, async (renewal) => {
      await renewal.acceptAndPay(POST_ACCEPTANCE);
      const dispatching = partners.hold('dispatchShipment');
      const passport = await renewal.completePrint();
      await dispatching.reached;

      const cancelled = await renewal.cancel('OPERATOR');
      dispatching.release();
      await dispatching.finished;
      expect(cancelled).toEqual({
        stage: 'CANCELLED',
        compensations: ['SHIPMENT_RECALLED', 'PASSPORT_VOIDED', 'PAYMENT_REFUNDED'],
      });
      // One shipment, whichever call created it, and it is the one recalled.
      expect(partners.trackingNumbers).toHaveLength(1);
      expect(partners.callsOf('recallShipment')).toEqual([
        expect.objectContaining({ trackingNumber: partners.trackingNumbers[0] }),
      ]);
      expect(partners.passports.get(passport)).toBe('VOIDED');
    });
  });

  it("through Temporal (the UI's Request Cancellation, `temporal workflow cancel`) in transit: undone as an operator's", async () => {
    await RenewalDriver.run({}, async (renewal) => {
      const passport = await renewal.dispatchByPost();
      await renewal.carrier('ACCEPTED');
      await renewal.carrier('IN_TRANSIT');
      await renewal.waitForStage('IN_TRANSIT');

      await renewal.handle.cancel();
      expect(await renewal.handle.result()).toEqual({ stage: 'CANCELLED', reason: 'CANCELLED_BY_OPERATOR' });
      expect(renewal.fake.callNames()).toEqual(
        expect.arrayContaining(['recallShipment', 'voidPassport', 'refundBill']),
      );
      expect(renewal.fake.passports.get(passport)).toBe('VOIDED');
      expect((await renewal.status()).timeline.at(-1)).toMatchObject({ stage: 'CANCELLED' });
    });
  });

  it('through Temporal while the new passport is handed over: refused, operators told, the handover completes', async () => {
    const partners = new FakePartners();
    await RenewalDriver.run({ fake: partners }, async (renewal) => {
      await renewal.acceptAndPay();
      const passport = await renewal.completePrint();
      await renewal.waitForStage('READY_FOR_PICKUP');
      await renewal.verifyAtCounter('N1234567');
      const activating = partners.hold('activateNewPassport');
      const handingOver = renewal.handOver(passport);
      await activating.reached;

      await renewal.handle.cancel();
      await eventually(
        async () => (partners.alertsOf('CANCEL_REQUEST_REFUSED').length ? true : undefined),
        'operators told of the refused request',
      );
      activating.release();
      expect(await handingOver).toEqual({ newPassportNumber: passport });
      expect(await renewal.handle.result()).toMatchObject({ stage: 'COMPLETED', newPassportNumber: passport });
      expect(partners.alertsOf('CANCEL_REQUEST_REFUSED')).toEqual([
        expect.objectContaining({ details: expect.objectContaining({ refusal: 'HandoverInProgress' }) }),
      ]);
      expect(partners.passports.get(passport)).toBe('VALID');
    });
  });
});
