import { randomUUID } from 'node:crypto';
import type { ShipmentRequest } from '../../src/integrations/saudi-post/port';
import { expectPermanent } from '../support/integration-failures';
import { ADAPTER_KINDS, useHarness, type Harness } from '../support/partner-harness';
import type { ReceivedWebhook } from '../support/webhook-receiver';
import { waitFor } from '../support/wait';

function shipmentRequest(overrides: Partial<ShipmentRequest> = {}): ShipmentRequest {
  const renewalId = randomUUID();
  return {
    shipmentKey: `${renewalId}/issue-1/shipment`,
    envelopeBarcode: `PE${renewalId.replace(/-/g, '').toUpperCase()}01`,
    originOfficeId: 'RUH-01',
    destinationPostalCode: '12214',
    ...overrides,
  };
}

/** The carrier events of a shipment as they reached our webhook, once the last one (`final`) arrived. */
async function carrierEvents(harness: Harness, trackingNumber: string, final: string): Promise<ReceivedWebhook[]> {
  await harness.webhooks.waitFor(
    (w) => w.payload.trackingNumber === trackingNumber && w.payload.type === final,
    `carrier event ${final}`,
  );
  // Webhooks may overtake each other on the way; the carrier's clock gives the order.
  const events = harness.webhooks.withPayload('trackingNumber', trackingNumber);
  return events.sort((a, b) => String(a.payload.occurredAt).localeCompare(String(b.payload.occurredAt)));
}

const types = (events: ReceivedWebhook[]) => events.map((event) => event.payload.type);

