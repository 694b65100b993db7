import { handOverUpdate } from '../../workflows/contract';
import { PICKUP_ACCEPTANCE, POST_ACCEPTANCE, RenewalDriver } from '../support/renewal-driver';

/**
 * The safety rule: a new passport becomes valid only on a confirmed handover or
 * delivery. Every workflow test checks it (RenewalDriver fails a scenario whose
 * fake registry saw an activation the test had not confirmed); this file shows
 * the check itself bites, and that activation comes after the confirming event.
 */
describe('safety rule', () => {
  it('nothing is activated while the passport waits at the counter or travels; activation follows the delivery', async () => {
    await RenewalDriver.run({}, async (renewal) => {
      await renewal.acceptAndPay(POST_ACCEPTANCE);
      const passport = await renewal.completePrint();
      for (const event of ['ACCEPTED', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERY_ATTEMPTED'] as const) {
        await renewal.carrier(event);
        await renewal.env.sleep('1 hour');
        expect(renewal.fake.callNames()).not.toContain('activateNewPassport');
        expect(renewal.fake.passports.get(passport)).toBe('PRINTED');
      }
      await renewal.deliver(passport);
      await renewal.handle.result();
      const names = renewal.fake.callNames();
      expect(names.indexOf('activateNewPassport')).toBeGreaterThan(names.lastIndexOf('dispatchShipment'));
      expect(renewal.fake.passports.get(passport)).toBe('VALID');
    });
  });

  it('the check fails a scenario in which a passport is activated without a confirmed handover', async () => {
    const unconfirmed = RenewalDriver.run({}, async (renewal) => {
      await renewal.acceptAndPay(PICKUP_ACCEPTANCE);
      await renewal.completePrint();
      await renewal.waitForStage('READY_FOR_PICKUP');
      await renewal.verifyAtCounter('N1234567');
      // The clerk's update is sent without the test declaring the handover confirmed.
      await renewal.handle.executeUpdate(handOverUpdate, {
        args: [{ clerkId: 'clerk-7' }],
      });
    });
    await expect(unconfirmed).rejects.toThrow(/Safety rule broken: X\d+ activated before its handover or delivery/);
  });
});
