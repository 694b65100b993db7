import request from 'supertest';
import { renewalWorkflowId } from '../../workflows/contract';
import { eventually } from '../support/eventually';
import { type Stack, startStack } from '../support/stack';
import { authFor } from '../support/tokens';
import { freshNationalId } from '../support/fixtures';
import { seedInTransit, signalsReceived, uniqueKey } from './support/fixtures';
import { testPersonalData } from '../support/personal-data-keys';

describe('Idempotency-Key on every POST', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({ worker: false });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  async function citizen() {
    const nationalId = freshNationalId();
    return { nationalId, headers: await authFor({ role: 'citizen', nationalId: nationalId }) };
  }

  const create = (headers: Record<string, string>, key: string | undefined, body: object = { officeId: 'RUH-01' }) =>
    request(stack.http)
      .post('/v1/renewals')
      .set({ ...headers, ...(key ? { 'Idempotency-Key': key } : {}) })
      .send(body);

  async function renewalsOf(nationalId: string): Promise<string[]> {
    const rows = await stack.db.query('SELECT renewal_id FROM renewals WHERE national_id_hmac = $1', [
      testPersonalData().digest(nationalId),
    ]);
    return rows.map((row: { renewal_id: string }) => row.renewal_id);
  }

  async function creationAudits(renewalId: string): Promise<number> {
    const [{ n }] = await stack.db.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE renewal_id = $1 AND action = 'citizen.renewal.create'`,
      [renewalId],
    );
    return n;
  }

  it('answers a repeat with the same key and body with the first response, acting once', async () => {
    const { nationalId, headers } = await citizen();
    const key = uniqueKey();

    const first = await create(headers, key).expect(202);
    const repeat = await create(headers, key).expect(202);

    expect(repeat.body).toEqual(first.body);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(repeat.headers['idempotent-replayed']).toBe('true');
    expect(await renewalsOf(nationalId)).toEqual([first.body.renewalId]);
    expect(await creationAudits(first.body.renewalId)).toBe(1);
    // What was replayed is stored encrypted under the personal-data key (whatever an answer holds, a review
    // included), its caller by pseudonym: the row names neither the citizen nor anything of the answer in clear.
    const [row] = await stack.db.query(
      `SELECT scope, response_key, row_to_json(k)::text AS text, encode(response_enc, 'escape') AS bytes
         FROM idempotency_keys k WHERE idempotency_key = $1`,
      [key],
    );
    expect(row).toMatchObject({
      scope: expect.stringMatching(/^citizen:[0-9a-f]{20}$/),
      response_key: 'test-only-pd-a',
    });
    for (const clear of [nationalId, first.body.renewalId, 'ELIGIBILITY_CHECK']) {
      expect(row.text).not.toContain(clear);
      expect(row.bytes).not.toContain(clear);
    }
  });

  it('refuses the same key with a different body (409), and without a key (400)', async () => {
    const { nationalId, headers } = await citizen();
    const key = uniqueKey();
    const first = await create(headers, key).expect(202);

    const reused = await create(headers, key, { officeId: 'JED-02' }).expect(409);
    expect(reused.body).toMatchObject({ type: 'urn:passport-renewal:problem:idempotency-key-reused', status: 409 });

    const missing = await create((await citizen()).headers, undefined).expect(400);
    expect(missing.body.errors).toEqual([{ field: 'Idempotency-Key', message: expect.stringContaining('required') }]);
    expect(await renewalsOf(nationalId)).toEqual([first.body.renewalId]);
  });

  it('starts exactly one workflow for concurrent identical POSTs', async () => {
    const { nationalId, headers } = await citizen();
    const key = uniqueKey();

    const answers = await Promise.all(Array.from({ length: 8 }, () => create(headers, key)));

    expect(answers.map((answer) => answer.status)).toEqual(Array(8).fill(202));
    const renewalIds = new Set(answers.map((answer) => answer.body.renewalId));
    expect(renewalIds.size).toBe(1);
    const [renewalId] = renewalIds;
    expect(await renewalsOf(nationalId)).toEqual([renewalId]);
    expect(await creationAudits(renewalId)).toBe(1);
    const workflows = await eventually(async () => {
      const n = await stack.temporal.workflow.count(`WorkflowId = '${renewalWorkflowId(renewalId)}'`);
      return n.count > 0 ? n.count : undefined;
    }, 'the workflow in visibility');
    expect(workflows).toBe(1);
  });

  it('lets one of concurrent POSTs with different keys start a renewal; the others conflict', async () => {
    const { nationalId, headers } = await citizen();
    const answers = await Promise.all(Array.from({ length: 4 }, () => create(headers, uniqueKey())));
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toEqual([202, 409, 409, 409]);
    const started = answers.find((answer) => answer.status === 202)!.body.renewalId;
    for (const conflict of answers.filter((answer) => answer.status === 409)) {
      expect(conflict.body).toMatchObject({
        type: 'urn:passport-renewal:problem:renewal-in-progress',
        renewalId: started,
      });
    }
    expect(await renewalsOf(nationalId)).toEqual([started]);
  });

  it('scopes keys to the caller: two citizens may use the same key', async () => {
    const key = uniqueKey();
    const a = await create((await citizen()).headers, key).expect(202);
    const b = await create((await citizen()).headers, key).expect(202);
    expect(a.body.renewalId).not.toBe(b.body.renewalId);
  });

  it('keeps nothing for a failed request, so its key can be retried', async () => {
    const { nationalId, headers } = await citizen();
    const key = uniqueKey();
    await create(headers, key, { officeId: 'nowhere' }).expect(400);
    const retried = await create(headers, key).expect(202);
    expect(retried.headers['idempotent-replayed']).toBeUndefined();
    expect(await renewalsOf(nationalId)).toEqual([retried.body.renewalId]);
  });

  it('sends a signal once when an operator repeats a loss declaration', async () => {
    const renewalId = await seedInTransit(stack);
    const operator = await authFor({ role: 'operator' });
    const declare = (key: string) =>
      request(stack.http)
        .post(`/v1/operator/renewals/${renewalId}/loss-declaration`)
        .set({ ...operator, 'Idempotency-Key': key })
        .send({ reason: 'Carrier confirmed the loss' });
    const key = uniqueKey();

    const [first, second] = await Promise.all([declare(key), declare(key)]);
    const third = await declare(key);

    expect([first.status, second.status, third.status]).toEqual([202, 202, 202]);
    expect(third.headers['idempotent-replayed']).toBe('true');
    expect(await signalsReceived(stack.temporal, renewalId)).toEqual(['declareShipmentLost']);
  });
});