describe.each(ADAPTER_KINDS)('Saudi Post contract (%s adapter)', (kind) => {
  const harness = useHarness();
  const saudiPost = () => harness().adapters(kind).saudiPost;

  it('creates one shipment per key, with an S10 tracking number', async () => {
    const request = shipmentRequest();
    const shipment = await saudiPost().createShipment(request);
    expect(shipment).toEqual({
      shipmentKey: request.shipmentKey,
      trackingNumber: expect.stringMatching(/^RR\d{9}SA$/),
      envelopeBarcode: request.envelopeBarcode,
      status: 'CREATED',
    });
    await expect(saudiPost().createShipment(request)).resolves.toMatchObject({
      trackingNumber: shipment.trackingNumber,
    });
  });

  it('moves the envelope through carrier events to a delivery with proof, one signed webhook per event', async () => {
    const request = shipmentRequest();
    const { trackingNumber } = await saudiPost().createShipment(request);
    const events = await carrierEvents(harness(), trackingNumber, 'DELIVERED');
    expect(types(events)).toEqual(['ACCEPTED', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERED']);
    for (const event of events) {
      expect(event.partner).toBe('saudi-post');
      // Our references come back with every event, as a postal customer reference does.
      expect(event.payload).toMatchObject({
        eventId: event.id,
        trackingNumber,
        shipmentKey: request.shipmentKey,
        envelopeBarcode: request.envelopeBarcode,
        occurredAt: expect.any(String),
      });
    }
    expect(new Set(events.map((event) => event.id)).size).toBe(events.length);
    expect(events[3].payload.proof).toMatch(/^(OTP|ID_CHECK)$/);
    await expect(saudiPost().getShipment(trackingNumber)).resolves.toMatchObject({ status: 'DELIVERED' });
    await expectPermanent(
      saudiPost().openLossClaim({ claimKey: `${randomUUID()}/loss-claim`, trackingNumber, liabilitySar: 300 }),
      'ShipmentDelivered',
    );
  });

  it('recalls an envelope in transit: no more carrier events', async () => {
    const { trackingNumber } = await saudiPost().createShipment(shipmentRequest());
    await saudiPost().recallShipment(trackingNumber);
    await saudiPost().recallShipment(trackingNumber);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await expect(saudiPost().getShipment(trackingNumber)).resolves.toMatchObject({ status: 'RECALLED' });
    expect(harness().webhooks.withPayload('trackingNumber', trackingNumber)).toEqual([]);
  });

  it('opens one loss claim per key for the reissue cost, and writes the envelope off', async () => {
    const { trackingNumber } = await saudiPost().createShipment(shipmentRequest());
    const claimKey = `${randomUUID()}/issue-1/loss-claim`;
    const claim = await saudiPost().openLossClaim({ claimKey, trackingNumber, liabilitySar: 300 });
    expect(claim).toEqual({
      claimId: expect.stringMatching(/^LC\d{8}$/),
      trackingNumber,
      liabilitySar: 300,
      status: 'OPEN',
    });
    await expect(saudiPost().openLossClaim({ claimKey, trackingNumber, liabilitySar: 300 })).resolves.toEqual(claim);
    await expect(saudiPost().getShipment(trackingNumber)).resolves.toMatchObject({ status: 'LOST' });
  });

  it('puts a claim on hold when disputed, once however often asked; an unknown claim is a typed failure', async () => {
    const { trackingNumber } = await saudiPost().createShipment(shipmentRequest());
    const claimKey = `${randomUUID()}/issue-1/loss-claim`;
    const claim = await saudiPost().openLossClaim({ claimKey, trackingNumber, liabilitySar: 600 });
    const dispute = { claimKey, reason: 'DELIVERED_AFTER_LOSS', carrierEventId: randomUUID() };
    await expect(saudiPost().disputeLossClaim(dispute)).resolves.toEqual({ ...claim, status: 'DISPUTED' });
    await expect(saudiPost().disputeLossClaim(dispute)).resolves.toEqual({ ...claim, status: 'DISPUTED' });
    await expectPermanent(saudiPost().disputeLossClaim({ ...dispute, claimKey: randomUUID() }), 'LossClaimNotFound');
  });

  it('refuses unknown tracking numbers and invalid requests with typed failures', async () => {
    await expect(saudiPost().getShipment('RR000000000SA')).resolves.toBeUndefined();
    await expectPermanent(saudiPost().recallShipment('RR000000000SA'), 'UnknownTrackingNumber');
    await expectPermanent(
      saudiPost().openLossClaim({ claimKey: randomUUID(), trackingNumber: 'RR000000000SA', liabilitySar: 300 }),
      'UnknownTrackingNumber',
    );
    await expectPermanent(
      saudiPost().createShipment(shipmentRequest({ destinationPostalCode: '02214' })),
      'InvalidRequest',
    );
    const taken = shipmentRequest();
    await saudiPost().createShipment(taken);
    await expectPermanent(
      saudiPost().createShipment(shipmentRequest({ envelopeBarcode: taken.envelopeBarcode })),
      'DuplicateEnvelopeBarcode',
    );
  });
});

describe.each(ADAPTER_KINDS)('Saudi Post contract, every envelope lost (%s adapter)', (kind) => {
  const harness = useHarness({ sandbox: { saudiPost: { lossProbability: 1 } } });

  it('reports the envelope LOST after it went into transit', async () => {
    const { trackingNumber } = await harness().adapters(kind).saudiPost.createShipment(shipmentRequest());
    expect(types(await carrierEvents(harness(), trackingNumber, 'LOST'))).toEqual(['ACCEPTED', 'IN_TRANSIT', 'LOST']);
  });
});

describe.each(ADAPTER_KINDS)('Saudi Post contract, nobody ever home (%s adapter)', (kind) => {
  const harness = useHarness({ sandbox: { saudiPost: { failedAttemptProbability: 1 } } });

  it('attempts delivery up to the maximum, then returns the envelope', async () => {
    const { trackingNumber } = await harness().adapters(kind).saudiPost.createShipment(shipmentRequest());
    const events = await carrierEvents(harness(), trackingNumber, 'RETURNED');
    const attempt = ['OUT_FOR_DELIVERY', 'DELIVERY_ATTEMPTED'];
    expect(types(events)).toEqual(['ACCEPTED', 'IN_TRANSIT', ...attempt, ...attempt, ...attempt, 'RETURNED']);
    expect(events.filter((e) => e.payload.type === 'DELIVERY_ATTEMPTED').every((e) => e.payload.reason)).toBe(true);
    expect(events.at(-1)!.payload.reason).toBe('MAX_ATTEMPTS_REACHED');
    await waitFor(async () => {
      const shipment = await harness().adapters(kind).saudiPost.getShipment(trackingNumber);
      return shipment?.status === 'RETURNED' ? shipment : undefined;
    }, 'the shipment to be returned');
  });
});
