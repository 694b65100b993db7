import { FakePartners } from '../support/fake-partners';
import { RenewalDriver } from '../support/renewal-driver';

describe('loss in transit and reissue', () => {
  it('lost → reissue → delivered: the lost passport is voided, the carrier bears the cost, the citizen pays once', async () => {
    await RenewalDriver.run({}, async (renewal) => {
      const lost = await renewal.dispatchByPost();
      await renewal.carrier('ACCEPTED');
      await renewal.carrier('LOST');

      const replacement = await renewal.completePrint();
      expect(replacement).not.toBe(lost);
      await renewal.waitForStage('DISPATCHED');
      const status = await renewal.status();
      expect(status).toMatchObject({ issueNumber: 2, deliveryMethod: 'POST' });
      expect(status.tracking!.trackingNumber).toBe(renewal.fake.trackingNumbers[1]);

      // A late event about the lost envelope changes nothing for the new one.
      await renewal.carrier('DELIVERED', { trackingNumber: renewal.fake.trackingNumbers[0], proof: 'OTP' });
      await renewal.carrier('ACCEPTED');
      await renewal.deliver(replacement);
      expect(await renewal.handle.result()).toMatchObject({ stage: 'COMPLETED', newPassportNumber: replacement });

      expect(renewal.stagesVisited()).toEqual([
        'ELIGIBILITY_CHECK',
        'AWAITING_ACCEPTANCE',
        'AWAITING_PAYMENT',
        'PRINTING',
        'DISPATCHING',
        'DISPATCHED',
        'LOST',
        'REISSUING',
        'PRINTING',
        'DISPATCHING',
        'DISPATCHED',
        'COMPLETED',
      ]);
      expect(renewal.fake.passports.get(lost)).toBe('VOIDED');
      expect(renewal.fake.passports.get(replacement)).toBe('VALID');
      expect(renewal.fake.callsOf('voidPassport')).toEqual([{ passportNumber: lost, reason: 'LOST_IN_TRANSIT' }]);
      expect(renewal.fake.callsOf('openLossClaim')).toEqual([
        expect.objectContaining({ issueNumber: 1, trackingNumber: renewal.fake.trackingNumbers[0], liabilitySar: 600 }),
      ]);
      expect(renewal.fake.callsOf('issueBill')).toHaveLength(1);
      expect(renewal.fake.callsOf('submitPrintJob').map((job) => job.issueNumber)).toEqual([1, 2]);
      expect(renewal.fake.callsOf('activateNewPassport')).toEqual([
        expect.objectContaining({ newPassportNumber: replacement, oldPassportNumber: 'N1234567' }),
      ]);
    });
  });

  it('two losses → the second replacement is handed over at the counter', async () => {
    await RenewalDriver.run({}, async (renewal) => {
      await renewal.dispatchByPost();
      await renewal.carrier('LOST');
      await renewal.completePrint();
      await renewal.waitForStage('DISPATCHED');
      // The second loss is declared by an operator (the carrier confirmed it by phone).
      await renewal.declareLost();
      const third = await renewal.completePrint();
      const ready = await renewal.waitForStage('READY_FOR_PICKUP');
      expect(ready).toMatchObject({ issueNumber: 3, deliveryMethod: 'PICKUP' });
      expect(renewal.fake.callsOf('dispatchShipment')).toHaveLength(2);
      expect(renewal.fake.callsOf('openLossClaim').map((claim) => claim.issueNumber)).toEqual([1, 2]);

      await renewal.verifyAtCounter('N1234567');
      await renewal.handOver(third);
      expect(await renewal.handle.result()).toMatchObject({ stage: 'COMPLETED', newPassportNumber: third });
      expect(renewal.fake.callsOf('issueBill')).toHaveLength(1);
      expect([...renewal.fake.passports.values()].filter((state) => state === 'VOIDED')).toHaveLength(2);
    });
  });

  it('no delivery by the loss threshold counts as a loss', async () => {
    await RenewalDriver.run({}, async (renewal) => {
      await renewal.dispatchByPost();
      await renewal.env.sleep('8 days');
      await renewal.waitForStage('PRINTING');
      expect(renewal.fake.stages.find((s) => s.stage === 'LOST')).toMatchObject({ note: 'LOSS_THRESHOLD_ELAPSED' });
      expect(renewal.fake.callsOf('openLossClaim')).toHaveLength(1);
      await renewal.cancel('OPERATOR');
    });
  });

  it('declared lost while the carrier delivers it: the claim is refused, operators are told, the renewal completes as delivered', async () => {
    const partners = new FakePartners();
    await RenewalDriver.run({ fake: partners }, async (renewal) => {
      const passport = await renewal.dispatchByPost();
      await renewal.carrier('ACCEPTED');
      await renewal.carrier('OUT_FOR_DELIVERY');
      await renewal.waitForStage('OUT_FOR_DELIVERY');
      // The courier hands the envelope over; before the carrier's DELIVERED event arrives, an operator declares it lost.
      partners.deliveredByCarrier.add(partners.trackingNumbers[0]);
      await renewal.declareLost();
      await renewal.waitForStatus(
        () => partners.alerts.some((alert) => alert.kind === 'LOSS_CLAIM_REFUSED'),
        'the refused loss claim alerted',
      );
      expect((await renewal.status()).stage).toBe('OUT_FOR_DELIVERY');

      await renewal.deliver(passport);
      expect(await renewal.handle.result()).toMatchObject({ stage: 'COMPLETED', newPassportNumber: passport });
      expect(partners.passports.get(passport)).toBe('VALID');
      expect(partners.alerts).toEqual([
        expect.objectContaining({
          kind: 'LOSS_CLAIM_REFUSED',
          details: {
            reason: 'ShipmentDelivered',
            loss: 'DECLARED_LOST_BY_OPERATOR operator-1',
            trackingNumber: partners.trackingNumbers[0],
          },
        }),
      ]);
      expect(partners.callNames()).not.toContain('voidPassport');
      expect(partners.callNames()).not.toContain('refundBill');
      expect(renewal.stagesVisited()).not.toContain('LOST');
      expect(partners.shipmentClosures).toEqual([expect.objectContaining({ status: 'DELIVERED' })]);
    });
  });

  // The carrier's claims desk is slow; an operator declares the envelope lost, the carrier accepts the claim, and
  // its courier's DELIVERED comes in before the renewal has written the shipment off (our shipment row still
  // open, so the API hands the event to the renewal). Two windows: while the claim's answer is on its way back,
  // and once it is in but the write-off is not yet written. The renewal decides from the order of its own events.
  const WINDOWS = [
    { window: 'the claim accepted, its answer not in yet', holdWriteOff: false },
    { window: 'the claim accepted and in, the write-off not yet written', holdWriteOff: true },
  ];
  for (const { window, holdWriteOff } of WINDOWS) {
    it(`a DELIVERED racing the loss write-off (${window}): operators alerted, the claim disputed once`, async () => {
      const partners = new FakePartners();
      await RenewalDriver.run({ fake: partners }, async (renewal) => {
        const lost = await renewal.dispatchByPost();
        await renewal.carrier('ACCEPTED');
        await renewal.waitForStatus((status) => status.tracking?.acceptedAt !== undefined, 'the acceptance applied');
        const trackingNumber = partners.trackingNumbers[0];

        const claim = partners.hold('openLossClaim');
        await renewal.declareLost();
        await claim.reached;
        let delivered;
        if (holdWriteOff) {
          // The next write is the LOST stage, which closes nothing yet: the courier's event comes in meanwhile.
          const writeOff = partners.hold('recordProgress');
          claim.release();
          await writeOff.reached;
          delivered = await renewal.carrier('DELIVERED', { trackingNumber, proof: 'OTP' });
          writeOff.release();
        } else {
          delivered = await renewal.carrier('DELIVERED', { trackingNumber, proof: 'OTP' });
          claim.release();
        }

        const replacement = await renewal.completePrint();
        await renewal.waitForStatus(() => partners.disputes.length > 0, 'the claim disputed');
        const claimKey = `${renewal.input.renewalId}/issue-1/loss-claim`;
        expect(partners.alertsOf('DELIVERED_AFTER_LOSS')).toEqual([
          {
            kind: 'DELIVERED_AFTER_LOSS',
            details: { eventId: delivered.eventId, type: 'DELIVERED', trackingNumber, claimKey },
          },
        ]);
        expect(partners.disputes).toEqual([
          {
            renewalId: renewal.input.renewalId,
            claimKey,
            reason: 'DELIVERED_AFTER_LOSS',
            carrierEventId: delivered.eventId,
          },
        ]);
        // The same event again (the carrier retrying its webhook) changes nothing.
        await renewal.carrier('DELIVERED', { eventId: delivered.eventId, trackingNumber, proof: 'OTP' });
        // The renewal went on as a loss: the envelope's passport is voided and the replacement is on its way.
        await renewal.waitForStage('DISPATCHED');
        expect(partners.passports.get(lost)).toBe('VOIDED');
        expect(partners.passports.get(replacement)).toBe('PRINTED');
        expect(partners.callNames()).not.toContain('activateNewPassport');
        expect(partners.alertsOf('DELIVERED_AFTER_LOSS')).toHaveLength(1);
        expect(partners.disputes).toHaveLength(1);
        await renewal.cancel('OPERATOR');
      });
    });
  }
});
