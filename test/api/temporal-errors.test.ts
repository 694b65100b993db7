import request from 'supertest';
import { renewalWorkflowId } from '../../workflows/contract';
import { type Stack, startStack } from '../support/stack';
import { authFor } from '../support/tokens';
import { freshNationalId } from '../support/fixtures';
import { seedRenewal, seedShipment, startIdleWorkflow, uniqueKey } from './support/fixtures';

/** What Temporal answers becomes a problem a client can act on, never a hang or a 500. */
describe('Temporal outcomes as problems', () => {
  let stack: Stack;
  let operator: Record<string, string>;
  beforeAll(async () => {
    operator = await authFor({ role: 'operator' });
  });

  beforeAll(async () => {
    stack = await startStack({ worker: false });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  async function citizenRenewal(withWorkflow: boolean) {
    const renewalId = await seedRenewal(stack.db, { nationalId: freshNationalId() });
    if (withWorkflow) await startIdleWorkflow(stack.temporal, renewalId);
    return { renewalId };
  }

  // (`GET …/status` reads PostgreSQL only: the update and the signal below are what still wait on Temporal.)
  it('answers 503 when no worker answers an update in time', async () => {
    const { renewalId } = await citizenRenewal(true);
    const started = Date.now();
    const response = await request(stack.http)
      .post(`/v1/operator/renewals/${renewalId}/cancellation`)
      .set({ ...operator, 'Idempotency-Key': uniqueKey() })
      .send({ reason: 'No worker' })
      .expect(503);
    expect(response.body.type).toBe('urn:passport-renewal:problem:service-unavailable');
    // The update's deadline (20 s), not a hang.
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('answers 404 for a renewal whose workflow does not exist', async () => {
    const { renewalId } = await citizenRenewal(false);
    await seedShipment(stack.db, renewalId);
    const response = await request(stack.http)
      .post(`/v1/operator/renewals/${renewalId}/loss-declaration`)
      .set({ ...operator, 'Idempotency-Key': uniqueKey() })
      .send({ reason: 'Carrier confirmed' })
      .expect(404);
    expect(response.body.type).toBe('urn:passport-renewal:problem:renewal-not-found');
  });

  it('answers 409 for an action on a renewal that has ended', async () => {
    const { renewalId } = await citizenRenewal(true);
    await stack.temporal.workflow.getHandle(renewalWorkflowId(renewalId)).terminate('test: ended');
    const response = await request(stack.http)
      .post(`/v1/operator/renewals/${renewalId}/cancellation`)
      .set({ ...operator, 'Idempotency-Key': uniqueKey() })
      .send({ reason: 'Too late' })
      .expect(409);
    expect(response.body.type).toBe('urn:passport-renewal:problem:renewal-ended');
    const audit = await stack.db.query('SELECT count(*)::int AS n FROM audit_events WHERE renewal_id = $1', [
      renewalId,
    ]);
    expect(audit).toEqual([{ n: 0 }]);
  });
});
