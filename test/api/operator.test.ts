import request from 'supertest';
import {
  DeliveryMethodKey,
  OfficeIdKey,
  OverdueKey,
  RENEWAL_WORKFLOW_TYPE,
  RenewalStageKey,
  renewalWorkflowId,
  SlaBreachedKey,
  StageDeadlineKey,
} from '../../workflows/contract';
import { eventually } from '../support/eventually';
import { IDLE_TASK_QUEUE, type Stack, startStack } from '../support/stack';
import { authFor } from '../support/tokens';
import { freshNationalId } from '../support/fixtures';
import { seedInTransit, seedRenewal, seedShipment, signalsReceived, uniqueKey } from './support/fixtures';

describe('operator endpoints', () => {
  let stack: Stack;
  let operator: Record<string, string>;
  beforeAll(async () => {
    operator = await authFor({ role: 'operator' });
  });
  // An office code no other test uses, so filters see only this file's renewals.
  const office = 'TST-42';

  beforeAll(async () => {
    stack = await startStack({ worker: false });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  const list = (query: string) =>
    request(stack.http).get(`/v1/operator/renewals?officeId=${office}&${query}`).set(operator).expect(200);
  const ids = (response: request.Response) => response.body.items.map((item: { renewalId: string }) => item.renewalId);

  it('filters the read model by stage, delivery method, SLA breach, overdue and time stuck in a stage', async () => {
    const inTransit = await seedRenewal(stack.db, {
      nationalId: freshNationalId(),
      officeId: office,
      stage: 'IN_TRANSIT',
      deliveryMethod: 'POST',
    });
    const breached = await seedRenewal(stack.db, {
      nationalId: freshNationalId(),
      officeId: office,
      stage: 'IN_TRANSIT',
      deliveryMethod: 'POST',
    });
    const atCounter = await seedRenewal(stack.db, {
      nationalId: freshNationalId(),
      officeId: office,
      stage: 'READY_FOR_PICKUP',
    });
    const finished = await seedRenewal(stack.db, {
      nationalId: freshNationalId(),
      officeId: office,
      stage: 'COMPLETED',
      deliveryMethod: 'POST',
    });
    // Printing past its deadline: the workflow's stage clock marked it overdue and alerted operators.
    const printingLate = await seedRenewal(stack.db, {
      nationalId: freshNationalId(),
      officeId: office,
      stage: 'PRINTING',
      deliveryMethod: 'POST',
      overdue: { stageDeadline: new Date(Date.now() - 60_000).toISOString() },
    });
    await stack.db.query(`UPDATE renewals SET sla_breached = true WHERE renewal_id = $1`, [breached]);
    // Stuck for three days; a finished renewal is never "stuck", however old.
    await stack.db.query(
      `UPDATE renewals SET stage_entered_at = now() - interval '3 days' WHERE renewal_id = ANY($1)`,
      [[inTransit, finished]],
    );

    expect(ids(await list('stage=IN_TRANSIT')).sort()).toEqual([inTransit, breached].sort());
    expect(ids(await list('deliveryMethod=PICKUP'))).toEqual([atCounter]);
    expect(ids(await list('slaBreached=true'))).toEqual([breached]);
    const late = await list('overdue=true');
    expect(ids(late)).toEqual([printingLate]);
    expect(late.body.items[0]).toMatchObject({ stage: 'PRINTING', overdue: true, slaBreached: false });
    expect(ids(await list('overdue=false')).sort()).toEqual([inTransit, breached, atCounter, finished].sort());
    expect(ids(await list('pastDeadline=true'))).toEqual([printingLate]);
    expect(ids(await list('stuckFor=PT48H'))).toEqual([inTransit]);
    expect(ids(await list('stuckFor=P4D'))).toEqual([]);

    // Newest first, a page at a time by cursor, counted.
    const first = await list('limit=3');
    expect(first.body).toMatchObject({ total: 5, totalKind: 'EXACT', limit: 3, nextCursor: expect.any(String) });
    expect(first.body).not.toHaveProperty('estimatedTotal');
    const second = await list(`limit=3&cursor=${first.body.nextCursor}`);
    expect(second.body).toMatchObject({ nextCursor: null });
    // The count comes with the first page only.
    expect(second.body).not.toHaveProperty('total');
    expect([...ids(first), ...ids(second)]).toEqual([printingLate, finished, atCounter, breached, inTransit]);
    expect(first.body.items[1]).toEqual({
      renewalId: finished,
      reference: expect.stringMatching(/^PR-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/),
      stage: 'COMPLETED',
      deliveryMethod: 'POST',
      officeId: office,
      stageDeadline: null,
      slaBreached: false,
      overdue: false,
      stageEnteredAt: expect.any(String),
      createdAt: expect.any(String),
    });
    // A cursor of another list, or a made-up one, is refused rather than read as some position.
    const alertsCursor = Buffer.from('a:1764800000000000:42').toString('base64url');
    const refused = await request(stack.http)
      .get(`/v1/operator/renewals?cursor=${alertsCursor}`)
      .set(operator)
      .expect(422);
    expect(refused.body.errors).toEqual([
      { field: 'cursor', message: 'cursor is not one this list gave: start again without it' },
    ]);
    await request(stack.http).get('/v1/operator/renewals?cursor=not%20a%20cursor').set(operator).expect(400);
  });

  it('finds renewals past their stage deadline through Temporal visibility', async () => {
    const overdue = await seedRenewal(stack.db, {
      nationalId: freshNationalId(),
      officeId: office,
      stage: 'IN_TRANSIT',
    });
    const onTime = await seedRenewal(stack.db, {
      nationalId: freshNationalId(),
      officeId: office,
      stage: 'IN_TRANSIT',
    });
    const start = (renewalId: string, deadline: Date) =>
      stack.temporal.workflow.start(RENEWAL_WORKFLOW_TYPE, {
        workflowId: renewalWorkflowId(renewalId),
        taskQueue: IDLE_TASK_QUEUE,
        args: [],
        typedSearchAttributes: [
          { key: RenewalStageKey, value: 'IN_TRANSIT' },
          { key: DeliveryMethodKey, value: 'POST' },
          { key: OfficeIdKey, value: office },
          { key: StageDeadlineKey, value: deadline },
          { key: SlaBreachedKey, value: true },
          { key: OverdueKey, value: true },
        ],
      });
    await start(overdue, new Date(Date.now() - 60_000));
    await start(onTime, new Date(Date.now() + 3_600_000));

    const found = await eventually(async () => {
      const response = await request(stack.http)
        .get('/v1/operator/renewals/overdue?stage=IN_TRANSIT')
        .set(operator)
        .expect(200);
      const mine = response.body.filter((item: { officeId: string }) => item.officeId === office);
      return mine.length > 0 ? mine : undefined;
    }, 'the overdue renewal in visibility');
    expect(found).toEqual([
      {
        renewalId: overdue,
        stage: 'IN_TRANSIT',
        deliveryMethod: 'POST',
        officeId: office,
        stageDeadline: expect.any(String),
        slaBreached: true,
        overdue: true,
      },
    ]);
  });

  it('shows the audit trail of a renewal, oldest first', async () => {
    const renewalId = await seedInTransit(stack);
    await request(stack.http)
      .post(`/v1/operator/renewals/${renewalId}/loss-declaration`)
      .set({ ...operator, 'Idempotency-Key': uniqueKey() })
      .send({ reason: 'Depot fire' })
      .expect(202, { accepted: true });

    const trail = await request(stack.http).get(`/v1/operator/renewals/${renewalId}/audit`).set(operator).expect(200);
    expect(trail.body).toMatchObject({ limit: 200, nextCursor: null });
    expect(trail.body.items).toEqual([
      {
        at: expect.any(String),
        actor: 'operator:ops-1',
        action: 'operator.loss-declaration',
        outcome: 'DECLARED',
        details: { trackingNumber: expect.stringMatching(/^SP\d{9}SA$/) },
      },
    ]);
    expect(await signalsReceived(stack.temporal, renewalId)).toEqual(['declareShipmentLost']);
  });

  it('refuses to declare lost what is not in transit, and finds nothing for an unknown renewal', async () => {
    const renewalId = await seedRenewal(stack.db, { nationalId: freshNationalId(), stage: 'READY_FOR_PICKUP' });
    const refused = await request(stack.http)
      .post(`/v1/operator/renewals/${renewalId}/loss-declaration`)
      .set({ ...operator, 'Idempotency-Key': uniqueKey() })
      .send({ reason: 'Lost?' })
      .expect(422);
    expect(refused.body.type).toBe('urn:passport-renewal:problem:shipment-not-in-transit');
    await request(stack.http).get(`/v1/operator/renewals/${crypto.randomUUID()}/audit`).set(operator).expect(404);
  });
});

describe('carrier envelope look-up', () => {
  let stack: Stack;
  let carrier: Record<string, string>;
  beforeAll(async () => {
    carrier = await authFor({ role: 'courier' });
  });

  beforeAll(async () => {
    stack = await startStack({ worker: false });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  async function subscribedCitizenInTransit() {
    const nationalId = freshNationalId();
    await stack.db.query(
      `INSERT INTO sandbox.registry_people (national_id, name_ar, name_en, date_of_birth, nationality, mobile)
       VALUES ($1, 'ساعي الاختبار', 'ENVELOPE RECIPIENT', '1990-01-01', 'SA', '+966511112222')`,
      [nationalId],
    );
    await stack.db.query(
      `INSERT INTO sandbox.wasel_subscriptions (national_id, building_number, street, district, city, postal_code, additional_number)
       VALUES ($1, '2929', 'King Fahd Road', 'Al Olaya', 'Riyadh', '12214', '7788')`,
      [nationalId],
    );
    const renewalId = await seedRenewal(stack.db, { nationalId, stage: 'OUT_FOR_DELIVERY', deliveryMethod: 'POST' });
    const trackingNumber = await seedShipment(stack.db, renewalId);
    const [{ envelope_barcode: barcode }] = await stack.db.query(
      'SELECT envelope_barcode FROM shipments WHERE renewal_id = $1',
      [renewalId],
    );
    return { renewalId, trackingNumber, barcode: barcode as string };
  }

  it('tells the courier who and where while the envelope is in transit, and audits it', async () => {
    const { renewalId, trackingNumber, barcode } = await subscribedCitizenInTransit();
    const envelope = await request(stack.http).get(`/v1/carrier/envelopes/${barcode}`).set(carrier).expect(200);
    expect(envelope.body).toEqual({
      envelopeBarcode: barcode,
      trackingNumber,
      recipient: { nameAr: 'ساعي الاختبار', nameEn: 'ENVELOPE RECIPIENT', mobile: '+966511112222' },
      deliveryAddress: expect.objectContaining({ buildingNumber: '2929', city: 'Riyadh', postalCode: '12214' }),
    });
    const audit = await stack.db.query(
      'SELECT actor, action, outcome, details FROM audit_events WHERE renewal_id = $1',
      [renewalId],
    );
    expect(audit).toEqual([
      {
        actor: 'courier:courier-spl',
        action: 'carrier.envelope.lookup',
        outcome: 'DISCLOSED',
        details: { trackingNumber },
      },
    ]);
  });

  it('answers 410 once the shipment is over, and 404 for an envelope it never had', async () => {
    const { barcode, renewalId } = await subscribedCitizenInTransit();
    await stack.db.query(`UPDATE shipments SET status = 'DELIVERED', closed_at = now() WHERE renewal_id = $1`, [
      renewalId,
    ]);
    const gone = await request(stack.http).get(`/v1/carrier/envelopes/${barcode}`).set(carrier).expect(410);
    expect(gone.body.type).toBe('urn:passport-renewal:problem:envelope-closed');
    expect(JSON.stringify(gone.body)).not.toContain('ENVELOPE RECIPIENT');
    await request(stack.http)
      .get(`/v1/carrier/envelopes/PE${'F'.repeat(32)}01`)
      .set(carrier)
      .expect(404);
  });

  it("answers another carrier's courier as for an envelope it never had, and audits the attempt", async () => {
    const { renewalId, barcode } = await subscribedCitizenInTransit();
    const smsa = await authFor({ role: 'courier', carrier: 'SMSA' });
    const refused = await request(stack.http).get(`/v1/carrier/envelopes/${barcode}`).set(smsa).expect(404);
    const unknown = await request(stack.http)
      .get(`/v1/carrier/envelopes/PE${'E'.repeat(32)}01`)
      .set(smsa)
      .expect(404);
    expect({ ...refused.body, instance: undefined }).toEqual({ ...unknown.body, instance: undefined });
    expect(JSON.stringify(refused.body)).not.toContain('ENVELOPE RECIPIENT');
    const audit = await stack.db.query(
      'SELECT actor, action, outcome, details FROM audit_events WHERE renewal_id = $1',
      [renewalId],
    );
    expect(audit).toEqual([
      {
        actor: 'courier:courier-smsa',
        action: 'carrier.envelope.lookup',
        outcome: 'DENIED',
        details: { reason: 'OTHER_CARRIER' },
      },
    ]);
  });
});
