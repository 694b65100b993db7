import request from 'supertest';
import { type Stack, startStack } from '../support/stack';
import { bearer, tokens } from '../support/tokens';

const UI = 'http://localhost:8233';
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const payloads = {
  payloads: [{ metadata: { encoding: b64('json/plain') }, data: b64('{"nationalId":"1058529940"}') }],
};

/**
 * The embedded dev server's Temporal UI cannot forward an operator's token to the codec endpoint; it sends cookies
 * when told to include credentials. So the operator's desk opens a codec session (the operator's token as an
 * HttpOnly cookie for /codec only), and nothing else gets through: a request with only the UI's Origin decodes
 * nothing, a citizen or clerk decodes nothing whatever they send, and the cookie opens no other route.
 */
describe('codec session', () => {
  let stack: Stack;
  let encrypted: object;

  beforeAll(async () => {
    stack = await startStack({ worker: false, api: { codec: { uiOrigins: [UI] } } });
    encrypted = (
      await request(stack.http)
        .post('/codec/encode')
        .set(bearer(await tokens.operator()))
        .send(payloads)
        .expect(200)
    ).body;
  });

  afterAll(async () => {
    await stack?.stop();
  });

  const cookieOf = (response: request.Response) => (response.headers['set-cookie'] as unknown as string[])[0]!;

  it("opens a session from the operator's token: an HttpOnly cookie for /codec only, ending with the token", async () => {
    const opened = await request(stack.http)
      .post('/codec/session')
      .set(bearer(await tokens.operator()))
      .expect(204);
    const cookie = cookieOf(opened);
    expect(cookie).toMatch(/^passport_renewal_codec=[\w-]+\.[\w-]+\.[\w-]+;/);
    expect(cookie).toMatch(/; Path=\/codec/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Strict/);
    const maxAge = Number(/Max-Age=(\d+)/.exec(cookie)![1]);
    // The sandbox provider's tokens live 300 s (plus the 30 s clock tolerance): the session no longer.
    expect(maxAge).toBeGreaterThan(200);
    expect(maxAge).toBeLessThanOrEqual(330);
  });

  it('decodes for the UI with the session cookie, as the browser sends it with credentials', async () => {
    const since = new Date(Date.now() - 1000).toISOString();
    const opened = await request(stack.http)
      .post('/codec/session')
      .set(bearer(await tokens.operator()))
      .expect(204);
    const session = cookieOf(opened).split(';')[0]!;
    const decoded = await request(stack.http)
      .post('/codec/decode')
      .set({ Origin: UI, Cookie: session, 'X-Namespace': 'default' })
      .send(encrypted)
      .expect(200);
    expect(decoded.body).toEqual(payloads);
    expect(decoded.headers['access-control-allow-origin']).toBe(UI);
    expect(decoded.headers['access-control-allow-credentials']).toBe('true');
    // The decode log names the session's operator, as it would for their bearer token.
    const log = await request(stack.http)
      .get(`/v1/operator/decode-log?actor=operator:ops-1&since=${since}`)
      .set(bearer(await tokens.supervisor()))
      .expect(200);
    expect(log.body.items).toContainEqual(
      expect.objectContaining({ actor: 'operator:ops-1', namespace: 'default', payloads: 1, origin: UI }),
    );
    // The preflight says the same.
    const preflight = await request(stack.http)
      .options('/codec/decode')
      .set({ Origin: UI, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' })
      .expect(204);
    expect(preflight.headers['access-control-allow-credentials']).toBe('true');
  });

  it("decodes nothing for a request with only the UI's Origin, from this machine or not", async () => {
    const refused = await request(stack.http)
      .post('/codec/decode')
      .set({ Origin: UI, 'X-Namespace': 'default' })
      .send(encrypted)
      .expect(401);
    expect(refused.body.type).toBe('urn:passport-renewal:problem:authentication-required');
    expect(JSON.stringify(refused.body)).not.toContain('1058529940');
  });

  it('decodes nothing for a citizen or a clerk, by token or by a session cookie they made themselves', async () => {
    for (const token of [await tokens.citizen('1058529940'), await tokens.clerk('RUH-01')]) {
      await request(stack.http).post('/codec/session').set(bearer(token)).expect(403);
      await request(stack.http).post('/codec/decode').set(bearer(token)).send(encrypted).expect(403);
      const forged = await request(stack.http)
        .post('/codec/decode')
        .set({ Origin: UI, Cookie: `passport_renewal_codec=${token}` })
        .send(encrypted)
        .expect(403);
      expect(JSON.stringify(forged.body)).not.toContain('1058529940');
    }
  });

  it('opens no route but the codec: the session cookie is no bearer token anywhere else', async () => {
    const session = `passport_renewal_codec=${await tokens.operator()}`;
    await request(stack.http).get('/v1/operator/renewals?limit=1').set({ Cookie: session }).expect(401);
    // And a session is ended by sign-out.
    const closed = await request(stack.http)
      .delete('/codec/session')
      .set(bearer(await tokens.operator()))
      .expect(204);
    expect(cookieOf(closed)).toMatch(/^passport_renewal_codec=;.*(Expires=Thu, 01 Jan 1970|Max-Age=0)/);
  });
});
