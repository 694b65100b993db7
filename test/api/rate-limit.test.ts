import request from 'supertest';
import { startApi, ApiStack } from './support/api-stack';
import { bearer, tokenFor } from './support/credentials';
import { freshNationalId } from './support/fixtures';

describe('rate limiting of citizen endpoints', () => {
  let stack: ApiStack;

  beforeAll(async () => {
    stack = await startApi({ env: { API_RATE_LIMIT_CITIZEN: '5', API_RATE_LIMIT_WINDOW_MS: '60000' } });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('allows each citizen a budget over all citizen endpoints, then answers 429 with Retry-After', async () => {
    const citizen = bearer(tokenFor({ role: 'citizen', sub: freshNationalId() }));
    for (let i = 0; i < 3; i++) await request(stack.http).get('/v1/renewals').set(citizen).expect(200);
    for (let i = 0; i < 2; i++)
      await request(stack.http).get(`/v1/renewals/${crypto.randomUUID()}`).set(citizen).expect(404);

    const limited = await request(stack.http).get('/v1/renewals').set(citizen).expect(429);
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(limited.body).toMatchObject({ type: 'urn:passport-renewal:problem:rate-limited', status: 429 });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);

    // Another citizen has their own budget; staff endpoints are not limited this way.
    await request(stack.http)
      .get('/v1/renewals')
      .set(bearer(tokenFor({ role: 'citizen', sub: freshNationalId() })))
      .expect(200);
    const operator = bearer(tokenFor({ role: 'operator', sub: 'ops-1' }));
    for (let i = 0; i < 7; i++)
      await request(stack.http).get('/v1/operator/renewals?limit=1').set(operator).expect(200);
  });
});
