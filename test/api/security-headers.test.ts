import request from 'supertest';
import { AdminListener } from '../../src/api/admin/admin-listener';
import { productionEnv } from '../support/production-env';
import { startStack, type Stack } from '../support/stack';

const POLICY =
  "default-src 'self';script-src 'self';style-src 'self';img-src 'self' data:;connect-src 'self';" +
  "object-src 'none';base-uri 'none';form-action 'self';frame-ancestors 'none'";

/** helmet's headers on every answer of the API, as production serves them: success, refusal, 404, page, admin. */
describe('security headers', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({ worker: false, env: { ...(await productionEnv()), ADMIN_PORT: '0' } });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  function expectHardened(headers: Record<string, string>, policy = POLICY) {
    expect(headers['x-powered-by']).toBeUndefined();
    expect(headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'content-security-policy': policy,
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      'strict-transport-security': 'max-age=31536000; includeSubDomains',
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-origin',
    });
  }

  it('are on an API answer, a refusal and a path that does not exist', async () => {
    const live = await request(stack.http).get('/health/live').expect(200);
    expectHardened(live.headers);
    expectHardened((await request(stack.http).get('/v1/renewals').expect(401)).headers);
    expectHardened((await request(stack.http).post('/v1/webhooks/sadad').send({}).expect(401)).headers);
    expectHardened((await request(stack.http).get('/metrics').expect(404)).headers);
    console.log(
      `GET /health/live under NODE_ENV=production:\nHTTP/1.1 ${live.status}\n` +
        Object.entries(live.headers)
          .map(([name, value]) => `${name}: ${value}`)
          .join('\n'),
    );
  });

  it('are on the admin listener, Swagger UI allowing itself inline styles only', async () => {
    const admin = stack.app.get(AdminListener).url!;
    expectHardened((await request(admin).get('/metrics').expect(200)).headers);
    expectHardened((await request(admin).get('/openapi.json').expect(200)).headers);
    const docs = await request(admin).get('/docs').expect(200);
    expectHardened(docs.headers, POLICY.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'"));
  });

  it('are the pages’ own policy, the only one they have', async () => {
    // Unbuilt pages answer 503; the headers are the same either way. A built page may also call the identity
    // provider's token endpoint (the sign-in's code exchange, renewals): that origin alone is added.
    const page = await request(stack.http).get('/pages/citizen');
    const provider = new URL(process.env.OIDC_ISSUER_URL!).origin;
    expectHardened(
      page.headers,
      page.status === 200 ? POLICY.replace("connect-src 'self'", `connect-src 'self' ${provider}`) : POLICY,
    );
    expect(page.headers['content-security-policy']).not.toContain(',');
  });
});
