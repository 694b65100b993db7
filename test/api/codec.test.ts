import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { type Stack, startStack } from '../support/stack';
import { startTestIssuer, type TestIssuer } from '../support/test-issuer';
import { authFor, bearer } from '../support/tokens';

const UI_ORIGIN = 'https://temporal-ui.example.sa';
const LOCAL_UI = 'http://localhost:8233';
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const jsonPayload = (value: unknown) => ({
  metadata: { encoding: b64('json/plain') },
  data: b64(JSON.stringify(value)),
});

/** The codec endpoint the Temporal UI calls: operators only, CORS for the configured UI origin only. */
describe('codec endpoint', () => {
  let stack: Stack;
  let operator: Record<string, string>;
  beforeAll(async () => {
    operator = await authFor({ role: 'operator' });
  });
  let citizen: Record<string, string>;
  beforeAll(async () => {
    citizen = await authFor({ role: 'citizen', nationalId: '1058529940' });
  });
  const post = (path: string, body: object, headers: Record<string, string> = operator) =>
    request(stack.http).post(path).set(headers).send(body);

  beforeAll(async () => {
    process.env.CODEC_CORS_ORIGINS = UI_ORIGIN;
    stack = await startStack({ worker: false });
  });

  afterAll(async () => {
    delete process.env.CODEC_CORS_ORIGINS;
    await stack?.stop();
  });

  it('encodes with the current key and decodes back, in the remote codec format', async () => {
    const original = [jsonPayload({ nationalId: '1058529940' }), { metadata: { encoding: b64('binary/null') } }];
    const encoded = await post('/codec/encode', { payloads: original }).expect(200);
    expect(encoded.body.payloads).toHaveLength(2);
    for (const payload of encoded.body.payloads) {
      expect(payload.metadata).toEqual({ encoding: b64('binary/encrypted'), 'encryption-key-id': b64('test-only-a') });
      expect(Buffer.from(payload.data, 'base64').toString('latin1')).not.toContain('1058529940');
    }
    const decoded = await post('/codec/decode', encoded.body).expect(200);
    expect(decoded.body).toEqual({ payloads: original });
  });

  it('answers no payloads, sent as `{}` (the CLI does for an empty list), with an empty list', async () => {
    await post('/codec/decode', {}).expect(200, { payloads: [] });
    await post('/codec/encode', {}).expect(200, { payloads: [] });
    // No body at all is not a codec request.
    const empty = await request(stack.http).post('/codec/decode').set(operator).expect(400);
    expect(empty.body.errors).toEqual([{ field: 'body', message: 'a JSON body is required' }]);
  });

  it('shows payloads it did not encrypt as they are (a forged signal, which the workers refuse)', async () => {
    const plain = { payloads: [jsonPayload({ stage: 'PRINTING' })] };
    await post('/codec/decode', plain).expect(200, plain);
  });

  it('answers bad input with a 400 and undecodable payloads with a 422, naming the payload, never a 500', async () => {
    // A 400 does not match the documented schema; a 422 does, but its bytes cannot be decrypted.
    const cases: Array<[object, number, RegExp]> = [
      [{ payloads: 'none' }, 400, /payloads/],
      [{ payloads: [{ metadata: { encoding: 'not base64!' } }] }, 400, /payloads\.0\.metadata/],
      [{ payloads: [{ metadata: {}, data: '@@' }] }, 400, /payloads\.0\.data/],
      [
        {
          payloads: [
            jsonPayload(1),
            {
              metadata: { encoding: b64('binary/encrypted'), 'encryption-key-id': b64('retired-2024') },
              data: randomBytes(64).toString('base64'),
            },
          ],
        },
        422,
        /payloads\.1: Payload encrypted with key id "retired-2024", which is not among the configured PAYLOAD_KEYS/,
      ],
      [
        {
          payloads: [
            {
              metadata: { encoding: b64('binary/encrypted'), 'encryption-key-id': b64('test-only-a') },
              data: randomBytes(64).toString('base64'),
            },
          ],
        },
        422,
        /payloads\.0: .*failed authentication/,
      ],
    ];
    for (const [body, status, detail] of cases) {
      const response = await post('/codec/decode', body).expect(status);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body.detail).toMatch(detail);
    }
  });

  it('answers a CORS preflight from the configured UI origin, with the headers the UI sends', async () => {
    const response = await request(stack.http)
      .options('/codec/decode')
      .set({
        Origin: UI_ORIGIN,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type,x-namespace,authorization',
      })
      .expect(204);
    expect(response.headers['access-control-allow-origin']).toBe(UI_ORIGIN);
    expect(response.headers['access-control-allow-methods']).toBe('POST');
    expect(response.headers['access-control-allow-headers']?.toLowerCase().split(',')).toEqual(
      // A UI that signs people in sends their ID token as Authorization-Extras beside the access token.
      expect.arrayContaining(['authorization', 'authorization-extras', 'content-type', 'x-namespace']),
    );
    const actual = await post('/codec/encode', { payloads: [] }, { ...operator, Origin: UI_ORIGIN }).expect(200);
    expect(actual.headers['access-control-allow-origin']).toBe(UI_ORIGIN);
  });

  it('gives any other origin no CORS permission, and other routes none at all', async () => {
    for (const origin of ['https://evil.example', LOCAL_UI, 'null']) {
      const response = await request(stack.http)
        .options('/codec/decode')
        .set({ Origin: origin, 'Access-Control-Request-Method': 'POST' });
      expect({ origin, allowed: response.headers['access-control-allow-origin'] }).toEqual({
        origin,
        allowed: undefined,
      });
    }
    const other = await request(stack.http).get('/health/live').set({ Origin: UI_ORIGIN }).expect(200);
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('decodes nothing for a request with only an Origin (the embedded UI has a codec session: codec-session.test.ts)', async () => {
    await post('/codec/decode', { payloads: [] }, { Origin: LOCAL_UI }).expect(401);
    await post('/codec/decode', { payloads: [] }, { ...citizen, Origin: LOCAL_UI }).expect(403);
  });

  it("lets the provider's supervisor read the decode log, and neither an operator nor a citizen", async () => {
    await request(stack.http)
      .get('/v1/operator/decode-log?limit=1')
      .set(await authFor({ role: 'supervisor' }))
      .expect(200);
    await request(stack.http).get('/v1/operator/decode-log').set(operator).expect(403);
    await request(stack.http).get('/v1/operator/decode-log').set(citizen).expect(403);
    await request(stack.http).get('/v1/operator/decode-log').expect(401);
  });
});

/**
 * The decode log and its alert count per person, and the suite's provider has two operators whom every test file
 * shares: these tests' operators come from a test issuer their stack trusts, a fresh one per test.
 */
describe('codec endpoint, decode log', () => {
  let stack: Stack;
  let issuer: TestIssuer;
  const as = async (role: string, sub: string) => bearer(await issuer.sign(issuer.claims({ role, sub })));

  beforeAll(async () => {
    issuer = await startTestIssuer();
    stack = await startStack({
      worker: false,
      env: { CODEC_CORS_ORIGINS: UI_ORIGIN, OIDC_ISSUER_URL: issuer.issuer },
    });
  });

  afterAll(async () => {
    await stack?.stop();
    await issuer?.stop();
  });

  const post = (path: string, body: object, headers: Record<string, string>) =>
    request(stack.http).post(path).set(headers).send(body);

  it('writes every decode to the decode log, which supervisors page through and operators may not read', async () => {
    const who = `ops-log-${randomBytes(4).toString('hex')}`;
    const person = await as('operator', who);
    const supervisor = await as('supervisor', 'sup-1');
    const encoded = (await post('/codec/encode', { payloads: [jsonPayload(1), jsonPayload(2)] }, person).expect(200))
      .body;
    const ui = { ...person, Origin: UI_ORIGIN, 'X-Namespace': 'default', 'User-Agent': 'Temporal UI test' };
    await post('/codec/decode', encoded, ui).expect(200);
    await post('/codec/decode', { payloads: encoded.payloads.slice(1) }, person).expect(200);
    await post('/codec/decode', {}, person).expect(200);

    const log = (query: string, headers = supervisor) =>
      request(stack.http).get(`/v1/operator/decode-log?actor=operator:${who}${query}`).set(headers);
    const all = (await log('').expect(200)).body;
    expect(all.items.map((item: { payloads: number }) => item.payloads)).toEqual([0, 1, 2]);
    expect(all.items[2]).toEqual({
      id: expect.stringMatching(/^\d+$/),
      at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      actor: `operator:${who}`,
      namespace: 'default',
      payloads: 2,
      clientIp: expect.stringMatching(/127\.0\.0\.1/),
      userAgent: 'Temporal UI test',
      origin: UI_ORIGIN,
    });
    expect(all.next).toBeUndefined();
    // Keyset paging, newest first.
    const first = (await log('&limit=2').expect(200)).body;
    expect(first.items.map((item: { payloads: number }) => item.payloads)).toEqual([0, 1]);
    const second = (await log(`&limit=2&before=${first.next}`).expect(200)).body;
    expect(second).toEqual({ items: [all.items[2]] });
    // The people it watches do not read it; nor does anyone else.
    await log('', person).expect(403);
    await log(
      '',
      bearer(await issuer.sign(issuer.claims({ role: 'clerk', sub: 'clerk-log', office: 'RUH-01' }))),
    ).expect(403);
    await request(stack.http).get('/v1/operator/decode-log').expect(401);
    const bad = await log('&before=abc').expect(400);
    expect(bad.body.errors).toEqual([{ field: 'before', message: 'before must be the `next` of a previous page' }]);
  });

  it('refuses a decode of 10,000 payloads with a clear problem, decoding and logging nothing', async () => {
    const who = `ops-bulk-${randomBytes(4).toString('hex')}`;
    const person = await as('operator', who);
    const payload = (await post('/codec/encode', { payloads: [jsonPayload(1)] }, person).expect(200)).body.payloads[0];
    const bulk = { payloads: Array.from({ length: 10_000 }, () => payload) };
    const response = await post('/codec/decode', bulk, person).expect(413);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 413, type: expect.stringMatching(/^urn:passport-renewal:problem:/) });
    const log = await request(stack.http)
      .get(`/v1/operator/decode-log?actor=operator:${who}`)
      .set(await as('supervisor', 'sup-1'))
      .expect(200);
    expect(log.body.items).toEqual([]);
  });
});

