import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { pseudonymOf } from '../../src/api/auth/pseudonym';
import { type Stack, startStack } from '../support/stack';
import { authFor } from '../support/tokens';
import { freshNationalId } from '../support/fixtures';
import { seedRenewal, uniqueKey } from './support/fixtures';

/**
 * Reaching for a renewal that is not one's own answers 404, exactly as for a
 * renewal that does not exist, and leaves a line in that renewal's audit
 * trail: who (a pseudonym for a citizen), what, and why it was denied.
 */
describe('denied attempts', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({ worker: false });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  const operator = () => authFor({ role: 'operator' });

  async function auditTrail(renewalId: string) {
    const trail = await request(stack.http)
      .get(`/v1/operator/renewals/${renewalId}/audit`)
      .set(await operator())
      .expect(200);
    return trail.body.items as Array<{
      actor: string;
      action: string;
      outcome: string;
      details: Record<string, unknown>;
    }>;
  }

  it('a clerk of another office verifying or handing over: 404, and the attempts are on the trail', async () => {
    const renewalId = await seedRenewal(stack.db, {
      nationalId: freshNationalId(),
      officeId: 'RUH-01',
      stage: 'READY_FOR_PICKUP',
    });
    const clerk = await authFor({ role: 'clerk', office: 'JED-02' });
    const counter = `/v1/counter/renewals/${renewalId}`;
    const verification = await request(stack.http)
      .post(`${counter}/verification`)
      .set({ ...clerk, 'Idempotency-Key': uniqueKey() })
      .send({ presentedPassportNumber: 'N1234567', identityConfirmed: true })
      .expect(404);
    await request(stack.http)
      .post(`${counter}/handover`)
      .set({ ...clerk, 'Idempotency-Key': uniqueKey() })
      .send({})
      .expect(404);

    // The same answer as for a renewal that does not exist: nothing leaks.
    const missing = randomUUID();
    const unknown = await request(stack.http)
      .post(`/v1/counter/renewals/${missing}/verification`)
      .set({ ...clerk, 'Idempotency-Key': uniqueKey() })
      .send({ presentedPassportNumber: 'N1234567', identityConfirmed: true })
      .expect(404);
    expect(verification.body.type).toBe(unknown.body.type);
    expect(verification.body.title).toBe(unknown.body.title);

    expect(await auditTrail(renewalId)).toEqual([
      expect.objectContaining({
        actor: 'clerk:clerk-jed-02',
        action: 'counter.verification',
        outcome: 'DENIED',
        details: { reason: 'OTHER_OFFICE' },
      }),
      expect.objectContaining({
        actor: 'clerk:clerk-jed-02',
        action: 'counter.handover',
        outcome: 'DENIED',
        details: { reason: 'OTHER_OFFICE' },
      }),
    ]);
    const [{ n }] = await stack.db.query('SELECT count(*)::int AS n FROM audit_events WHERE renewal_id = $1', [
      missing,
    ]);
    expect(n).toBe(0);
  });

  it("a citizen reaching for another's renewal: 404, and the attempts are on the trail under a pseudonym", async () => {
    const renewalId = await seedRenewal(stack.db, { nationalId: freshNationalId() });
    const intruderId = freshNationalId();
    const intruder = await authFor({ role: 'citizen', nationalId: intruderId });
    await request(stack.http).get(`/v1/renewals/${renewalId}`).set(intruder).expect(404);
    await request(stack.http)
      .post(`/v1/renewals/${renewalId}/cancellation`)
      .set({ ...intruder, 'Idempotency-Key': uniqueKey() })
      .send({ reason: 'not mine' })
      .expect(404);

    const trail = await auditTrail(renewalId);
    const actor = `citizen:${pseudonymOf(stack.config.api.pseudonymKey, intruderId)}`;
    expect(trail.filter((line) => line.outcome === 'DENIED')).toEqual([
      expect.objectContaining({ actor, action: 'citizen.renewal.read', details: { reason: 'NOT_OWN_RENEWAL' } }),
      expect.objectContaining({ actor, action: 'citizen.cancellation', details: { reason: 'NOT_OWN_RENEWAL' } }),
    ]);
    expect(JSON.stringify(trail)).not.toContain(intruderId);
  });
});
