import { addressRegisteredSignal } from '../../workflows/contract';
import { FakePartners } from '../support/fake-partners';
import { POST_ACCEPTANCE, RenewalDriver } from '../support/renewal-driver';

describe('Wasel national address for home delivery', () => {
  it('not subscribed → the citizen is told how to subscribe → subscribed later → delivered by post', async () => {
    const fake = new FakePartners();
    fake.waselSubscribed = false;
    await RenewalDriver.run({ fake }, async (renewal) => {
      await renewal.acceptAndPay(POST_ACCEPTANCE);
      const waiting = await renewal.waitForStage('AWAITING_ADDRESS');
      expect(waiting.pendingAction).toBe('CITIZEN_SUBSCRIBE_TO_WASEL');
      await renewal.waitForNotice('WASEL_SUBSCRIPTION_NEEDED');

      // A webhook before the subscription is really usable: the workflow checks again and keeps waiting.
      await renewal.handle.signal(addressRegisteredSignal);
      await renewal.env.sleep('60 hours');
      expect((await renewal.status()).stage).toBe('AWAITING_ADDRESS');
      // The first check, the one the webhook prompted, and one a day since.
      expect(fake.callsOf('checkNationalAddress')).toHaveLength(4);

      await renewal.registerAddress();
      const passport = await renewal.completePrint();
      await renewal.waitForStage('DISPATCHED');
      expect((await renewal.status()).deliveryMethod).toBe('POST');
      await renewal.carrier('ACCEPTED');
      await renewal.deliver(passport);
      expect((await renewal.handle.result()).stage).toBe('COMPLETED');
      expect(fake.callsOf('checkNationalAddress')).toHaveLength(5);
    });
  });

  it('a subscription whose webhook never arrives is found by the daily re-check', async () => {
    const fake = new FakePartners();
    fake.waselSubscribed = false;
    await RenewalDriver.run({ fake }, async (renewal) => {
      await renewal.acceptAndPay(POST_ACCEPTANCE);
      await renewal.waitForStage('AWAITING_ADDRESS');
      fake.waselSubscribed = true;
      await renewal.env.sleep('25 hours');
      await renewal.waitForStage('PRINTING');
      expect((await renewal.status()).deliveryMethod).toBe('POST');
    });
  });

  it('never subscribed → pickup at the chosen office, and the citizen is told', async () => {
    const fake = new FakePartners();
    fake.waselSubscribed = false;
    await RenewalDriver.run({ fake }, async (renewal) => {
      await renewal.acceptAndPay(POST_ACCEPTANCE);
      await renewal.waitForStage('AWAITING_ADDRESS');
      await renewal.env.sleep('15 days');
      const passport = await renewal.completePrint();
      const ready = await renewal.waitForStage('READY_FOR_PICKUP');
      expect(ready).toMatchObject({ deliveryMethod: 'PICKUP', officeId: 'RUH-01' });
      await renewal.waitForNotice('ADDRESS_FALLBACK_TO_PICKUP');
      expect(fake.callNames()).not.toContain('dispatchShipment');
      // Postage was billed with the fee; the fallback does not bill again.
      expect(fake.callsOf('issueBill')).toEqual([expect.objectContaining({ amountSar: 635 })]);
      await renewal.verifyAtCounter('N1234567');
      await renewal.handOver(passport);
      expect((await renewal.handle.result()).stage).toBe('COMPLETED');
    });
  });
});