describe('codec endpoint, bulk decoding', () => {
  let stack: Stack;
  let issuer: TestIssuer;

  beforeAll(async () => {
    issuer = await startTestIssuer();
    stack = await startStack({
      worker: false,
      env: { CODEC_DECODE_ALERT_PAYLOADS: '5', CODEC_DECODE_ALERT_WINDOW_MS: '600000', OIDC_ISSUER_URL: issuer.issuer },
    });
  });

  afterAll(async () => {
    await stack?.stop();
    await issuer?.stop();
  });

  it('raises the DecodeBurst alert once, when one person decodes more than the limit within the window', async () => {
    const who = `ops-burst-${randomBytes(4).toString('hex')}`;
    const person = bearer(await issuer.sign(issuer.claims({ role: 'operator', sub: who })));
    const three = { payloads: [jsonPayload(1), jsonPayload(2), jsonPayload(3)] };
    const encoded = (await request(stack.http).post('/codec/encode').set(person).send(three).expect(200)).body;
    const bursts = async () => {
      const metrics = await request(stack.http).get('/metrics').expect(200);
      return Number(/^codec_decode_bursts_total\{role="api"\} (\d+)$/m.exec(metrics.text)?.[1]);
    };
    const before = await bursts();
    await request(stack.http).post('/codec/decode').set(person).send(encoded).expect(200);
    expect(await bursts()).toBe(before);
    // 6 > 5: this one takes the person over the limit; the next ones, still over it, raise nothing new.
    await request(stack.http).post('/codec/decode').set(person).send(encoded).expect(200);
    expect(await bursts()).toBe(before + 1);
    await request(stack.http).post('/codec/decode').set(person).send(encoded).expect(200);
    expect(await bursts()).toBe(before + 1);
  });
});
