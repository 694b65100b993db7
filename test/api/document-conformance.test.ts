import request from 'supertest';
import { type Stack, startStack } from '../support/stack';
import { signedWebhook } from '../support/credentials';
import { authFor } from '../support/tokens';

/**
 * What the OpenAPI document promises about refusals, checked one case at a time (the fuzz run in test/fuzz
 * checks them in bulk): a request that does not match the document is a 400; one that matches it but breaks a rule
 * the document cannot express is a 422 naming the field; a method a path does not serve is a 405 with Allow.
 */
describe('refusals as the document describes them', () => {
  let stack: Stack;
  let operator: Record<string, string>;
  let clerk: Record<string, string>;
  beforeAll(async () => {
    operator = await authFor({ role: 'operator' });
    clerk = await authFor({ role: 'clerk', office: 'RUH-01' });
  });

  beforeAll(async () => {
    stack = await startStack({ worker: false });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  function expectProblem(response: request.Response, status: number, fields: string[]): void {
    expect({ status: response.status, type: response.headers['content-type'] }).toEqual({
      status,
      type: expect.stringMatching(/^application\/problem\+json/),
    });
    expect(response.body.errors.map((error: { field: string }) => error.field)).toEqual(fields);
  }

  it('answers a method a served path does not serve with 405 and Allow, and an unknown path with 404', async () => {
    for (const method of ['put', 'delete', 'patch', 'trace'] as const) {
      const response = await request(stack.http)[method]('/v1/renewals').set(operator);
      expect({ method, status: response.status, allow: response.headers.allow }).toEqual({
        method,
        status: 405,
        allow: 'POST, GET, HEAD',
      });
      expect(response.body.type).toBe('urn:passport-renewal:problem:method-not-allowed');
    }
    const item = await request(stack.http).delete('/v1/renewals/3f2a7c1e-9b4d-4c0a-8e5f-6a7b8c9d0e1f');
    expect({ status: item.status, allow: item.headers.allow }).toEqual({ status: 405, allow: 'GET, HEAD' });
    // A literal path beside a parameterised one (`lookup` beside `:renewalId`) is its own resource: POST only.
    const lookup = await request(stack.http).get('/v1/counter/renewals/lookup').set(clerk);
    expect({ status: lookup.status, allow: lookup.headers.allow }).toEqual({ status: 405, allow: 'POST' });
    expect((await request(stack.http).get('/health/live')).status).toBe(200);
    expect((await request(stack.http).head('/health/live')).status).toBe(200);
    expect((await request(stack.http).put('/v1/nothing-here')).status).toBe(404);
  });

  it('refuses text holding U+0000 (PostgreSQL cannot store it) with a 422, not a database error', async () => {
    const response = await request(stack.http)
      .post('/v1/operator/renewals/3f2a7c1e-9b4d-4c0a-8e5f-6a7b8c9d0e1f/cancellation')
      .set({ ...operator, 'Idempotency-Key': 'nul-1' })
      .send({ reason: 'dup\u0000licate' });
    expectProblem(response, 422, ['reason']);
    const webhook = signedWebhook('saudi-post', {
      eventId: 'nul-2',
      trackingNumber: 'SP\u0000',
      type: 'LOST',
      occurredAt: '2026-11-28T09:30:00Z',
    });
    expectProblem(
      await request(stack.http).post('/v1/webhooks/saudi-post').set(webhook.headers).send(webhook.body),
      422,
      ['trackingNumber'],
    );
  });

  it('keeps stuckFor and cursors within what PostgreSQL can compare, instead of failing there', async () => {
    const list = (stuckFor: string) =>
      request(stack.http).get(`/v1/operator/renewals?stuckFor=${stuckFor}`).set(operator);
    expectProblem(await list('PT21067375880576H2S'), 422, ['stuckFor']);
    expectProblem(await list('PT0S'), 422, ['stuckFor']);
    expectProblem(await list('P1M'), 400, ['stuckFor']);
    expect((await list('P3650D')).status).toBe(200);
    // A cursor holds a time: one past the year 9999, forged, is not one the list gave.
    const forged = Buffer.from(`r:999999999999999999:${crypto.randomUUID()}`).toString('base64url');
    expectProblem(await request(stack.http).get(`/v1/operator/renewals?cursor=${forged}`).set(operator), 422, [
      'cursor',
    ]);
    // Paging is by cursor: an offset is not a parameter of the list.
    expectProblem(await request(stack.http).get('/v1/operator/renewals?offset=100').set(operator), 400, ['offset']);
  });

  it('checks payments, times and required fields as the document says, 422 for what it cannot say', async () => {
    const send = (partner: 'sadad' | 'print-centre', payload: object) => {
      const webhook = signedWebhook(partner, payload);
      return request(stack.http).post(`/v1/webhooks/${partner}`).set(webhook.headers).send(webhook.body);
    };
    const payment = {
      paymentId: 'PAY-1',
      billNumber: '9000000123',
      billReference: 'none/fee',
      amountSar: 635,
      paidAt: '2026-11-28T09:30:00+03:00',
    };
    // An exponent once threw inside class-validator's decimal count: a 500.
    expectProblem(await send('sadad', { ...payment, amountSar: 1e-7 }), 422, ['amountSar']);
    expectProblem(await send('sadad', { ...payment, amountSar: 635.125 }), 422, ['amountSar']);
    // RFC 3339 as the document's `format: date-time` reads it: year 0096 and offsets up to 23:59 included.
    expect((await send('sadad', { ...payment, paidAt: '0096-04-13T06:51:35.53+19:45' })).status).toBe(404);
    expectProblem(await send('sadad', { ...payment, paidAt: '2026-11-28 09:30' }), 400, ['paidAt']);
    expectProblem(await send('sadad', { ...payment, paidAt: '2016-12-31T23:59:60Z' }), 422, ['paidAt']);
    expectProblem(
      await send('print-centre', { eventId: 'p-1', type: 'JOB_COMPLETED', jobKey: 'none/issue-1/print-1' }),
      422,
      ['passportNumber', 'issuedOn', 'expiresOn'],
    );
    expectProblem(
      await send('print-centre', { eventId: 'p-2', type: 'JOB_FAILED', jobKey: 'none/issue-1/print-1', reason: '' }),
      400,
      ['reason'],
    );
  });

  it('refuses a codec payload whose data is null (once a 500), and one it cannot decrypt with a 422', async () => {
    const decode = (payload: object) =>
      request(stack.http)
        .post('/codec/decode')
        .set(operator)
        .send({ payloads: [payload] });
    const encrypted = { encoding: 'YmluYXJ5L2VuY3J5cHRlZA==', 'encryption-key-id': 'dGVzdC1vbmx5LWE=' };
    expectProblem(await decode({ metadata: encrypted, data: null }), 400, ['payloads.0.data']);
    expectProblem(await decode({ metadata: encrypted, data: '' }), 422, ['payloads.0']);
  });
});
