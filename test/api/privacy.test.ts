import { Writable } from 'node:stream';
import request from 'supertest';
import { pseudonymOf } from '../../src/api/auth/pseudonym';
import { seedCitizen } from '../support/citizens';
import { TEST_CITIZEN } from '../support/fixtures';
import { type Stack, startStack } from '../support/stack';
import { signedWebhook } from '../support/credentials';
import { authFor } from '../support/tokens';
import { seedRenewal, uniqueKey } from './support/fixtures';

/** Logs never hold national IDs, names, addresses or phone numbers; the audit trail names citizens by pseudonym. */
describe('personal data in logs and records', () => {
  let stack: Stack;
  const lines: string[] = [];

  beforeAll(async () => {
    const capture = new Writable({
      write(chunk, _encoding, done) {
        lines.push(...String(chunk).split('\n').filter(Boolean));
        done();
      },
    });
    stack = await startStack({ worker: false, api: { logStream: capture } });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('logs requests by method, path and status only', async () => {
    const person = await seedCitizen(stack.db);
    const citizen = await authFor({ role: 'citizen', nationalId: person.nationalId });
    const renewalId = await seedRenewal(stack.db, { nationalId: person.nationalId, stage: 'READY_FOR_PICKUP' });

    const review = await request(stack.http).get(`/v1/renewals/${renewalId}/review`).set(citizen).expect(200);
    expect(review.body).toMatchObject({ nameEn: TEST_CITIZEN.nameEn });
    await request(stack.http)
      .post('/v1/counter/renewals/lookup')
      .set(await authFor({ role: 'clerk', office: 'RUH-01' }))
      .send({ nationalId: person.nationalId })
      .expect(200);
    await request(stack.http)
      .post('/v1/renewals')
      .set({ ...citizen, 'Idempotency-Key': uniqueKey() })
      .send({ officeId: 'RUH-01', nationalId: person.nationalId, mobile: person.mobile })
      .expect(400);
    const wasel = signedWebhook('wasel', { eventId: 'w-9', nationalId: person.nationalId, subscribedAt: 'now' });
    await request(stack.http).post('/v1/webhooks/wasel').set(wasel.headers).send(wasel.body).expect(400);

    const logged = lines.join('\n');
    expect(lines.length).toBeGreaterThanOrEqual(4);
    expect(logged).toContain(`/v1/renewals/${renewalId}/review`);
    for (const secret of [
      person.nationalId,
      TEST_CITIZEN.nameEn,
      TEST_CITIZEN.nameAr,
      person.mobile,
      person.mobile.slice(4),
      'Bearer',
    ]) {
      expect(logged).not.toContain(secret);
    }
  });

  it('names a citizen in the audit trail by a keyed pseudonym, never the national ID', async () => {
    const person = await seedCitizen(stack.db);
    const renewalId = await seedRenewal(stack.db, { nationalId: person.nationalId });
    await request(stack.http)
      .get(`/v1/renewals/${renewalId}/review`)
      .set(await authFor({ role: 'citizen', nationalId: person.nationalId }))
      .expect(200);
    const audit = await stack.db.query('SELECT actor, action, details::text FROM audit_events WHERE renewal_id = $1', [
      renewalId,
    ]);
    expect(audit).toEqual([
      {
        actor: `citizen:${pseudonymOf(stack.config.api.pseudonymKey, person.nationalId)}`,
        action: 'citizen.review',
        details: '{}',
      },
    ]);
    expect(JSON.stringify(audit)).not.toContain(person.nationalId);
  });
});
