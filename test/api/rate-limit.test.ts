import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { loadApiConfig } from '../../src/config/api';
import type { Env } from '../../src/config/env';
import { RateLimitHitsRepository } from '../../src/persistence/repositories/rate-limit-hits.repository';
import { createDatabase } from '../support/databases';
import { type Stack, startStack } from '../support/stack';
import { requireEnv } from '../support/temporal-test-env';
import { bearer, signedWebhook } from '../support/credentials';
import { freshNationalId } from '../support/fixtures';
import { startTestIssuer, type TestIssuer } from '../support/test-issuer';

/**
 * Small budgets, and a window of an hour: the windows are fixed and aligned on the database's clock, so a window
 * ending mid-test (a reset) is a chance of about one in three thousand per test rather than one in sixty.
 */
const LIMITS: Env = {
  API_RATE_LIMIT_CITIZEN: '5',
  API_RATE_LIMIT_STAFF: '6',
  API_RATE_LIMIT_WEBHOOK: '4',
  API_RATE_LIMIT_PUBLIC: '3',
  API_RATE_LIMIT_WINDOW_MS: '3600000',
};

/**
 * Rate limits of each class of caller, counted in PostgreSQL: two API replicas on one database of their own (the
 * suite's is shared with every other test file, whose callers would count too) spend one budget. The callers come
 * from a test issuer, which makes as many distinct staff members as the budgets need.
 */
describe('rate limits shared across replicas', () => {
  let a: Stack;
  let b: Stack;
  let issuer: TestIssuer;
  /** A token of the test issuer for these claims (a fresh staff member per call unless `sub` is given). */
  const as = async (claims: Record<string, unknown>) =>
    bearer(await issuer.sign(issuer.claims({ sub: `staff-${randomUUID()}`, ...claims })));
  const citizenOne = () => as({ role: 'citizen', national_id: freshNationalId() });
  /** The two replicas in turn, as a load balancer sends a caller's requests. */
  let turn = 0;
  const next = () => ((turn += 1) % 2 === 0 ? a : b).http;

  beforeAll(async () => {
    const databaseUrl = await createDatabase(requireEnv('DATABASE_URL'), `renewals_limits_${randomUUID().slice(0, 8)}`);
    issuer = await startTestIssuer();
    const env = { ...LIMITS, DATABASE_URL: databaseUrl, API_TRUST_PROXY: 'loopback', OIDC_ISSUER_URL: issuer.issuer };
    [a, b] = await Promise.all([startStack({ worker: false, env }), startStack({ worker: false, env })]);
  });

  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await issuer?.stop();
  });

  function expectLimited(response: request.Response) {
    expect(response.status).toBe(429);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ type: 'urn:passport-renewal:problem:rate-limited', status: 429 });
    const retryAfter = Number(response.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(3600);
  }

  it('gives a citizen one budget over all citizen endpoints and both replicas', async () => {
    const citizen = await citizenOne();
    for (let i = 0; i < 3; i++) await request(next()).get('/v1/renewals').set(citizen).expect(200);
    for (let i = 0; i < 2; i++) await request(next()).get(`/v1/renewals/${randomUUID()}`).set(citizen).expect(404);
    expectLimited(await request(next()).get('/v1/renewals').set(citizen));
    expectLimited(await request(next()).get('/v1/renewals').set(citizen));
    // Another citizen has a budget of their own.
    const other = await citizenOne();
    await request(next()).get('/v1/renewals').set(other).expect(200);
  });

  it('gives each staff member one budget, by subject, whatever their role', async () => {
    const operator = await as({ role: 'operator' });
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++)
      statuses.push((await request(next()).get('/v1/operator/renewals?limit=1').set(operator)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429, 429]);
    expectLimited(await request(next()).get('/v1/operator/alerts').set(operator));
    // Another operator, a clerk and a courier: each their own.
    await request(next())
      .get('/v1/operator/alerts')
      .set(await as({ role: 'operator' }))
      .expect(200);
    const clerk = await as({ role: 'clerk', office: 'RUH-01' });
    const courier = await as({ role: 'courier', carrier: 'SPL' });
    const counter = () => request(next()).get(`/v1/counter/renewals/${randomUUID()}`).set(clerk);
    const envelope = () => request(next()).get('/v1/carrier/envelopes/ENV0000000000').set(courier);
    for (let i = 0; i < 6; i++) {
      expect((await counter()).status).not.toBe(429);
      expect((await envelope()).status).not.toBe(429);
    }
    expectLimited(await counter());
    expectLimited(await envelope());
  });

  it('gives each partner one budget for its webhooks, spent only by messages it signed', async () => {
    // Forged messages are refused before they count: they cannot use up the partner's budget.
    for (let i = 0; i < 10; i++) {
      const forged = signedWebhook(
        'wasel',
        { event: 'x' },
        { secret: 'whsec_' + Buffer.from('forged-secret-0001').toString('base64') },
      );
      await request(next()).post('/v1/webhooks/wasel').set(forged.headers).send(forged.body).expect(401);
    }
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const webhook = signedWebhook('wasel', { event: 'SUBSCRIBED', nationalId: freshNationalId() });
      statuses.push((await request(next()).post('/v1/webhooks/wasel').set(webhook.headers).send(webhook.body)).status);
    }
    expect(statuses.slice(0, 4)).not.toContain(429);
    expect(statuses.slice(4)).toEqual([429, 429]);
    // Another partner is not held back by this one.
    const sadad = signedWebhook('sadad', { event: 'x' });
    expect((await request(next()).post('/v1/webhooks/sadad').set(sadad.headers).send(sadad.body)).status).not.toBe(429);
  });

  it('gives each address one budget on routes without credentials, as the trusted proxy names it', async () => {
    const address = `198.51.100.${Math.floor(Math.random() * 250) + 1}`;
    const from = (ip: string) => ({ 'X-Forwarded-For': ip });
    const statuses: number[] = [];
    for (const path of ['/pages/citizen', '/pages/callback', '/pages/counter', '/pages/operator', '/pages/sign-in'])
      statuses.push((await request(next()).get(path).set(from(address))).status);
    expect(statuses.slice(3)).toEqual([429, 429]);
    expect(statuses.slice(0, 3)).not.toContain(429);
    expectLimited(await request(next()).get('/pages/citizen').set(from(address)));
    // Another client behind the same proxy has its own.
    expect((await request(next()).get('/pages/citizen').set(from('203.0.113.7'))).status).not.toBe(429);
    // The probes are not counted: they cost nothing, and counting would cost a write each.
    for (let i = 0; i < 10; i++) await request(next()).get('/health/live').set(from(address)).expect(200);
    // The counters hold no address, only a keyed hash of it.
    const keys: Array<{ key: string }> = await a.db.query(`SELECT key FROM rate_limit_hits WHERE key LIKE 'public:%'`);
    expect(keys.length).toBeGreaterThanOrEqual(2);
    for (const { key } of keys) expect(key).toMatch(/^public:ip:[0-9a-f]{20}$/);
    expect(JSON.stringify(keys)).not.toContain('198.51.100');
  });

  it('counts concurrent requests exactly: of 40 at once across both replicas, the budget passes', async () => {
    const operator = await as({ role: 'operator' });
    const answers = await Promise.all(
      Array.from({ length: 40 }, () => request(next()).get('/v1/operator/alerts?limit=1').set(operator)),
    );
    const statuses = answers.map((response) => response.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(6);
    expect(statuses.filter((status) => status === 429)).toHaveLength(34);
  });
});

