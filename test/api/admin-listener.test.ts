import request from 'supertest';
import { AdminListener } from '../../src/api/admin/admin-listener';
import { loadAdminListenerConfig } from '../../src/config/admin-listener';
import { startStack, type Stack } from '../support/stack';
import { authFor } from '../support/tokens';

const ADMIN_PATHS = ['/metrics', '/docs', '/docs/', '/docs/swagger-ui.css', '/docs-yaml', '/openapi.json'];
/** Spellings Express would route to the same handlers: case-insensitive, trailing slash optional. */
const VARIANTS = ['/METRICS', '/Metrics/', '/DOCS', '/Docs/swagger-ui-init.js', '/OpenAPI.json', '/openapi.json/'];

/**
 * /metrics, /docs and /openapi.json on a listener of their own (ADMIN_PORT): the public port answers them 404,
 * as it answers a path that does not exist, and the admin port serves them and the probes, nothing else.
 */
describe('the admin listener', () => {
  let stack: Stack;
  let admin: string;

  beforeAll(async () => {
    stack = await startStack({ worker: false, env: { ADMIN_PORT: '0' } });
    admin = stack.app.get(AdminListener).url!;
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('listens on the loopback interface by default, apart from the public port', () => {
    expect(admin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('answers the admin paths on the public port 404, as a path that does not exist', async () => {
    const nonsense = await request(stack.http).get('/no-such-path').expect(404);
    for (const path of [...ADMIN_PATHS, ...VARIANTS]) {
      const response = await request(stack.http).get(path);
      expect({ path, status: response.status, type: response.headers['content-type'] }).toEqual({
        path,
        status: 404,
        type: expect.stringMatching(/^application\/problem\+json/),
      });
      expect(response.body).toEqual({ ...nonsense.body, detail: `Cannot GET ${path}`, instance: path });
    }
    await request(stack.http).head('/metrics').expect(404);
    // The public API is as it was.
    await request(stack.http).get('/health/live').expect(200);
    await request(stack.http).get('/v1/renewals').expect(401);
  });

  it('serves them on the admin port, with the probes', async () => {
    const metrics = await request(admin).get('/metrics').expect(200);
    expect(metrics.text).toMatch(/^# HELP /m);
    const docs = await request(admin).get('/docs').expect(200);
    expect(docs.text).toContain('swagger-ui');
    await request(admin).get('/docs/swagger-ui-init.js').expect(200);
    const document = await request(admin).get('/openapi.json').expect(200);
    expect(document.body.openapi).toMatch(/^3\./);
    await request(admin).get('/health/ready').expect(200);
    await request(admin).get('/health/live').expect(200);
  });

  it('serves nothing else on the admin port', async () => {
    const operator = await authFor({ role: 'operator' });
    for (const path of ['/v1/operator/renewals', '/pages/citizen', '/', '/v1/renewals']) {
      const response = await request(admin).get(path).set(operator);
      expect({ path, status: response.status }).toEqual({ path, status: 404 });
    }
    await request(admin).post('/codec/decode').set(operator).send({ payloads: [] }).expect(404);
  });
});

describe('the admin listener settings', () => {
  it('is on by default in production, on the loopback interface, and off otherwise', () => {
    expect(loadAdminListenerConfig({ NODE_ENV: 'production' })).toEqual({ port: 9465, host: '127.0.0.1' });
    expect(loadAdminListenerConfig({})).toEqual({ port: undefined, host: '127.0.0.1' });
    expect(loadAdminListenerConfig({ NODE_ENV: 'test', ADMIN_PORT: '9500', ADMIN_HOST: '10.0.0.5' })).toEqual({
      port: 9500,
      host: '10.0.0.5',
    });
  });

  it('refuses the public port, and what is not a port', () => {
    expect(() => loadAdminListenerConfig({ PORT: '8080', ADMIN_PORT: '8080' })).toThrow(
      /ADMIN_PORT must differ from PORT/,
    );
    expect(() => loadAdminListenerConfig({ NODE_ENV: 'production', PORT: '9465' })).toThrow(/ADMIN_PORT/);
    expect(() => loadAdminListenerConfig({ ADMIN_PORT: 'nine' })).toThrow(/ADMIN_PORT must be an integer >= 0/);
  });
});
