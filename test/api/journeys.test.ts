import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { seedCitizen, SeededCitizen } from '../support/citizens';
import { TEST_CITIZEN } from '../support/fixtures';
import { eventually } from '../support/eventually';
import { citizenClient } from '../support/journeys';
import { type SandboxStack, startStack } from '../support/stack';
import { signedWebhook } from '../support/credentials';

/**
 * Whole renewals driven over HTTP only: the citizen, the clerk and the courier
 * call the API; SADAD, Wasel and the print centre are the sandboxes, which the
 * test works through their own HTTP controls (pay a bill, subscribe) and which
 * send their signed webhooks to the API; Saudi Post's tracking events are sent
 * by the test, signed as Saudi Post signs them, so it controls their order.
 */
/** How both journeys' audit trails begin: opened, reviewed, refused once (a pledge missing), accepted, paid. */
const OPENED_AND_PAID = [
  'citizen citizen.renewal.create STARTED',
  'workflow stage.entered ELIGIBILITY_CHECK',
  'workflow stage.entered AWAITING_ACCEPTANCE',
  'citizen citizen.review DISCLOSED',
  'citizen citizen.acceptance REFUSED',
  'citizen citizen.acceptance ACCEPTED',
  'workflow stage.entered AWAITING_PAYMENT',
  'service:sadad webhook.sadad.payment SIGNALLED',
];