describe('rate limits behind no trusted proxy', () => {
  let stack: Stack;

  beforeAll(async () => {
    const databaseUrl = await createDatabase(requireEnv('DATABASE_URL'), `renewals_limits_${randomUUID().slice(0, 8)}`);
    stack = await startStack({ worker: false, env: { ...LIMITS, DATABASE_URL: databaseUrl } });
  });

  afterAll(() => stack?.stop());

  it('count the connection’s address, whatever X-Forwarded-For claims', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const claimed = `192.0.2.${i + 1}`;
      statuses.push((await request(stack.http).get('/pages/citizen').set('X-Forwarded-For', claimed)).status);
    }
    expect(statuses.slice(3)).toEqual([429, 429]);
  });

  it('deletes the counters of ended windows', async () => {
    const hits = new RateLimitHitsRepository(stack.db.manager);
    await hits.hit(`test:${randomUUID()}`, 1_000);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await hits.purgeEnded(1_000)).toBeGreaterThanOrEqual(1);
    const [{ ended }] = await stack.db.query(
      `SELECT count(*)::int AS ended FROM rate_limit_hits WHERE window_ends_at <= now()`,
    );
    expect(ended).toBe(0);
  });
});

describe('rate limit settings', () => {
  it.each([
    ['true', /API_TRUST_PROXY must be false, a number of hops, or addresses/],
    ['everyone', /API_TRUST_PROXY/],
  ])('refuse API_TRUST_PROXY=%s', (value, message) => {
    expect(() => testApi({ API_TRUST_PROXY: value })).toThrow(message);
  });

  it('take hops, addresses and ranges', () => {
    expect(testApi({ API_TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(testApi({ API_TRUST_PROXY: 'loopback, 10.0.0.0/8,fd00::/8' }).trustProxy).toEqual([
      'loopback',
      '10.0.0.0/8',
      'fd00::/8',
    ]);
    expect(testApi({}).trustProxy).toBe(false);
    expect(() => testApi({ API_RATE_LIMIT_WINDOW_MS: '500' })).toThrow(
      /API_RATE_LIMIT_WINDOW_MS must be an integer >= 1000/,
    );
  });
});

const testApi = (env: Env) => loadApiConfig(env);
