import { RenewalStageKey } from '../../workflows/contract';
import { FakePartners } from '../support/fake-partners';
import { POST_ACCEPTANCE, RenewalDriver } from '../support/renewal-driver';

describe('renewal with home delivery by Saudi Post', () => {
  it('post within SLA: dispatched, accepted, in transit, out for delivery, delivered with OTP', async () => {
    await RenewalDriver.run({}, async (renewal) => {
      expect(await renewal.accept(POST_ACCEPTANCE)).toEqual({ feeSar: 600, postageSar: 35, totalSar: 635 });
      await renewal.pay();
      const passport = await renewal.completePrint();
      await renewal.waitForStage('DISPATCHED');
      await renewal.carrier('ACCEPTED');
      await renewal.env.sleep('2 hours');
      await renewal.carrier('IN_TRANSIT');
      await renewal.waitForStage('IN_TRANSIT');
      await renewal.env.sleep('10 hours');
      await renewal.carrier('OUT_FOR_DELIVERY');
      const out = await renewal.waitForStage('OUT_FOR_DELIVERY');
      expect(out.pendingAction).toBe('CITIZEN_RECEIVE_COURIER_WITH_OLD_PASSPORT');
      expect(out.tracking).toMatchObject({ trackingNumber: renewal.fake.trackingNumbers[0], deliveryAttempts: 0 });
      expect(renewal.fake.callNames()).not.toContain('activateNewPassport');

      await renewal.deliver(passport, 'OTP');
      expect(await renewal.handle.result()).toEqual({
        stage: 'COMPLETED',
        reason: 'delivered (OTP)',
        newPassportNumber: passport,
      });
      expect(renewal.stagesVisited()).toEqual([
        'ELIGIBILITY_CHECK',
        'AWAITING_ACCEPTANCE',
        'AWAITING_PAYMENT',
        'PRINTING',
        'DISPATCHING',
        'DISPATCHED',
        'IN_TRANSIT',
        'OUT_FOR_DELIVERY',
        'COMPLETED',
      ]);
      expect((await renewal.status()).slaBreached).toBe(false);
      expect(renewal.fake.callsOf('checkNationalAddress')).toHaveLength(1);
      expect(renewal.fake.shipmentClosures).toEqual([expect.objectContaining({ status: 'DELIVERED' })]);
      expect(renewal.fake.passports.get(passport)).toBe('VALID');
      expect(renewal.fake.passports.get('N1234567')).toBe('CANCELLED');
      expect(renewal.fake.alerts).toEqual([]);
    });
  });

  it('SLA breach then delivered: SlaBreached is set, operators alerted, the renewal keeps waiting', async () => {
    await RenewalDriver.run({}, async (renewal) => {
      const passport = await renewal.dispatchByPost();
      await renewal.carrier('ACCEPTED');
      await renewal.carrier('IN_TRANSIT');
      await renewal.waitForStage('IN_TRANSIT');
      await renewal.env.sleep('25 hours');
      const late = await renewal.status();
      expect(late.slaBreached).toBe(true);
      expect(late.stage).toBe('IN_TRANSIT');
      expect(renewal.fake.alerts).toEqual([expect.objectContaining({ kind: 'DELIVERY_SLA_BREACHED' })]);
      expect(renewal.fake.stages.at(-1)).toMatchObject({
        stage: 'IN_TRANSIT',
        slaBreached: true,
        note: 'DELIVERY_SLA_BREACHED',
      });

      await renewal.carrier('OUT_FOR_DELIVERY');
      await renewal.deliver(passport, 'ID_CHECK');
      expect((await renewal.handle.result()).stage).toBe('COMPLETED');
      expect(renewal.fake.alerts).toHaveLength(1);
    });
  });

  it('failed delivery attempts: after the third the passport goes back to the office for pickup', async () => {
    await RenewalDriver.run({}, async (renewal) => {
      const passport = await renewal.dispatchByPost();
      await renewal.carrier('ACCEPTED');
      await renewal.carrier('OUT_FOR_DELIVERY');
      for (let attempt = 1; attempt <= 3; attempt++) {
        await renewal.carrier('DELIVERY_ATTEMPTED', { reason: 'NO_ONE_HOME' });
      }
      const ready = await renewal.waitForStage('READY_FOR_PICKUP');
      expect(ready).toMatchObject({ deliveryMethod: 'PICKUP', officeId: 'RUH-01' });
      // The carrier is told to bring the envelope back to the issuing office.
      expect(renewal.fake.callsOf('recallShipment')).toHaveLength(1);
      await renewal.waitForNotice('RETURNED_TO_OFFICE');

      await renewal.verifyAtCounter('N1234567');
      await renewal.handOver(passport);
      expect((await renewal.handle.result()).stage).toBe('COMPLETED');
    });
  });

  it('returned by the carrier: pickup at the issuing office', async () => {
    await RenewalDriver.run({}, async (renewal) => {
      await renewal.dispatchByPost();
      await renewal.carrier('ACCEPTED');
      await renewal.carrier('RETURNED', { reason: 'ADDRESS_NOT_FOUND' });
      const ready = await renewal.waitForStage('READY_FOR_PICKUP');
      expect(ready.timeline.at(-1)).toMatchObject({ stage: 'READY_FOR_PICKUP', note: 'ADDRESS_NOT_FOUND' });
      expect(renewal.fake.shipmentClosures).toEqual([expect.objectContaining({ status: 'RETURNED' })]);
      expect(renewal.fake.callsOf('recallShipment')).toHaveLength(0);
      await renewal.cancel('OPERATOR');
    });
  });

  it('duplicate and out-of-order carrier events: ignored or applied without moving backwards', async () => {
    await RenewalDriver.run({}, async (renewal) => {
      const passport = await renewal.dispatchByPost();
      const dispatchedAt = await renewal.env.currentTimeMs();
      const at = (hours: number) => new Date(dispatchedAt + hours * 3_600_000).toISOString();

      // OUT_FOR_DELIVERY arrives before IN_TRANSIT and before ACCEPTED.
      await renewal.carrier('OUT_FOR_DELIVERY', { occurredAt: at(5) });
      await renewal.waitForStage('OUT_FOR_DELIVERY');
      const late = await renewal.carrier('IN_TRANSIT', { occurredAt: at(2) });
      await renewal.carrier('ACCEPTED', { occurredAt: at(1) });
      // The same events again, as a carrier retrying its webhook would send them.
      await renewal.carrier('IN_TRANSIT', { eventId: late.eventId, occurredAt: at(2) });
      await renewal.carrier('IN_TRANSIT', { eventId: late.eventId, occurredAt: at(2) });
      const status = await renewal.waitForStatus(
        (s) => s.timeline.some((entry) => entry.note === 'ACCEPTED_BY_CARRIER'),
        'the late acceptance recorded',
      );
      expect(status.stage).toBe('OUT_FOR_DELIVERY');
      // The SLA runs from when the carrier really accepted, even though it was reported late.
      expect(status.tracking).toMatchObject({ acceptedAt: at(1), lastEvent: 'OUT_FOR_DELIVERY', lastEventAt: at(5) });
      expect(status.tracking!.slaDeadline).toBe(at(25));
      expect(status.stageDeadline).toBe(at(25));
      expect(renewal.stagesVisited()).not.toContain('IN_TRANSIT');

      // A DELIVERED without proof of who received it is not a delivery.
      await renewal.carrier('DELIVERED');
      await renewal.env.sleep('1 hour');
      expect((await renewal.status()).stage).toBe('OUT_FOR_DELIVERY');
      expect(renewal.fake.callNames()).not.toContain('activateNewPassport');

      await renewal.deliver(passport);
      expect((await renewal.handle.result()).stage).toBe('COMPLETED');
      expect(renewal.fake.callsOf('activateNewPassport')).toHaveLength(1);
    });
  });

  it('while Saudi Post is being asked, the status says DISPATCHING (not PRINTING), everywhere', async () => {
    const partners = new FakePartners();
    await RenewalDriver.run({ fake: partners }, async (renewal) => {
      await renewal.acceptAndPay(POST_ACCEPTANCE);
      // The carrier is slow to take the shipment (its calls retried): the print is done meanwhile.
      const dispatching = partners.hold('dispatchShipment');
      await renewal.completePrint();
      await dispatching.reached;
      const status = await renewal.waitForStage('DISPATCHING');
      expect(status).toMatchObject({ deliveryMethod: 'POST', overdue: false });
      expect(Date.parse(status.stageDeadline!) - Date.parse(status.timeline.at(-1)!.at)).toBe(
        renewal.input.policy.dispatchDeadlineMs,
      );
      expect(status.pendingAction).toBeUndefined();
      // The search attribute follows with the workflow task that wrote the stage.
      for (let tries = 0; tries < 100; tries++) {
        const attributes = (await renewal.handle.describe()).typedSearchAttributes;
        if (attributes.get(RenewalStageKey) === 'DISPATCHING') break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect((await renewal.handle.describe()).typedSearchAttributes.get(RenewalStageKey)).toBe('DISPATCHING');

      dispatching.release();
      await renewal.waitForStage('DISPATCHED');
      expect(renewal.stagesVisited().slice(-3)).toEqual(['PRINTING', 'DISPATCHING', 'DISPATCHED']);
    });
  });

  it('two ACCEPTED events with different ids: one "accepted" line, the SLA from the earlier instant', async () => {
    await RenewalDriver.run({}, async (renewal) => {
      await renewal.dispatchByPost();
      const now = await renewal.env.currentTimeMs();
      const accepted = new Date(now - 60_000);
      // The carrier scans the envelope twice; the second report carries the earlier scan, written without
      // milliseconds, and a third the same instant as the first with them.
      await renewal.carrier('ACCEPTED', { occurredAt: new Date(now).toISOString() });
      await renewal.carrier('ACCEPTED', { occurredAt: accepted.toISOString().replace('.000Z', 'Z') });
      await renewal.carrier('ACCEPTED', { occurredAt: new Date(now).toISOString().replace('Z', '+00:00') });
      await renewal.carrier('IN_TRANSIT');
      const status = await renewal.waitForStage('IN_TRANSIT');

      const lines = renewal.fake.stages.filter((line) => line.note === 'ACCEPTED_BY_CARRIER');
      expect(lines).toHaveLength(1);
      expect(status.timeline.filter((entry) => entry.note === 'ACCEPTED_BY_CARRIER')).toHaveLength(1);
      const slaDeadline = new Date(accepted.getTime() + renewal.input.policy.deliverySlaMs).toISOString();
      expect(Date.parse(status.tracking!.acceptedAt!)).toBe(accepted.getTime());
      expect(status.tracking!.slaDeadline).toBe(slaDeadline);
      expect(status.stageDeadline).toBe(slaDeadline);
      await renewal.cancel('OPERATOR');
    });
  });
});
