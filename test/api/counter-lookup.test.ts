import request from 'supertest';
import { pseudonymOf } from '../../src/api/auth/pseudonym';
import { seedCitizen } from '../support/citizens';
import { startStack, type Stack } from '../support/stack';
import { startTestIssuer, type TestIssuer } from '../support/test-issuer';
import { bearer } from '../support/tokens';
import { seedRenewal } from './support/fixtures';

/**
 * The clerk finds a walking-in citizen by national ID, sent in the request body (never in a URL, which proxies
 * and access logs keep), and every look-up lands in the audit trail: each renewal found, or the miss, with who
 * looked, when, at which office, and for whom by pseudonym.
 */
describe("the clerk's look-up at the counter", () => {
  let stack: Stack;
  // A clerk of their own per test, so each reads back its own audit lines: tokens from a test issuer.
  let issuer: TestIssuer;

  beforeAll(async () => {
    issuer = await startTestIssuer();
    stack = await startStack({ worker: false, env: { OIDC_ISSUER_URL: issuer.issuer } });
  });

  afterAll(async () => {
    await stack?.stop();
    await issuer?.stop();
  });

  /** A clerk of that office with that id, and their token. */
  const clerkNamed = async (sub: string, office: string) => ({
    sub,
    office,
    headers: bearer(await issuer.sign(issuer.claims({ role: 'clerk', sub, office }))),
  });

  const lookUp = (clerk: { headers: Record<string, string> }, nationalId: string) =>
    request(stack.http).post('/v1/counter/renewals/lookup').set(clerk.headers).send({ nationalId });

  const lookUpsBy = (clerkId: string) =>
    stack.db.query(
      `SELECT renewal_id, outcome, details, occurred_at FROM audit_events
        WHERE action = 'counter.lookup' AND actor = $1 ORDER BY id`,
      [`clerk:${clerkId}`],
    );

  it('finds the citizen’s passport waiting at this office, with no Idempotency-Key, and audits the find', async () => {
    const { nationalId } = await seedCitizen(stack.db);
    const renewalId = await seedRenewal(stack.db, { nationalId, officeId: 'RUH-01', stage: 'READY_FOR_PICKUP' });
    const clerk = await clerkNamed(`clerk-${renewalId.slice(0, 8)}`, 'RUH-01');

    const found = await lookUp(clerk, nationalId).expect(200);
    expect(found.body).toEqual([expect.objectContaining({ renewalId, stage: 'READY_FOR_PICKUP', officeId: 'RUH-01' })]);
    // A read: asking again answers again (nothing stored to replay), and is audited again.
    await lookUp(clerk, nationalId).expect(200);
    expect(await lookUpsBy(clerk.sub)).toEqual([
      { renewal_id: renewalId, outcome: 'FOUND', details: {}, occurred_at: expect.any(Date) },
      { renewal_id: renewalId, outcome: 'FOUND', details: {}, occurred_at: expect.any(Date) },
    ]);
  });

  it('audits a look-up that finds nothing: who, when, which office, whom by pseudonym, MISS', async () => {
    const { nationalId } = await seedCitizen(stack.db);
    // Waiting at another office, and not yet ready at this one: nothing for this clerk either way.
    await seedRenewal(stack.db, { nationalId, officeId: 'JED-02', stage: 'READY_FOR_PICKUP' });
    const clerk = await clerkNamed(`clerk-${Date.now().toString(36)}`, 'RUH-01');
    const before = Date.now();

    await lookUp(clerk, nationalId).expect(200, []);

    const [line, ...others] = await lookUpsBy(clerk.sub);
    expect(others).toEqual([]);
    expect(line).toEqual({
      renewal_id: null,
      outcome: 'MISS',
      details: { officeId: 'RUH-01', lookedFor: `citizen:${pseudonymOf(stack.config.api.pseudonymKey, nationalId)}` },
      occurred_at: expect.any(Date),
    });
    expect(line.occurred_at.getTime()).toBeGreaterThanOrEqual(before - 1_000);
    // The trail names the citizen as the rest of it does, by pseudonym: the national ID is nowhere in the line.
    const [raw] = await stack.db.query(`SELECT row_to_json(a)::text AS line FROM audit_events a WHERE actor = $1`, [
      `clerk:${clerk.sub}`,
    ]);
    expect(raw.line).not.toContain(nationalId);
  });

  it('takes the national ID in the body only: the URL query of old answers nothing', async () => {
    const { nationalId } = await seedCitizen(stack.db);
    const clerk = (await clerkNamed('clerk-old-url', 'RUH-01')).headers;
    const old = await request(stack.http).get(`/v1/counter/renewals?nationalId=${nationalId}`).set(clerk);
    expect(old.status).toBe(404);
    expect(old.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});
