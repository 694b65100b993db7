import { PermanentIntegrationError, TransientIntegrationError } from '../../../src/integrations/errors';
import { PartnerHttpClient } from '../../../src/integrations/http/client';
import { StubPartner } from '../../support/stub-partner';

/**
 * Far beyond any answer of a local stub, however loaded the machine: only the timeout test below, against a stub
 * that never answers, can end in a timeout, so no other test depends on how fast the machine is.
 */
const NO_TIMEOUT_HERE_MS = 600_000;
const TIMEOUT_MS = 300;

/** How every HTTP adapter maps what a partner answers: retry, typed refusal, or malformed data. */
describe('partner HTTP client', () => {
  let stub: StubPartner;
  let client: PartnerHttpClient;

  beforeAll(async () => {
    stub = await StubPartner.start();
    client = new PartnerHttpClient('sadad', {
      baseUrl: stub.url,
      timeoutMs: NO_TIMEOUT_HERE_MS,
      authHeader: { name: 'Authorization', value: 'Bearer sadad-key' },
    });
  });

  afterAll(() => stub.close());

  async function failure(call: Promise<unknown>): Promise<unknown> {
    return call.then(
      () => {
        throw new Error('expected the call to fail');
      },
      (error: unknown) => error,
    );
  }

  it('sends JSON with the configured auth header and reads the JSON answer', async () => {
    stub.answer = { status: 200, body: { billNumber: '700100000001' } };
    await expect(client.json('issueBill', 'POST', '/v1/bills', { billKey: 'k' })).resolves.toEqual({
      billNumber: '700100000001',
    });
    expect(stub.requests.at(-1)).toMatchObject({
      method: 'POST',
      url: '/v1/bills',
      headers: { authorization: 'Bearer sadad-key', 'content-type': 'application/json' },
      body: '{"billKey":"k"}',
    });
  });

  it.each([408, 429, 500, 502, 503, 504])('treats HTTP %i as transient', async (status) => {
    stub.answer = { status, body: { code: 'Busy' } };
    const error = await failure(client.send('cancelBill', 'POST', '/v1/bills/1/cancellation'));
    expect(error).toBeInstanceOf(TransientIntegrationError);
    expect((error as Error).message).toBe(`sadad cancelBill failed transiently: HTTP ${status}`);
  });

  it('treats no answer in time as transient', async () => {
    stub.answer = { status: 200, body: {}, neverAnswer: true };
    const impatient = new PartnerHttpClient('sadad', { baseUrl: stub.url, timeoutMs: TIMEOUT_MS });
    const error = await failure(impatient.json('getBill', 'GET', '/v1/bills/1'));
    expect(error).toBeInstanceOf(TransientIntegrationError);
    expect((error as Error).message).toBe('sadad getBill failed transiently: no answer within 300 ms');
  });

  it('treats an unreachable partner as transient', async () => {
    const unreachable = new PartnerHttpClient('sadad', {
      baseUrl: 'http://127.0.0.1:1',
      timeoutMs: NO_TIMEOUT_HERE_MS,
    });
    const error = await failure(unreachable.json('getBill', 'GET', '/v1/bills/1'));
    expect(error).toBeInstanceOf(TransientIntegrationError);
    expect((error as Error).message).toBe('sadad getBill failed transiently: network error (TypeError)');
  });

  it('types a refusal with the partner code and field, without repeating its text', async () => {
    stub.answer = { status: 409, body: { code: 'BillAlreadyPaid', field: 'billNumber', detail: 'paid by 1058529940' } };
    const error = await failure(client.send('cancelBill', 'POST', '/v1/bills/1/cancellation'));
    expect(error).toBeInstanceOf(PermanentIntegrationError);
    expect(error).toMatchObject({
      type: 'BillAlreadyPaid',
      kind: 'permanent',
      message: 'sadad cancelBill refused: HTTP 409 BillAlreadyPaid (field billNumber)',
      details: { system: 'sadad', operation: 'cancelBill', status: 409, field: 'billNumber' },
    });
  });

  it.each([
    [401, undefined, 'PartnerUnauthorized'],
    [403, 'not json', 'PartnerUnauthorized'],
    [400, undefined, 'PartnerRejected'],
    [422, { code: 'not a code!' }, 'PartnerRejected'],
    [404, undefined, 'BillNotFound'],
    [302, undefined, 'UnexpectedPartnerResponse'],
  ])('types HTTP %i (%j) without a usable code as %s', async (status, body, type) => {
    stub.answer = { status, body };
    const error = await failure(client.send('cancelBill', 'POST', '/v1/bills/1/cancellation', {}, 'BillNotFound'));
    expect(error).toMatchObject({ type, kind: 'permanent' });
  });

  it('answers undefined for a 404 on a look-up', async () => {
    stub.answer = { status: 404, body: { code: 'BillNotFound' } };
    await expect(client.find('getBill', 'GET', '/v1/bills/1')).resolves.toBeUndefined();
  });

  it('reports an answer that is not JSON as malformed partner data', async () => {
    stub.answer = { status: 200, body: '<html>maintenance</html>' };
    const error = await failure(client.json('getBill', 'GET', '/v1/bills/1'));
    expect(error).toMatchObject({ type: 'MalformedPartnerData', kind: 'permanent', details: { field: 'body' } });
  });
});
