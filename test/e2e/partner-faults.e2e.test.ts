import request from 'supertest';
import { seedCitizen, SeededCitizen } from '../support/citizens';
import { eventually } from '../support/eventually';
import { citizenClient } from '../support/journeys';
import { type SandboxStack, startStack } from '../support/stack';
import { renewalWorkflowId, STANDARD_PLEDGE_IDS } from '../../workflows/contract';
import { signedWebhook } from '../support/credentials';

const ACCEPTANCE = {
  photoConfirmed: true,
  englishNameConfirmed: true,
  acceptedPledgeIds: [...STANDARD_PLEDGE_IDS],
  validityYears: 10,
  delivery: { method: 'POST' },
};

/**
 * The whole stack against sandboxes that misbehave as configured: the carrier
 * loses every envelope, or every partner fails 30% of calls transiently.
 */
describe('renewals through faulty partner systems', () => {
  let stack: SandboxStack;

  afterEach(async () => {
    await stack?.stop();
  });

  /**
   * Citizen requests, accepts home delivery and pays; all else is up to the sandboxes. With faulty partners
   * a stage takes as long as its retries: five failures in a row (0.3^5, about one call in 400, so a few
   * times a run of 20 renewals) back off 1+2+4+8+16 s, and a sixth another 32 s, past a minute.
   */
  async function renewByPost(person: SeededCitizen, stageTimeoutMs = 60_000): Promise<string> {
    const citizen = await citizenClient(stack, person);
    const created = await citizen.post('/v1/renewals', { officeId: 'RUH-01' }).expect(202);
    const renewalId: string = created.body.renewalId;
    await citizen.waitForStage(renewalId, 'AWAITING_ACCEPTANCE', stageTimeoutMs);
    await citizen.post(`/v1/renewals/${renewalId}/acceptance`, ACCEPTANCE).expect(200);
    const awaiting = await citizen.waitForStage(renewalId, 'AWAITING_PAYMENT', stageTimeoutMs);
    // The bank's side of SADAD can fail transiently too: the citizen simply tries again.
    await eventually(
      () => stack.sandboxControl(`/sadad/bills/${awaiting.billNumber}/payment`).then(() => true),
      'the bill paid',
    );
    return renewalId;
  }

  it('with every envelope lost: loss, reissue, loss, reissue, then pickup at the office — no manual step', async () => {
    stack = await startStack({
      sandboxes: true,
      env: {
        SANDBOX_SAUDI_POST_LOSS_PROBABILITY: '1',
        SANDBOX_SAUDI_POST_STEP_DELAY_MS: '200',
        SANDBOX_PRINT_CENTRE_DELAY_MS: '200',
      },
    });
    const person = await seedCitizen(stack.db, { subscribedToWasel: true });
    const citizen = await citizenClient(stack, person);
    const renewalId = await renewByPost(person);

    const ready = await citizen.waitForStage(renewalId, 'READY_FOR_PICKUP', 90_000);
    expect(ready).toMatchObject({ issueNumber: 3, deliveryMethod: 'PICKUP' });
    console.log(
      `Timeline of renewal ${renewalId}:\n${ready.timeline.map((t: { stage: string; at: string; note?: string }) => `  ${t.at}  ${t.stage}${t.note ? `  (${t.note})` : ''}`).join('\n')}`,
    );
    expect(ready.timeline.map((t: { stage: string }) => t.stage)).toEqual(
      expect.arrayContaining(['DISPATCHED', 'LOST', 'REISSUING', 'PRINTING', 'READY_FOR_PICKUP']),
    );

    const claims = await stack.db.query(
      'SELECT liability_sar, status FROM loss_claims WHERE renewal_id = $1 ORDER BY claim_key',
      [renewalId],
    );
    expect(claims).toEqual([
      { liability_sar: 600, status: 'OPEN' },
      { liability_sar: 600, status: 'OPEN' },
    ]);
    const bills = await stack.db.query('SELECT amount_sar, status FROM bills WHERE renewal_id = $1', [renewalId]);
    expect(bills).toEqual([{ amount_sar: 635, status: 'PAID' }]);
    const voided = await stack.db.query(
      `SELECT count(*)::int AS n FROM sandbox.registry_passports WHERE national_id = $1 AND status = 'VOIDED'`,
      [person.nationalId],
    );
    expect(voided).toEqual([{ n: 2 }]);

    // The clerk hands the third passport over at the counter.
    const clerk = await stack.auth({ role: 'clerk', office: 'RUH-01' });
    const counter = `/v1/counter/renewals/${renewalId}`;
    await request(stack.http)
      .post(`${counter}/verification`)
      .set({ ...clerk, 'Idempotency-Key': `${renewalId}-v` })
      .send({ presentedPassportNumber: person.passportNumber, identityConfirmed: true })
      .expect(200);
    await request(stack.http)
      .post(`${counter}/handover`)
      .set({ ...clerk, 'Idempotency-Key': `${renewalId}-h` })
      .send({})
      .expect(200);
    // The renewal has just ended: its last write reaches the read model a moment after the handover's answer.
    await citizen.waitForStage(renewalId, 'COMPLETED');

    // Then the carrier finds the first envelope and reports it delivered: a voided passport reached the citizen.
    const [lost] = await stack.db.query(
      `SELECT shipment_key, tracking_number FROM shipments WHERE renewal_id = $1 AND issue_number = 1`,
      [renewalId],
    );
    const delivered = signedWebhook('saudi-post', {
      eventId: `late-${renewalId}`,
      trackingNumber: lost.tracking_number,
      shipmentKey: lost.shipment_key,
      type: 'DELIVERED',
      proof: 'OTP',
      occurredAt: new Date().toISOString(),
    });
    await request(stack.http)
      .post('/v1/webhooks/saudi-post')
      .set(delivered.headers)
      .send(delivered.body)
      .expect(200, { received: true, duplicate: false, outcome: 'LOSS_CLAIM_DISPUTED' });
    // The dispute workflow marks our claim and the carrier's, and the trail says so.
    const claimStatuses = () =>
      stack.db.query(
        `SELECT c.status, s.status AS carrier_status FROM loss_claims c
           JOIN sandbox.loss_claims s ON s.claim_key = c.claim_key
          WHERE c.renewal_id = $1 ORDER BY c.claim_key`,
        [renewalId],
      );
    await eventually(
      async () => ((await claimStatuses())[0].carrier_status === 'DISPUTED' ? true : undefined),
      'the carrier claim disputed',
    );
    expect(await claimStatuses()).toEqual([
      { status: 'DISPUTED', carrier_status: 'DISPUTED' },
      { status: 'OPEN', carrier_status: 'OPEN' },
    ]);
    const operator = await stack.auth({ role: 'operator' });
    const alerts = await request(stack.http)
      .get(`/v1/operator/alerts?renewalId=${renewalId}&kind=DELIVERED_AFTER_LOSS`)
      .set(operator)
      .expect(200);
    expect(alerts.body.total).toBe(1);
    const trail = await request(stack.http).get(`/v1/operator/renewals/${renewalId}/audit`).set(operator).expect(200);
    expect(
      trail.body.items.map((line: { action: string; outcome: string }) => `${line.action} ${line.outcome}`),
    ).toEqual(expect.arrayContaining(['operator.alert DELIVERED_AFTER_LOSS', 'loss-claim.dispute DISPUTED']));
  });

  it('with 30% transient errors in every sandbox, 20 renewals by post all complete', async () => {
    const faults = Object.fromEntries(
      ['CIVIL_REGISTRY', 'SADAD', 'PRINT_CENTRE', 'WASEL', 'SAUDI_POST', 'SMS'].map((system) => [
        `SANDBOX_${system}_ERROR_RATE`,
        '0.3',
      ]),
    );
    stack = await startStack({
      sandboxes: true,
      env: {
        ...faults,
        SANDBOX_SAUDI_POST_LOSS_PROBABILITY: '0',
        SANDBOX_SAUDI_POST_FAILED_ATTEMPT_PROBABILITY: '0',
        // Fast carrier steps: events often reach us while a faulty dispatch is still being retried, before we
        // know the tracking number. They are placed by the shipment key the carrier echoes.
        SANDBOX_SAUDI_POST_STEP_DELAY_MS: '200',
        SANDBOX_PRINT_CENTRE_DELAY_MS: '200',
      },
    });
    const people = await Promise.all(
      Array.from({ length: 20 }, () => seedCitizen(stack.db, { subscribedToWasel: true })),
    );
    const renewals = await Promise.all(people.map((person) => renewByPost(person, 240_000)));

    const finished = await Promise.all(
      renewals.map(async (renewalId, i) =>
        (await citizenClient(stack, people[i])).waitForStage(renewalId, 'COMPLETED', 540_000),
      ),
    );
    expect(finished.map((status) => status.stage)).toEqual(Array(20).fill('COMPLETED'));
    const valid = await stack.db.query(
      `SELECT count(*)::int AS n FROM sandbox.registry_passports
       WHERE national_id = ANY($1) AND status = 'VALID'`,
      [people.map((p) => p.nationalId)],
    );
    expect(valid).toEqual([{ n: 20 }]);
    // The faults really happened, and retries absorbed them: activities that needed more than one attempt.
    let retriedActivities = 0;
    for (const renewalId of renewals) {
      const history = await stack.temporal.workflow.getHandle(renewalWorkflowId(renewalId)).fetchHistory();
      retriedActivities += history.events!.filter(
        (e) => (e.activityTaskStartedEventAttributes?.attempt ?? 1) > 1,
      ).length;
    }
    // No carrier event was refused or given up: each reached its renewal, at the latest on a retry.
    const carrierWebhooks = await stack.db.query(
      `SELECT status, count(*)::int AS n FROM sandbox.webhook_outbox WHERE partner = 'saudi-post'
        AND payload->>'shipmentKey' LIKE ANY($1) GROUP BY status`,
      [renewals.map((renewalId) => `${renewalId}/%`)],
    );
    console.log(
      `20 renewals completed; ${retriedActivities} activities needed retries; carrier webhooks by status: ` +
        JSON.stringify(carrierWebhooks),
    );
    expect(carrierWebhooks.filter((row: { status: string }) => row.status !== 'DELIVERED')).toEqual([]);
    expect(retriedActivities).toBeGreaterThan(20);
  }, 600_000);

  it('a permanent partner error (malformed Wasel address) ends FAILED with its type, visible to the citizen', async () => {
    stack = await startStack({ sandboxes: true, env: { SANDBOX_PRINT_CENTRE_DELAY_MS: '200' } });
    const person = await seedCitizen(stack.db, { subscribedToWasel: true });
    await stack.db.query(`UPDATE sandbox.wasel_subscriptions SET postal_code = '99999' WHERE national_id = $1`, [
      person.nationalId,
    ]);
    const citizen = await citizenClient(stack, person);
    const renewalId = await renewByPost(person);
    const failed = await citizen.waitForStage(renewalId, 'FAILED');
    expect(failed.outcomeReason).toBe('MalformedAddress');
    const view = await citizen.get(`/v1/renewals/${renewalId}`).expect(200);
    expect(view.body.stage).toBe('FAILED');
    // FAILED is recorded first, then what was done is undone: the refund lands after it.
    await eventually(async () => {
      const bills = await stack.db.query('SELECT status FROM bills WHERE renewal_id = $1', [renewalId]);
      return bills.length === 1 && bills[0].status === 'REFUNDED' ? true : undefined;
    }, 'the one bill refunded');
  });

  it('with the print centre failing every call: alerted at the print deadline, "delayed" to the citizen, FAILED and refunded at the hard limit', async () => {
    stack = await startStack({
      sandboxes: true,
      env: {
        SANDBOX_PRINT_CENTRE_ERROR_RATE: '1',
        POLICY_PRINT_DEADLINE: '4s',
        POLICY_COMPENSATION_WINDOW: '3s',
      },
    });
    const person = await seedCitizen(stack.db);
    const citizen = await citizenClient(stack, person);
    const operator = await stack.auth({ role: 'operator', id: 'ops-1' });
    const renewalId = await citizen.startAndAccept({ method: 'PICKUP', officeId: 'RUH-01' });
    const awaiting = await citizen.waitForStage(renewalId, 'AWAITING_PAYMENT');
    await stack.sandboxControl(`/sadad/bills/${awaiting.billNumber}/payment`);
    const printing = await citizen.waitForStage(renewalId, 'PRINTING');
    const enteredAt = Date.parse(printing.timeline.at(-1).at);
    expect(Date.parse(printing.stageDeadline) - enteredAt).toBe(4_000);
    expect(printing.overdue).toBe(false);

    // The deadline: operators alerted while the submission is still being retried, the renewal overdue everywhere.
    const late = await eventually(async () => {
      const status = await citizen.status(renewalId);
      return status.overdue ? status : undefined;
    }, 'the renewal overdue');
    expect(late).toMatchObject({ stage: 'PRINTING', stageDeadline: printing.stageDeadline });
    const alerts = async (kind: string) =>
      (
        await request(stack.http)
          .get(`/v1/operator/alerts?renewalId=${renewalId}&kind=${kind}`)
          .set(operator)
          .expect(200)
      ).body.items as Array<{ at: string; details: Record<string, unknown> }>;
    const [overdue] = await alerts('PRINT_OVERDUE');
    expect(Date.parse(overdue.at)).toBeGreaterThanOrEqual(Date.parse(printing.stageDeadline));
    const desk = await request(stack.http)
      .get('/v1/operator/renewals?overdue=true&limit=200')
      .set(operator)
      .expect(200);
    expect(desk.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ renewalId, overdue: true })]));

    // The hard limit, twice the deadline from the stage's entry: FAILED, then what was done undone.
    const failed = await citizen.waitForStage(renewalId, 'FAILED', 30_000);
    expect(failed).toMatchObject({ outcomeReason: 'PRINTING_FAILED', overdue: false });
    expect(Date.parse(failed.timeline.at(-1).at) - enteredAt).toBeGreaterThanOrEqual(8_000);
    expect(await alerts('RENEWAL_FAILED')).toHaveLength(1);
    const handedOver = await eventually(async () => {
      const items = await alerts('COMPENSATION_HANDED_TO_OPERATOR');
      return items.length > 0 ? items : undefined;
    }, 'the print job cancellation handed to operators');
    expect(handedOver.map((alert) => alert.details.compensation)).toEqual(['PRINT_JOB_CANCELLED']);
    await eventually(async () => {
      const bills = await stack.db.query('SELECT status FROM bills WHERE renewal_id = $1', [renewalId]);
      return bills[0]?.status === 'REFUNDED' ? true : undefined;
    }, 'the payment refunded');
    const workflow = await stack.temporal.workflow.getHandle(renewalWorkflowId(renewalId)).result();
    expect(workflow).toEqual({ stage: 'FAILED', reason: 'PRINTING_FAILED' });
  });
});
