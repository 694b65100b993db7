import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { createPersistence } from '../../src/persistence/persistence';
import { testPersonalData } from '../support/personal-data-keys';
import { billKey, envelopeBarcode, printJobKey, shipmentKey } from '../../workflows/contract';
import { testDataConverter } from '../support/payload-keys';
import { type Stack, startStack } from '../support/stack';
import { signedWebhook, SignedWebhook } from '../support/credentials';
import { freshNationalId } from '../support/fixtures';
import { seedRenewal, seedShipment, signalsReceived, startIdleWorkflow } from './support/fixtures';

/**
 * Partner webhooks against renewals whose workflows wait in Temporal with no
 * worker: every signal the API sends is visible in the workflow's history, so
 * "changed nothing" is checked where it matters.
 */
describe('signed webhooks', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({ worker: false });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  async function renewalWithWorkflow(stage: 'AWAITING_PAYMENT' | 'AWAITING_ADDRESS' | 'PRINTING' | 'IN_TRANSIT') {
    const nationalId = freshNationalId();
    const renewalId = await seedRenewal(stack.db, { nationalId, stage, deliveryMethod: 'POST' });
    await startIdleWorkflow(stack.temporal, renewalId);
    return { renewalId, nationalId };
  }

  const send = (path: string, webhook: SignedWebhook) =>
    request(stack.http).post(`/v1/webhooks/${path}`).set(webhook.headers).send(webhook.body);

  async function receipts(webhookId: string): Promise<number> {
    const [{ n }] = await stack.db.query('SELECT count(*)::int AS n FROM webhook_receipts WHERE webhook_id = $1', [
      webhookId,
    ]);
    return n;
  }

  async function auditActions(renewalId: string): Promise<string[]> {
    const rows = await stack.db.query(
      'SELECT actor, action, outcome FROM audit_events WHERE renewal_id = $1 ORDER BY id',
      [renewalId],
    );
    return rows.map((r: { actor: string; action: string; outcome: string }) => `${r.actor} ${r.action} ${r.outcome}`);
  }

  const payment = (renewalId: string) => ({
    paymentId: `PAY-${randomUUID()}`,
    billNumber: '9000000123',
    billReference: billKey(renewalId),
    amountSar: 635,
    paidAt: new Date().toISOString(),
  });

  it('routes each partner to its renewal and signals the workflow', async () => {
    const paid = await renewalWithWorkflow('AWAITING_PAYMENT');
    const waiting = await renewalWithWorkflow('AWAITING_ADDRESS');
    const printing = await renewalWithWorkflow('PRINTING');
    const shipped = await renewalWithWorkflow('IN_TRANSIT');
    const trackingNumber = await seedShipment(stack.db, shipped.renewalId);
    const jobKey = printJobKey(printing.renewalId, 1, 1);

    const answers = await Promise.all([
      send('sadad', signedWebhook('sadad', payment(paid.renewalId))),
      send(
        'wasel',
        signedWebhook('wasel', {
          eventId: 'w-1',
          nationalId: waiting.nationalId,
          subscribedAt: new Date().toISOString(),
        }),
      ),
      send(
        'print-centre',
        signedWebhook('print-centre', {
          eventId: 'p-1',
          type: 'JOB_COMPLETED',
          jobKey,
          passportNumber: 'X10000001',
          issuedOn: '2026-11-28',
          expiresOn: '2036-11-27',
        }),
      ),
      send(
        'saudi-post',
        signedWebhook('saudi-post', {
          eventId: 'c-1',
          trackingNumber,
          type: 'ACCEPTED',
          occurredAt: new Date().toISOString(),
        }),
      ),
    ]);
    for (const answer of answers) expect(answer.status).toBe(200);
    expect(answers.map((answer) => answer.body)).toEqual(
      Array(4).fill({ received: true, duplicate: false, outcome: 'SIGNALLED' }),
    );

    expect(await signalsReceived(stack.temporal, paid.renewalId)).toEqual(['paymentReceived']);
    expect(await signalsReceived(stack.temporal, waiting.renewalId)).toEqual(['addressRegistered']);
    expect(await signalsReceived(stack.temporal, printing.renewalId)).toEqual(['printJobCompleted']);
    expect(await signalsReceived(stack.temporal, shipped.renewalId)).toEqual(['carrierEvent']);
    expect(await auditActions(shipped.renewalId)).toEqual([
      'service:saudi-post webhook.saudi-post.carrier-event SIGNALLED',
    ]);

    const [event] = (await stack.temporal.workflow.getHandle(`passport-renewal-${shipped.renewalId}`).fetchHistory())
      .events!.filter((e) => e.workflowExecutionSignaledEventAttributes)
      .map((e) => e.workflowExecutionSignaledEventAttributes!.input!.payloads!);
    // Stored encrypted: decrypted here with the suite's key, as a worker would.
    const [signal] = await testDataConverter().payloadCodecs![0].decode(event);
    expect(JSON.parse(Buffer.from(signal.data!).toString())).toMatchObject({
      eventId: 'c-1',
      trackingNumber,
      type: 'ACCEPTED',
    });
  });

  it('acknowledges a replayed webhook-id without acting again', async () => {
    const { renewalId } = await renewalWithWorkflow('AWAITING_PAYMENT');
    const webhook = signedWebhook('sadad', payment(renewalId));

    const first = await send('sadad', webhook).expect(200);
    const replayed = await send('sadad', webhook).expect(200);
    // The partner re-signs a retry with a fresh timestamp; the id is what makes it the same message.
    const resigned = signedWebhook('sadad', JSON.parse(webhook.body), { id: webhook.headers['webhook-id'] });
    const again = await send('sadad', resigned).expect(200);

    expect(first.body).toEqual({ received: true, duplicate: false, outcome: 'SIGNALLED' });
    expect(replayed.body).toEqual({ received: true, duplicate: true });
    expect(again.body).toEqual({ received: true, duplicate: true });
    expect(await signalsReceived(stack.temporal, renewalId)).toEqual(['paymentReceived']);
    expect(await receipts(webhook.headers['webhook-id'])).toBe(1);
    expect(await auditActions(renewalId)).toEqual(['service:sadad webhook.sadad.payment SIGNALLED']);
  });

  it('processes concurrent deliveries of one message once', async () => {
    const { renewalId } = await renewalWithWorkflow('AWAITING_PAYMENT');
    const webhook = signedWebhook('sadad', payment(renewalId));
    const answers = await Promise.all(Array.from({ length: 5 }, () => send('sadad', webhook)));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200]);
    expect(answers.filter((answer) => answer.body.duplicate === false)).toHaveLength(1);
    expect(await signalsReceived(stack.temporal, renewalId)).toEqual(['paymentReceived']);
  });

  it.each([
    [
      'a bad signature',
      { secret: 'whsec_' + Buffer.from('somebody-else-entirely-0001').toString('base64') },
      'webhook-signature-invalid',
    ],
    ['a stale timestamp', { at: new Date(Date.now() - 6 * 60_000) }, 'webhook-timestamp-out-of-tolerance'],
    ['a timestamp from the future', { at: new Date(Date.now() + 6 * 60_000) }, 'webhook-timestamp-out-of-tolerance'],
  ])('refuses %s with 401 and changes nothing', async (_case, options, slug) => {
    const { renewalId } = await renewalWithWorkflow('AWAITING_PAYMENT');
    const webhook = signedWebhook('sadad', payment(renewalId), options);

    const response = await send('sadad', webhook).expect(401);

    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.type).toBe(`urn:passport-renewal:problem:${slug}`);
    expect(await signalsReceived(stack.temporal, renewalId)).toEqual([]);
    expect(await receipts(webhook.headers['webhook-id'])).toBe(0);
    expect(await auditActions(renewalId)).toEqual([]);
  });

  it('refuses a body altered after signing, a signature of another partner, and unsigned or non-JSON requests', async () => {
    const { renewalId } = await renewalWithWorkflow('AWAITING_PAYMENT');
    const webhook = signedWebhook('sadad', payment(renewalId));
    const tampered = { ...webhook, body: webhook.body.replace('635', '1') };
    await send('sadad', tampered).expect(401);
    // Signed with the print centre's secret, sent to SADAD's endpoint.
    await send('sadad', signedWebhook('print-centre', payment(renewalId))).expect(401);
    await request(stack.http)
      .post('/v1/webhooks/sadad')
      .set('content-type', 'application/json')
      .send(webhook.body)
      .expect(401);
    const asText = await send('sadad', { ...webhook, headers: { ...webhook.headers, 'content-type': 'text/plain' } });
    expect(asText.status).toBe(415);
    expect(asText.body.type).toBe('urn:passport-renewal:problem:unsupported-media-type');
    expect(await signalsReceived(stack.temporal, renewalId)).toEqual([]);
  });

  it('places a carrier event by the shipment key it echoes, before the tracking number is known', async () => {
    const { renewalId } = await renewalWithWorkflow('IN_TRANSIT');
    const key = shipmentKey(renewalId, 1);
    // As the dispatch activity leaves it when the carrier's answer was lost: requested, no tracking number.
    await createPersistence(stack.db, testPersonalData()).shipments.recordRequested({
      shipmentKey: key,
      renewalId,
      issueNumber: 1,
      envelopeBarcode: envelopeBarcode(renewalId, 1),
    });
    const event = {
      trackingNumber: 'RR400009990SA',
      type: 'ACCEPTED',
      occurredAt: new Date().toISOString(),
    };
    const byKey = signedWebhook('saudi-post', { ...event, eventId: 'c-k1', shipmentKey: key });
    const byBarcode = signedWebhook('saudi-post', {
      ...event,
      eventId: 'c-k2',
      envelopeBarcode: envelopeBarcode(renewalId, 1),
    });
    await expect(send('saudi-post', byKey).then((r) => r.body)).resolves.toMatchObject({ outcome: 'SIGNALLED' });
    await expect(send('saudi-post', byBarcode).then((r) => r.body)).resolves.toMatchObject({ outcome: 'SIGNALLED' });
    expect(await signalsReceived(stack.temporal, renewalId)).toEqual(['carrierEvent', 'carrierEvent']);
  });

  it('answers 503 with Retry-After for a carrier event it cannot place yet, and records no receipt', async () => {
    const webhook = signedWebhook('saudi-post', {
      eventId: 'c-x',
      trackingNumber: 'SP000000000SA',
      shipmentKey: shipmentKey(randomUUID(), 1),
      type: 'LOST',
      occurredAt: new Date().toISOString(),
    });
    const response = await send('saudi-post', webhook).expect(503);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.headers['retry-after']).toMatch(/^\d+$/);
    expect(response.body.type).toBe('urn:passport-renewal:problem:carrier-event-not-placed');
    expect(await receipts(webhook.headers['webhook-id'])).toBe(0);
  });

  it('answers 404 for an unknown bill or print job, and records no receipt', async () => {
    const { renewalId } = await renewalWithWorkflow('IN_TRANSIT');
    const cases: Array<[string, SignedWebhook, string]> = [
      ['sadad', signedWebhook('sadad', { ...payment(randomUUID()) }), 'bill-unknown'],
      ['sadad', signedWebhook('sadad', { ...payment(renewalId), billReference: 'not-one-of-ours' }), 'bill-unknown'],
      [
        'print-centre',
        signedWebhook('print-centre', {
          eventId: 'p-x',
          type: 'JOB_FAILED',
          jobKey: printJobKey(randomUUID(), 1, 1),
          reason: 'JAM',
        }),
        'print-job-unknown',
      ],
    ];
    for (const [path, webhook, slug] of cases) {
      const response = await send(path, webhook).expect(404);
      expect(response.body.type).toBe(`urn:passport-renewal:problem:${slug}`);
      expect(await receipts(webhook.headers['webhook-id'])).toBe(0);
    }
    expect(await signalsReceived(stack.temporal, renewalId)).toEqual([]);
  });

  it('validates a signed payload and names the field', async () => {
    const { renewalId } = await renewalWithWorkflow('IN_TRANSIT');
    const trackingNumber = await seedShipment(stack.db, renewalId);
    const webhook = signedWebhook('saudi-post', {
      eventId: 'c-2',
      trackingNumber,
      type: 'DELIVERED',
      occurredAt: 'yesterday',
      signature: 'extra',
    });
    const response = await send('saudi-post', webhook).expect(400);
    expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'occurredAt',
      'proof',
      'signature',
    ]);
    expect(await signalsReceived(stack.temporal, renewalId)).toEqual([]);
    expect(await receipts(webhook.headers['webhook-id'])).toBe(0);
  });

  it('acknowledges a Wasel subscription no renewal waits for, without signalling', async () => {
    const { renewalId, nationalId } = await renewalWithWorkflow('AWAITING_PAYMENT');
    const response = await send(
      'wasel',
      signedWebhook('wasel', { eventId: 'w-2', nationalId, subscribedAt: new Date().toISOString() }),
    ).expect(200);
    expect(response.body).toEqual({ received: true, duplicate: false, outcome: 'NO_RENEWAL_AWAITING_ADDRESS' });
    expect(await signalsReceived(stack.temporal, renewalId)).toEqual([]);
  });

  it('acknowledges an event for a renewal that has finished, so the partner stops retrying', async () => {
    const { renewalId } = await renewalWithWorkflow('IN_TRANSIT');
    const trackingNumber = await seedShipment(stack.db, renewalId);
    await stack.temporal.workflow.getHandle(`passport-renewal-${renewalId}`).terminate('test: finished');
    const response = await send(
      'saudi-post',
      signedWebhook('saudi-post', {
        eventId: 'c-3',
        trackingNumber,
        type: 'IN_TRANSIT',
        occurredAt: new Date().toISOString(),
      }),
    ).expect(200);
    expect(response.body).toEqual({ received: true, duplicate: false, outcome: 'RENEWAL_CLOSED' });
  });
});