describe('journeys over HTTP', () => {
  let stack: SandboxStack;

  beforeAll(async () => {
    // Print jobs finish fast; the carrier never moves on its own: the test sends its events.
    stack = await startStack({
      sandboxes: true,
      env: {
        SANDBOX_PRINT_CENTRE_DELAY_MS: '300',
        SANDBOX_SAUDI_POST_STEP_DELAY_MS: String(24 * 3600 * 1000),
      },
    });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  const once = () => ({ 'Idempotency-Key': randomUUID() });
  const clerk = () => stack.auth({ role: 'clerk', office: 'RUH-01' });
  const courier = () => stack.auth({ role: 'courier' });

  /** Saudi Post's tracking events for one envelope, signed as Saudi Post signs them, `seconds` apart. */
  function carrierEvents(trackingNumber: string) {
    const t0 = Date.now() - 60_000;
    return (type: string, seconds: number, extra: object = {}, id = randomUUID()) =>
      signedWebhook(
        'saudi-post',
        { eventId: id, trackingNumber, type, occurredAt: new Date(t0 + seconds * 1000).toISOString(), ...extra },
        { id },
      );
  }

  const deliver = (webhook: ReturnType<typeof signedWebhook>) =>
    request(stack.http).post('/v1/webhooks/saudi-post').set(webhook.headers).send(webhook.body).expect(200);

  async function auditTrail(renewalId: string): Promise<string[]> {
    const response = await request(stack.http)
      .get(`/v1/operator/renewals/${renewalId}/audit`)
      .set(await stack.auth({ role: 'operator' }))
      .expect(200);
    return response.body.items.map(
      (e: { actor: string; action: string; outcome: string }) =>
        `${e.actor.replace(/^citizen:.*/, 'citizen')} ${e.action} ${e.outcome}`,
    );
  }

  async function passportsOf(nationalId: string): Promise<Record<string, string>> {
    const rows = await stack.db.query(
      'SELECT passport_number, status FROM sandbox.registry_passports WHERE national_id = $1',
      [nationalId],
    );
    return Object.fromEntries(
      rows.map((r: { passport_number: string; status: string }) => [r.passport_number, r.status]),
    );
  }

  async function startAndAccept(person: SeededCitizen, delivery: object) {
    const citizen = await citizenClient(stack, person);
    // The answer carries the eligibility outcome and, eligible, the review: no polling, no second request.
    const created = await citizen.post('/v1/renewals', { officeId: 'RUH-01' }).expect(202);
    const renewalId: string = created.body.renewalId;
    expect(created.body).toMatchObject({ stage: 'AWAITING_ACCEPTANCE', stageDeadline: expect.any(String) });

    const { review } = created.body;
    expect(review).toMatchObject({
      nameEn: TEST_CITIZEN.nameEn,
      passport: { passportNumber: person.passportNumber, status: 'VALID' },
      // Born in 1990: old enough for either validity.
      validityYearsAllowed: [5, 10],
    });
    const pledges: string[] = review.requiredPledgeIds;
    const acceptance = { photoConfirmed: true, englishNameConfirmed: true, validityYears: 10, delivery };

    const refused = await citizen
      .post(`/v1/renewals/${renewalId}/acceptance`, { ...acceptance, acceptedPledgeIds: pledges.slice(1) })
      .expect(422);
    expect(refused.body).toMatchObject({
      reason: 'PledgesMissing',
      errors: [{ field: 'acceptedPledgeIds', message: expect.stringContaining(pledges[0]) }],
    });
    const accepted = await citizen
      .post(`/v1/renewals/${renewalId}/acceptance`, { ...acceptance, acceptedPledgeIds: pledges })
      .expect(200);

    const awaitingPayment = await citizen.waitForStage(renewalId, 'AWAITING_PAYMENT');
    expect(awaitingPayment).toMatchObject({ pendingAction: 'CITIZEN_PAY_BILL', amountDueSar: accepted.body.totalSar });
    // The citizen pays at their bank; SADAD's webhook tells the API.
    await stack.sandboxControl(`/sadad/bills/${awaitingPayment.billNumber}/payment`);
    return { citizen, renewalId, fee: accepted.body };
  }

  it('pickup: citizen accepts and pays, the print centre prints, the clerk hands over', async () => {
    const person = await seedCitizen(stack.db);
    const { citizen, renewalId, fee } = await startAndAccept(person, { method: 'PICKUP', officeId: 'RUH-01' });
    expect(fee).toEqual({ feeSar: 600, postageSar: 0, totalSar: 600 });

    await citizen.waitForStage(renewalId, 'READY_FOR_PICKUP');
    // The live status leads the read model by one projection write; the counter reads the read model.
    const found = await eventually(async () => {
      const response = await request(stack.http)
        .post('/v1/counter/renewals/lookup')
        .set(await clerk())
        .send({ nationalId: person.nationalId })
        .expect(200);
      return response.body.length ? response.body : undefined;
    }, 'the renewal at the counter');
    expect(found).toEqual([expect.objectContaining({ renewalId, stage: 'READY_FOR_PICKUP' })]);

    const counter = `/v1/counter/renewals/${renewalId}`;
    await request(stack.http)
      .post(`${counter}/verification`)
      .set({ ...(await clerk()), ...once() })
      .send({ presentedPassportNumber: person.passportNumber, identityConfirmed: true })
      .expect(200, { matched: true, mismatchesSoFar: 0 });
    const handover = await request(stack.http)
      .post(`${counter}/handover`)
      .set({ ...(await clerk()), ...once() })
      .send({})
      .expect(200);
    const newPassport: string = handover.body.newPassportNumber;

    const done = await citizen.waitForStage(renewalId, 'COMPLETED');
    expect(done.timeline.map((entry: { stage: string }) => entry.stage)).toEqual(
      expect.arrayContaining([
        'ELIGIBILITY_CHECK',
        'AWAITING_ACCEPTANCE',
        'AWAITING_PAYMENT',
        'PRINTING',
        'READY_FOR_PICKUP',
        'COMPLETED',
      ]),
    );
    expect((await citizen.get(`/v1/renewals/${renewalId}`).expect(200)).body).toMatchObject({ stage: 'COMPLETED' });
    expect(await passportsOf(person.nationalId)).toEqual({
      [person.passportNumber]: 'CANCELLED',
      [newPassport]: 'VALID',
    });

    // Every actor's action, dated when asked for, before the renewal's reaction to it.
    expect(await auditTrail(renewalId)).toEqual([
      ...OPENED_AND_PAID,
      'workflow stage.entered PRINTING',
      'service:print-centre webhook.print-centre.job-completed SIGNALLED',
      'workflow stage.entered READY_FOR_PICKUP',
      'clerk:clerk-ruh-01 counter.lookup FOUND',
      'clerk:clerk-ruh-01 counter.verification MATCHED',
      'clerk:clerk-ruh-01 counter.handover HANDED_OVER',
      'workflow stage.entered COMPLETED',
    ]);
  });

  it('post: Wasel address after payment, the courier looks the envelope up, carrier events in any order', async () => {
    const person = await seedCitizen(stack.db);
    const { citizen, renewalId, fee } = await startAndAccept(person, { method: 'POST' });
    expect(fee.postageSar).toBeGreaterThan(0);

    // Not subscribed to Wasel: the renewal waits until the citizen subscribes, which Wasel reports by webhook.
    const waiting = await citizen.waitForStage(renewalId, 'AWAITING_ADDRESS');
    expect(waiting.pendingAction).toBe('CITIZEN_SUBSCRIBE_TO_WASEL');
    await stack.sandboxControl('/wasel/subscriptions', {
      nationalId: person.nationalId,
      address: {
        buildingNumber: '2929',
        street: 'King Fahd Road',
        district: 'Al Olaya',
        city: 'Riyadh',
        postalCode: '12214',
        additionalNumber: '7788',
      },
    });

    const dispatched = await citizen.waitForStage(renewalId, 'DISPATCHED');
    const { trackingNumber, envelopeBarcode } = dispatched.tracking;
    const envelope = await request(stack.http)
      .get(`/v1/carrier/envelopes/${envelopeBarcode}`)
      .set(await courier())
      .expect(200);
    expect(envelope.body).toMatchObject({
      trackingNumber,
      recipient: { nameEn: TEST_CITIZEN.nameEn, mobile: person.mobile },
      deliveryAddress: { buildingNumber: '2929', city: 'Riyadh', postalCode: '12214' },
    });

    const carrierEvent = carrierEvents(trackingNumber);
    await deliver(carrierEvent('ACCEPTED', 0));
    await deliver(carrierEvent('IN_TRANSIT', 10));
    const outForDelivery = carrierEvent('OUT_FOR_DELIVERY', 30);
    await deliver(outForDelivery);
    await citizen.waitForStage(renewalId, 'OUT_FOR_DELIVERY');

    // A late event from earlier in the journey, and a replay of the last one, change nothing.
    await deliver(carrierEvent('IN_TRANSIT', 20));
    const replay = await deliver(outForDelivery);
    expect(replay.body).toEqual({ received: true, duplicate: true });
    const status = (await citizen.get(`/v1/renewals/${renewalId}/status`).expect(200)).body;
    expect(status).toMatchObject({ stage: 'OUT_FOR_DELIVERY', tracking: { lastEvent: 'OUT_FOR_DELIVERY' } });

    await deliver(carrierEvent('DELIVERED', 40, { proof: 'OTP' }));
    await citizen.waitForStage(renewalId, 'COMPLETED');

    const gone = await request(stack.http)
      .get(`/v1/carrier/envelopes/${envelopeBarcode}`)
      .set(await courier())
      .expect(410);
    expect(gone.body.type).toBe('urn:passport-renewal:problem:envelope-closed');
    const passports = await passportsOf(person.nationalId);
    expect(passports[person.passportNumber]).toBe('CANCELLED');
    expect(Object.values(passports).filter((s) => s === 'VALID')).toHaveLength(1);

    const trail = await auditTrail(renewalId);
    const untilDispatched = [
      ...OPENED_AND_PAID,
      'workflow stage.entered AWAITING_ADDRESS',
      'service:wasel webhook.wasel.address-registered SIGNALLED',
      'workflow stage.entered PRINTING',
      'service:print-centre webhook.print-centre.job-completed SIGNALLED',
      'workflow stage.entered DISPATCHING',
      'workflow stage.entered DISPATCHED',
      'courier:courier-spl carrier.envelope.lookup DISCLOSED',
    ];
    expect(trail.slice(0, untilDispatched.length)).toEqual(untilDispatched);
    // Then the carrier's five events (the replay is not among them), which the workflow reads in batches.
    const delivery = trail.slice(untilDispatched.length);
    expect(delivery.filter((line) => line.startsWith('service:saudi-post'))).toEqual(
      Array(5).fill('service:saudi-post webhook.saudi-post.carrier-event SIGNALLED'),
    );
    expect(delivery.filter((line) => line.startsWith('workflow'))).toEqual([
      'workflow stage.entered DISPATCHED', // the same stage, its deadline now the 24-hour SLA from acceptance
      'workflow stage.entered IN_TRANSIT',
      'workflow stage.entered OUT_FOR_DELIVERY',
      'workflow stage.entered COMPLETED',
    ]);
    expect(delivery.at(-1)).toBe('courier:courier-spl carrier.envelope.lookup REFUSED_CLOSED');
  });

  it('loss: an operator declares the envelope lost; the passport is voided, reissued free and delivered', async () => {
    const person = await seedCitizen(stack.db, { subscribedToWasel: true });
    const { citizen, renewalId } = await startAndAccept(person, { method: 'POST' });
    const first = (await citizen.waitForStage(renewalId, 'DISPATCHED')).tracking;
    await deliver(carrierEvents(first.trackingNumber)('ACCEPTED', 0));

    const operator = await stack.auth({ role: 'operator' });
    await request(stack.http)
      .post(`/v1/operator/renewals/${renewalId}/loss-declaration`)
      .set({ ...operator, ...once() })
      .send({ reason: 'The carrier reports the envelope lost' })
      .expect(202, { accepted: true });

    // A second issue goes out in a new envelope; the first one no longer tells anyone anything.
    const second = await eventually(async () => {
      const status = await citizen.status(renewalId);
      return status.stage === 'DISPATCHED' && status.issueNumber === 2 ? status.tracking : undefined;
    }, 'the replacement dispatched');
    expect(second.envelopeBarcode).not.toBe(first.envelopeBarcode);
    await request(stack.http)
      .get(`/v1/carrier/envelopes/${first.envelopeBarcode}`)
      .set(await courier())
      .expect(410);
    await request(stack.http)
      .get(`/v1/carrier/envelopes/${second.envelopeBarcode}`)
      .set(await courier())
      .expect(200);

    const replacement = carrierEvents(second.trackingNumber);
    await deliver(replacement('ACCEPTED', 0));
    await deliver(replacement('DELIVERED', 60, { proof: 'ID_CHECK' }));
    await citizen.waitForStage(renewalId, 'COMPLETED');

    const claims = await stack.db.query('SELECT tracking_number, status FROM loss_claims WHERE renewal_id = $1', [
      renewalId,
    ]);
    expect(claims).toEqual([{ tracking_number: first.trackingNumber, status: 'OPEN' }]);
    const bills = await stack.db.query('SELECT count(*)::int AS n FROM bills WHERE renewal_id = $1', [renewalId]);
    expect(bills).toEqual([{ n: 1 }]);
    const passports = Object.values(await passportsOf(person.nationalId)).sort();
    expect(passports).toEqual(['CANCELLED', 'VALID', 'VOIDED']);
    expect(await auditTrail(renewalId)).toEqual(
      expect.arrayContaining(['operator:ops-1 operator.loss-declaration DECLARED', 'workflow stage.entered LOST']),
    );
  });
});
