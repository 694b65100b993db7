import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { createPersistence } from '../../src/persistence/persistence';
import { testPersonalData } from '../support/personal-data-keys';
import {
  billKey,
  LOSS_CLAIM_DISPUTE_WORKFLOW_TYPE,
  lossClaimDisputeWorkflowId,
  lossClaimKey,
  renewalWorkflowId,
  shipmentKey,
} from '../../workflows/contract';
import { type Stack, startStack } from '../support/stack';
import { signedWebhook } from '../support/credentials';
import { authFor } from '../support/tokens';
import { freshNationalId } from '../support/fixtures';
import { seedRenewal, seedShipment, signalsReceived, startIdleWorkflow } from './support/fixtures';

/**
 * Partner messages that do not fit what we know are acknowledged (the partner
 * did nothing wrong by telling us) and raise an operator alert, written with
 * the receipt and listed by GET /v1/operator/alerts and the renewal's trail.
 */
describe('partner anomalies', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({ worker: false });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  let operator: Record<string, string>;
  beforeAll(async () => {
    operator = await authFor({ role: 'operator' });
  });
  const send = (partner: 'sadad' | 'saudi-post', payload: object) => {
    const webhook = signedWebhook(partner, payload);
    return request(stack.http).post(`/v1/webhooks/${partner}`).set(webhook.headers).send(webhook.body);
  };
  const alerts = (query: string) => request(stack.http).get(`/v1/operator/alerts?${query}`).set(operator);

  async function trail(renewalId: string): Promise<string[]> {
    const response = await request(stack.http)
      .get(`/v1/operator/renewals/${renewalId}/audit`)
      .set(operator)
      .expect(200);
    return response.body.items.map((line: { actor: string; action: string; outcome: string }) =>
      [line.actor, line.action, line.outcome].join(' '),
    );
  }

  async function awaitingPayment(billedSar: number): Promise<string> {
    const renewalId = await seedRenewal(stack.db, { nationalId: freshNationalId(), stage: 'AWAITING_PAYMENT' });
    await startIdleWorkflow(stack.temporal, renewalId);
    await createPersistence(stack.db, testPersonalData()).bills.recordIssued({
      billKey: billKey(renewalId),
      renewalId,
      billNumber: `9${String(Date.now()).slice(-11)}`,
      amountSar: billedSar,
      status: 'UNPAID',
      expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    return renewalId;
  }

  it('a SADAD payment of the wrong amount: acknowledged, still told to the renewal, alerted, kept for reconciliation', async () => {
    const renewalId = await awaitingPayment(635);
    const [{ bill_number: billNumber }] = await stack.db.query('SELECT bill_number FROM bills WHERE bill_key = $1', [
      billKey(renewalId),
    ]);
    const paymentId = `PAY-${randomUUID()}`;
    const answer = await send('sadad', {
      paymentId,
      billNumber,
      billReference: billKey(renewalId),
      amountSar: 300,
      paidAt: new Date().toISOString(),
    }).expect(200);
    expect(answer.body).toEqual({ received: true, duplicate: false, outcome: 'SIGNALLED' });
    // The workflow keeps its own rule (only the full amount counts); the payment itself is not lost.
    expect(await signalsReceived(stack.temporal, renewalId)).toEqual(['paymentReceived']);

    const listed = await alerts(`kind=PAYMENT_AMOUNT_MISMATCH&renewalId=${renewalId}`).expect(200);
    expect(listed.body).toEqual({
      items: [
        {
          alertId: expect.stringMatching(/^[1-9][0-9]*$/),
          at: expect.any(String),
          renewalId,
          kind: 'PAYMENT_AMOUNT_MISMATCH',
          raisedBy: 'service:sadad',
          details: expect.objectContaining({ paymentId, billNumber, paidSar: 300, billedSar: 635 }),
        },
      ],
      nextCursor: null,
      total: 1,
      totalKind: 'EXACT',
      limit: 50,
    });
    expect(await trail(renewalId)).toEqual([
      'service:sadad webhook.sadad.payment SIGNALLED',
      'service:sadad operator.alert PAYMENT_AMOUNT_MISMATCH',
    ]);
  });

  it('a payment for a renewal that has ended is alerted: the money must go back', async () => {
    const renewalId = await awaitingPayment(635);
    await stack.temporal.workflow.getHandle(renewalWorkflowId(renewalId)).terminate('test: expired');
    const [{ bill_number: billNumber }] = await stack.db.query('SELECT bill_number FROM bills WHERE bill_key = $1', [
      billKey(renewalId),
    ]);
    await send('sadad', {
      paymentId: `PAY-${randomUUID()}`,
      billNumber,
      billReference: billKey(renewalId),
      amountSar: 635,
      paidAt: new Date().toISOString(),
    }).expect(200);
    const listed = await alerts(`renewalId=${renewalId}`).expect(200);
    expect(listed.body.items.map((alert: { kind: string }) => alert.kind)).toEqual(['PAYMENT_FOR_CLOSED_RENEWAL']);
  });

  it('a carrier DELIVERED for a shipment declared lost: alerted, and the loss claim disputed by a workflow of its own', async () => {
    const renewalId = await seedRenewal(stack.db, {
      nationalId: freshNationalId(),
      stage: 'REISSUING',
      deliveryMethod: 'POST',
    });
    await startIdleWorkflow(stack.temporal, renewalId);
    const trackingNumber = await seedShipment(stack.db, renewalId);
    const persistence = createPersistence(stack.db, testPersonalData());
    await persistence.shipments.close(shipmentKey(renewalId, 1), 'LOST');
    await persistence.lossClaims.recordOpened({
      claimKey: lossClaimKey(renewalId, 1),
      renewalId,
      trackingNumber,
      carrierClaimId: 'LC00000001',
      liabilitySar: 600,
      status: 'OPEN',
    });

    const eventId = `sp-${randomUUID()}`;
    const answer = await send('saudi-post', {
      eventId,
      trackingNumber,
      shipmentKey: shipmentKey(renewalId, 1),
      type: 'DELIVERED',
      proof: 'OTP',
      occurredAt: new Date().toISOString(),
    }).expect(200);
    expect(answer.body).toEqual({ received: true, duplicate: false, outcome: 'LOSS_CLAIM_DISPUTED' });

    // The renewal has moved on (a replacement is on its way) and is not told.
    expect(await signalsReceived(stack.temporal, renewalId)).toEqual([]);
    const dispute = await stack.temporal.workflow
      .getHandle(lossClaimDisputeWorkflowId(lossClaimKey(renewalId, 1)))
      .describe();
    expect(dispute.type).toBe(LOSS_CLAIM_DISPUTE_WORKFLOW_TYPE);
    const listed = await alerts(`kind=DELIVERED_AFTER_LOSS&renewalId=${renewalId}`).expect(200);
    expect(listed.body.items).toEqual([
      expect.objectContaining({
        kind: 'DELIVERED_AFTER_LOSS',
        raisedBy: 'service:saudi-post',
        details: expect.objectContaining({ eventId, trackingNumber, claimKey: lossClaimKey(renewalId, 1) }),
      }),
    ]);
    expect(await trail(renewalId)).toEqual([
      'service:saudi-post webhook.saudi-post.carrier-event LOSS_CLAIM_DISPUTED',
      'service:saudi-post operator.alert DELIVERED_AFTER_LOSS',
    ]);
  });

  it('filters alerts by time and pages them; bad filters are a 400 naming the field', async () => {
    const renewalId = await awaitingPayment(635);
    const [{ bill_number: billNumber }] = await stack.db.query('SELECT bill_number FROM bills WHERE bill_key = $1', [
      billKey(renewalId),
    ]);
    const before = new Date().toISOString();
    for (const amountSar of [1, 2]) {
      await send('sadad', {
        paymentId: `PAY-${randomUUID()}`,
        billNumber,
        billReference: billKey(renewalId),
        amountSar,
        paidAt: new Date().toISOString(),
      }).expect(200);
    }
    const page = await alerts(`renewalId=${renewalId}&since=${before}&limit=1`).expect(200);
    expect(page.body).toMatchObject({ total: 2, totalKind: 'EXACT', limit: 1, nextCursor: expect.any(String) });
    expect(page.body.items[0].details.paidSar).toBe(2);
    const next = await alerts(`renewalId=${renewalId}&since=${before}&limit=1&cursor=${page.body.nextCursor}`);
    expect(next.body).toMatchObject({ nextCursor: null });
    expect(next.body).not.toHaveProperty('total');
    expect(next.body.items[0].details.paidSar).toBe(1);
    await alerts(`renewalId=${renewalId}&until=${before}`)
      .expect(200)
      .then((r) => expect(r.body.total).toBe(0));

    const bad = await alerts('kind=not a kind&renewalId=nope&since=yesterday&limit=0').expect(400);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'kind',
      'limit',
      'renewalId',
      'since',
    ]);
    await request(stack.http)
      .get('/v1/operator/alerts')
      .set(await authFor({ role: 'clerk', office: 'RUH-01' }))
      .expect(403);
  });
});
