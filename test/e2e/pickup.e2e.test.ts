import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { pseudonymOf } from '../../src/api/auth/pseudonym';
import { testPersonalData } from '../support/personal-data-keys';
import { renewalWorkflowId } from '../../workflows/contract';
import { seedCitizen } from '../support/citizens';
import { eventually } from '../support/eventually';
import { type SandboxStack, startStack } from '../support/stack';

/**
 * The pickup path over HTTP, through the real API, Temporal dev server, worker and PostgreSQL, with the
 * partner sandboxes (SADAD takes the payment, the print centre prints, both report by signed webhook).
 */
describe('pickup at the counter, end to end', () => {
  let stack: SandboxStack;

  beforeAll(async () => {
    stack = await startStack({ sandboxes: true, env: { SANDBOX_PRINT_CENTRE_DELAY_MS: '200' } });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  // Every POST carries an Idempotency-Key; each call here is a new intended action.
  const once = () => ({ 'Idempotency-Key': randomUUID() });
  const clerk = () => stack.auth({ role: 'clerk', office: 'RUH-01' });

  async function stageOf(renewalId: string, citizen: { Authorization: string }): Promise<string> {
    const response = await request(stack.http).get(`/v1/renewals/${renewalId}`).set(citizen).expect(200);
    return response.body.stage;
  }

  async function waitForStage(renewalId: string, citizen: { Authorization: string }, stage: string): Promise<void> {
    await eventually(async () => ((await stageOf(renewalId, citizen)) === stage ? true : undefined), `stage ${stage}`);
  }

  it('renews a passport from the citizen request to the handover at the counter', async () => {
    const citizen = await seedCitizen(stack.db);
    const asCitizen = await stack.auth({ role: 'citizen', nationalId: citizen.nationalId });

    const created = await request(stack.http)
      .post('/v1/renewals')
      .set({ ...asCitizen, ...once() })
      .send({ officeId: 'RUH-01' })
      .expect(202);
    const renewalId: string = created.body.renewalId;
    // Opened by update-with-start: the answer is the eligibility outcome, with the review to accept.
    expect(created.body).toMatchObject({
      stage: 'AWAITING_ACCEPTANCE',
      officeId: 'RUH-01',
      deliveryMethod: 'PICKUP',
      review: { renewalId, passport: { passportNumber: citizen.passportNumber, status: 'VALID' } },
    });
    expect(created.body).not.toHaveProperty('nationalId');
    expect(await stageOf(renewalId, asCitizen)).toBe('AWAITING_ACCEPTANCE');

    // The citizen reviews, accepts and pays; SADAD and the print centre report by webhook.
    const { review } = created.body;
    await request(stack.http)
      .post(`/v1/renewals/${renewalId}/acceptance`)
      .set({ ...asCitizen, ...once() })
      .send({
        photoConfirmed: true,
        englishNameConfirmed: true,
        acceptedPledgeIds: review.requiredPledgeIds,
        validityYears: 10,
        delivery: { method: 'PICKUP', officeId: 'RUH-01' },
      })
      .expect(200, { feeSar: 600, postageSar: 0, totalSar: 600 });
    await waitForStage(renewalId, asCitizen, 'AWAITING_PAYMENT');
    const status = await request(stack.http).get(`/v1/renewals/${renewalId}/status`).set(asCitizen).expect(200);
    await stack.sandboxControl(`/sadad/bills/${status.body.billNumber}/payment`);

    await waitForStage(renewalId, asCitizen, 'READY_FOR_PICKUP');

    // The search attribute an operator filters on in the Temporal UI follows the stage: upserted when the workflow
    // task that wrote the read model (in its local activity) completes, so a moment after the page shows the stage.
    const handle = stack.temporal.workflow.getHandle(renewalWorkflowId(renewalId));
    const description = await eventually(async () => {
      const described = await handle.describe();
      const stage = described.typedSearchAttributes.getAll().find(({ key }) => key.name === 'RenewalStage');
      return stage?.value === 'READY_FOR_PICKUP' ? described : undefined;
    }, 'the RenewalStage search attribute');
    expect(description.typedSearchAttributes.getAll()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: expect.objectContaining({ name: 'RenewalStage' }), value: 'READY_FOR_PICKUP' }),
      ]),
    );

    const counter = `/v1/counter/renewals/${renewalId}`;
    const tooEarly = await request(stack.http)
      .post(`${counter}/handover`)
      .set({ ...(await clerk()), ...once() })
      .send({})
      .expect(422);
    expect(tooEarly.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(tooEarly.body).toMatchObject({ status: 422, reason: 'OldPassportNotVerified' });

    const mismatch = await request(stack.http)
      .post(`${counter}/verification`)
      .set({ ...(await clerk()), ...once() })
      .send({ presentedPassportNumber: 'Z9999999', identityConfirmed: true })
      .expect(200);
    expect(mismatch.body).toEqual({ matched: false, mismatchesSoFar: 1 });

    await request(stack.http)
      .post(`${counter}/verification`)
      .set({ ...(await clerk()), ...once() })
      .send({ presentedPassportNumber: citizen.passportNumber, identityConfirmed: true })
      .expect(200, { matched: true, mismatchesSoFar: 1 });

    const handover = await request(stack.http)
      .post(`${counter}/handover`)
      .set({ ...(await clerk()), ...once() })
      .send({})
      .expect(200);
    const newPassportNumber: string = handover.body.newPassportNumber;
    expect(newPassportNumber).toMatch(/^X\d{8}$/);

    expect(await stageOf(renewalId, asCitizen)).toBe('COMPLETED');

    // The read model row, and the registry: new passport valid, old one cancelled.
    const [row] = await stack.db.query(
      'SELECT stage, national_id_hmac, counter_mismatches, pending_action FROM renewals WHERE renewal_id = $1',
      [renewalId],
    );
    expect(row).toEqual({
      stage: 'COMPLETED',
      national_id_hmac: testPersonalData().digest(citizen.nationalId),
      counter_mismatches: 1,
      pending_action: null,
    });
    const passports = await stack.db.query(
      'SELECT passport_number, status FROM sandbox.registry_passports WHERE national_id = $1 ORDER BY passport_number',
      [citizen.nationalId],
    );
    expect(passports).toEqual(
      expect.arrayContaining([
        { passport_number: citizen.passportNumber, status: 'CANCELLED' },
        { passport_number: newPassportNumber, status: 'VALID' },
      ]),
    );

    // The audit trail: every stage from the workflow, every counter action with its clerk.
    const audit = await stack.db.query(
      'SELECT actor, action, outcome FROM audit_events WHERE renewal_id = $1 ORDER BY occurred_at, id',
      [renewalId],
    );
    // Each action is dated when it was asked for, so it comes before the renewal's reaction to it.
    const actor = `citizen:${pseudonymOf(stack.config.api.pseudonymKey, citizen.nationalId)}`;
    expect(audit).toEqual([
      { actor, action: 'citizen.renewal.create', outcome: 'STARTED' },
      { actor: 'workflow', action: 'stage.entered', outcome: 'ELIGIBILITY_CHECK' },
      { actor: 'workflow', action: 'stage.entered', outcome: 'AWAITING_ACCEPTANCE' },
      { actor, action: 'citizen.review', outcome: 'DISCLOSED' },
      { actor, action: 'citizen.acceptance', outcome: 'ACCEPTED' },
      { actor: 'workflow', action: 'stage.entered', outcome: 'AWAITING_PAYMENT' },
      { actor: 'service:sadad', action: 'webhook.sadad.payment', outcome: 'SIGNALLED' },
      { actor: 'workflow', action: 'stage.entered', outcome: 'PRINTING' },
      { actor: 'service:print-centre', action: 'webhook.print-centre.job-completed', outcome: 'SIGNALLED' },
      { actor: 'workflow', action: 'stage.entered', outcome: 'READY_FOR_PICKUP' },
      { actor: 'clerk:clerk-ruh-01', action: 'counter.handover', outcome: 'REFUSED' },
      { actor: 'clerk:clerk-ruh-01', action: 'counter.verification', outcome: 'MISMATCH' },
      { actor: 'clerk:clerk-ruh-01', action: 'counter.verification', outcome: 'MATCHED' },
      { actor: 'clerk:clerk-ruh-01', action: 'counter.handover', outcome: 'HANDED_OVER' },
      { actor: 'workflow', action: 'stage.entered', outcome: 'COMPLETED' },
    ]);
  });

  it('refuses an invalid national ID with a problem naming the field, and starts nothing', async () => {
    const before = await stack.db.query('SELECT count(*)::int AS n FROM renewals');

    // A citizen's national ID comes from their token; the clerk types one in at the counter.
    const response = await request(stack.http)
      .post('/v1/counter/renewals/lookup')
      .set(await clerk())
      .send({ nationalId: '1058529941' })
      // Well-formed (the OpenAPI pattern holds) but the check digit is wrong: a rule the document cannot state, 422.
      .expect(422);

    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({
      type: 'urn:passport-renewal:problem:validation-error',
      status: 422,
      errors: [{ field: 'nationalId', message: 'nationalId has an invalid check digit' }],
    });
    expect(await stack.db.query('SELECT count(*)::int AS n FROM renewals')).toEqual(before);
  });

  it('rejects a citizen under a travel ban, visible in the read model', async () => {
    const citizen = await seedCitizen(stack.db, { travelBan: true });
    const asCitizen = await stack.auth({ role: 'citizen', nationalId: citizen.nationalId });
    const created = await request(stack.http)
      .post('/v1/renewals')
      .set({ ...asCitizen, ...once() })
      .send({ officeId: 'JED-02' })
      .expect(202);
    expect(created.body).toMatchObject({ stage: 'REJECTED', outcomeReason: 'TRAVEL_BAN' });
    expect(created.body).not.toHaveProperty('review');

    await waitForStage(created.body.renewalId, asCitizen, 'REJECTED');
    const [audit] = await stack.db.query(
      `SELECT details FROM audit_events WHERE renewal_id = $1 AND outcome = 'REJECTED'`,
      [created.body.renewalId],
    );
    expect(audit.details).toEqual({ note: 'TRAVEL_BAN' });
  });
});
