import request from 'supertest';
import { DEFAULT_POLICY } from '../../src/config/policy';
import { createPersistence } from '../../src/persistence/persistence';
import { testPersonalData } from '../support/personal-data-keys';
import { renewalWorkflowId } from '../../workflows/contract';
import { type Stack, startStack } from '../support/stack';
import { authFor } from '../support/tokens';
import { freshNationalId } from '../support/fixtures';
import { uniqueKey } from './support/fixtures';

/**
 * `POST /v1/renewals` without a worker: the renewal's opening update is never
 * answered, so these tests see the creation's own steps and its bound on waiting.
 */
describe('creating a renewal, step by step', () => {
  const WAIT_MS = 3_000;
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({ worker: false, env: { API_CREATION_WAIT_MS: String(WAIT_MS) } });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  async function citizen() {
    const nationalId = freshNationalId();
    return { nationalId, headers: await authFor({ role: 'citizen', nationalId: nationalId }) };
  }

  const create = (headers: Record<string, string>) =>
    request(stack.http)
      .post('/v1/renewals')
      .set({ ...headers, 'Idempotency-Key': uniqueKey() })
      .send({ officeId: 'RUH-01' });

  it('holds no transaction or lock while it waits for Temporal, and answers ELIGIBILITY_CHECK past its wait', async () => {
    const { nationalId, headers } = await citizen();
    const started = Date.now();
    const answer = create(headers).then((response) => response);

    // Mid-wait: the reserved row is committed (another connection reads it) and the creation lock is free.
    const reserved = await waitFor(async () => {
      const [row] = await stack.db.query(`SELECT renewal_id, stage FROM renewals WHERE national_id_hmac = $1`, [
        testPersonalData().digest(nationalId),
      ]);
      return row;
    });
    expect(reserved.stage).toBe('ELIGIBILITY_CHECK');
    const [{ free }] = await stack.db.query(`SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0)) AS free`, [
      `renewal-create:${testPersonalData().digest(nationalId).toString('hex')}`,
    ]);
    expect(free).toBe(true);
    expect(Date.now() - started).toBeLessThan(WAIT_MS);

    const response = await answer;
    expect(response.status).toBe(202);
    expect(Date.now() - started).toBeGreaterThanOrEqual(WAIT_MS);
    expect(response.body).toMatchObject({ renewalId: reserved.renewal_id, stage: 'ELIGIBILITY_CHECK' });
    expect(response.body).not.toHaveProperty('review');
    // The renewal has started all the same: its worker will take it from there.
    const description = await stack.temporal.workflow.getHandle(renewalWorkflowId(reserved.renewal_id)).describe();
    expect(description.status.name).toBe('RUNNING');
  });

  it('starts a renewal its first request reserved but never started, and answers the next request 409', async () => {
    const { nationalId, headers } = await citizen();
    // What a request leaves when its process dies between the reservation and the start.
    const orphan = crypto.randomUUID();
    await createPersistence(stack.db, testPersonalData()).renewals.recordCreated({
      renewalId: orphan,
      nationalId,
      officeId: 'RUH-01',
      policy: DEFAULT_POLICY,
    });
    const handle = stack.temporal.workflow.getHandle(renewalWorkflowId(orphan));
    await expect(handle.describe()).rejects.toThrow();

    const response = await create(headers).expect(409);

    expect(response.body).toMatchObject({
      type: 'urn:passport-renewal:problem:renewal-in-progress',
      renewalId: orphan,
    });
    expect((await handle.describe()).status.name).toBe('RUNNING');
  });
});

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('not seen in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
