import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { seedCitizen } from '../support/citizens';
import { type Stack, startStack } from '../support/stack';
import { startTestIssuer, type TestIssuer } from '../support/test-issuer';
import { bearer } from '../support/tokens';
import { seedRenewal, uniqueKey } from './support/fixtures';

/**
 * Every endpoint × every kind of caller → the status it gets. A role an
 * endpoint is for reaches the handler, which answers a deterministic status
 * for the request sent (e.g. 400 for an empty body): anything but 401/403.
 *
 * Columns: citizen, clerk (of the renewal's office), operator, courier, a
 * person the provider signed in with a role this API does not know (its
 * support staff), no token, expired token, token signed with a key the
 * provider never published. The tokens come from a test issuer the API
 * trusts (test/support/test-issuer.ts), which makes expired and forged ones.
 */
const COLUMNS = ['citizen', 'clerk', 'operator', 'courier', 'support', 'none', 'expired', 'forged'] as const;
type Column = (typeof COLUMNS)[number];

interface Endpoint {
  name: string;
  send: (http: Stack['http'], headers: Record<string, string>) => request.Test;
  expected: Record<Column, number>;
}

const row = (...statuses: number[]): Record<Column, number> =>
  Object.fromEntries(COLUMNS.map((column, i) => [column, statuses[i]])) as Record<Column, number>;

describe('authorization matrix', () => {
  let stack: Stack;
  let issuer: TestIssuer;
  let unpublishedKey: string;
  let renewalId: string;
  let nationalId: string;

  beforeAll(async () => {
    issuer = await startTestIssuer();
    unpublishedKey = await issuer.newKey({ publish: false });
    // No clock tolerance: a token is refused from its exp on.
    stack = await startStack({ worker: false, env: { OIDC_ISSUER_URL: issuer.issuer, OIDC_CLOCK_TOLERANCE: '0' } });
    nationalId = (await seedCitizen(stack.db)).nationalId;
    renewalId = await seedRenewal(stack.db, { nationalId, officeId: 'RUH-01', stage: 'READY_FOR_PICKUP' });
  });

  afterAll(async () => {
    await stack?.stop();
    await issuer?.stop();
  });

  const signed = async (claims: Record<string, unknown>) => bearer(await issuer.sign(issuer.claims(claims)));
  const now = () => Math.floor(Date.now() / 1000);

  const post = (path: () => string, body: object) => (http: Stack['http'], headers: Record<string, string>) =>
    request(http)
      .post(path())
      .set({ ...headers, 'Idempotency-Key': uniqueKey() })
      .send(body);
  const get = (path: () => string) => (http: Stack['http'], headers: Record<string, string>) =>
    request(http).get(path()).set(headers);
  const barcode = 'PE' + '0'.repeat(32) + '01';

  //                                                           citizen clerk operator courier support none expired forged
  const ENDPOINTS: Endpoint[] = [
    {
      name: 'POST /v1/renewals',
      send: post(() => '/v1/renewals', {}),
      expected: row(400, 403, 403, 403, 401, 401, 401, 401),
    },
    {
      name: 'GET /v1/renewals',
      send: get(() => '/v1/renewals'),
      expected: row(200, 403, 403, 403, 401, 401, 401, 401),
    },
    {
      name: 'GET /v1/renewals/:id',
      send: get(() => `/v1/renewals/${renewalId}`),
      expected: row(200, 403, 403, 403, 401, 401, 401, 401),
    },
    {
      name: 'GET /v1/renewals/:id/events',
      send: get(() => `/v1/renewals/not-a-uuid/events`),
      expected: row(400, 403, 403, 403, 401, 401, 401, 401),
    },
    {
      name: 'GET /v1/renewals/:id/review',
      send: get(() => `/v1/renewals/${renewalId}/review`),
      expected: row(200, 403, 403, 403, 401, 401, 401, 401),
    },
    {
      name: 'GET /v1/renewals/:id/status',
      send: get(() => `/v1/renewals/not-a-uuid/status`),
      expected: row(400, 403, 403, 403, 401, 401, 401, 401),
    },
    {
      name: 'POST /v1/renewals/:id/acceptance',
      send: post(() => `/v1/renewals/${renewalId}/acceptance`, {}),
      expected: row(400, 403, 403, 403, 401, 401, 401, 401),
    },
    {
      name: 'POST /v1/renewals/:id/cancellation',
      send: post(() => `/v1/renewals/${renewalId}/cancellation`, {}),
      expected: row(400, 403, 403, 403, 401, 401, 401, 401),
    },
    {
      name: 'POST /v1/counter/renewals/lookup',
      send: (http, headers) => request(http).post('/v1/counter/renewals/lookup').set(headers).send({ nationalId }),
      expected: row(403, 200, 403, 403, 401, 401, 401, 401),
    },
    {
      name: 'GET /v1/counter/queue',
      send: get(() => '/v1/counter/queue'),
      expected: row(403, 200, 403, 403, 401, 401, 401, 401),
    },
    {
      name: 'GET /v1/counter/renewals/:id',
      send: get(() => `/v1/counter/renewals/${renewalId}`),
      expected: row(403, 200, 403, 403, 401, 401, 401, 401),
    },
    {
      name: 'POST /v1/counter/renewals/:id/verification',
      send: post(() => `/v1/counter/renewals/${renewalId}/verification`, {}),
      expected: row(403, 400, 403, 403, 401, 401, 401, 401),
    },
    {
      name: 'POST /v1/counter/renewals/:id/handover',
      send: post(() => `/v1/counter/renewals/${renewalId}/handover`, { extra: 1 }),
      expected: row(403, 400, 403, 403, 401, 401, 401, 401),
    },
    {
      name: 'GET /v1/operator/renewals',
      send: get(() => '/v1/operator/renewals'),
      expected: row(403, 403, 200, 403, 401, 401, 401, 401),
    },
    {
      name: 'GET /v1/operator/renewals/overdue',
      send: get(() => '/v1/operator/renewals/overdue'),
      expected: row(403, 403, 200, 403, 401, 401, 401, 401),
    },
    {
      name: 'GET /v1/operator/renewals/:id/audit',
      send: get(() => `/v1/operator/renewals/${renewalId}/audit`),
      expected: row(403, 403, 200, 403, 401, 401, 401, 401),
    },
    {
      name: 'GET /v1/operator/alerts',
      send: get(() => '/v1/operator/alerts'),
      expected: row(403, 403, 200, 403, 401, 401, 401, 401),
    },
    {
      // Missing the note: a 400 from the handler's validation.
      name: 'POST /v1/operator/alerts/:id/acknowledgement',
      send: post(() => '/v1/operator/alerts/1/acknowledgement', {}),
      expected: row(403, 403, 400, 403, 401, 401, 401, 401),
    },
    {
      name: 'POST /v1/operator/renewals/search',
      send: (http, headers) => request(http).post('/v1/operator/renewals/search').set(headers).send({ nationalId }),
      expected: row(403, 403, 200, 403, 401, 401, 401, 401),
    },
    {
      // Supervisors only (test/api/codec.test.ts): the operators it watches may not read it.
      name: 'GET /v1/operator/decode-log',
      send: get(() => '/v1/operator/decode-log'),
      expected: row(403, 403, 403, 403, 401, 401, 401, 401),
    },
    {
      name: 'POST /v1/operator/renewals/:id/loss-declaration',
      send: post(() => `/v1/operator/renewals/${renewalId}/loss-declaration`, {}),
      expected: row(403, 403, 400, 403, 401, 401, 401, 401),
    },
    {
      name: 'POST /v1/operator/renewals/:id/cancellation',
      send: post(() => `/v1/operator/renewals/${renewalId}/cancellation`, {}),
      expected: row(403, 403, 400, 403, 401, 401, 401, 401),
    },
    {
      name: 'GET /v1/carrier/envelopes/:barcode',
      send: get(() => `/v1/carrier/envelopes/${barcode}`),
      expected: row(403, 403, 403, 404, 401, 401, 401, 401),
    },
    {
      name: 'POST /v1/webhooks/sadad',
      send: post(() => '/v1/webhooks/sadad', {}),
      expected: row(401, 401, 401, 401, 401, 401, 401, 401),
    },
    {
      name: 'POST /v1/webhooks/wasel',
      send: post(() => '/v1/webhooks/wasel', {}),
      expected: row(401, 401, 401, 401, 401, 401, 401, 401),
    },
    {
      name: 'POST /v1/webhooks/print-centre',
      send: post(() => '/v1/webhooks/print-centre', {}),
      expected: row(401, 401, 401, 401, 401, 401, 401, 401),
    },
    {
      name: 'POST /v1/webhooks/saudi-post',
      send: post(() => '/v1/webhooks/saudi-post', {}),
      expected: row(401, 401, 401, 401, 401, 401, 401, 401),
    },
    {
      name: 'POST /codec/decode',
      // No payloads (`{}`, as the CLI sends an empty list): the operator gets an empty list back.
      send: post(() => '/codec/decode', {}),
      expected: row(403, 403, 200, 403, 401, 401, 401, 401),
    },
    {
      name: 'POST /codec/encode',
      // No payloads (`{}`, as the CLI sends an empty list): the operator gets an empty list back.
      send: post(() => '/codec/encode', {}),
      expected: row(403, 403, 200, 403, 401, 401, 401, 401),
    },
    {
      name: 'GET /health/live',
      send: get(() => '/health/live'),
      expected: row(200, 200, 200, 200, 200, 200, 200, 200),
    },
    {
      name: 'GET /health/ready',
      send: get(() => '/health/ready'),
      expected: row(200, 200, 200, 200, 200, 200, 200, 200),
    },
    {
      name: 'GET /openapi.json',
      send: get(() => '/openapi.json'),
      expected: row(200, 200, 200, 200, 200, 200, 200, 200),
    },
  ];

  function headersFor(column: Column): Promise<Record<string, string>> {
    switch (column) {
      case 'citizen':
        return signed({ role: 'citizen', national_id: nationalId, sub: 'c-matrix' });
      case 'clerk':
        return signed({ role: 'clerk', office: 'RUH-01', sub: 'clerk-ruh-01' });
      case 'operator':
        return signed({ role: 'operator', sub: 'ops-1' });
      case 'courier':
        return signed({ role: 'courier', carrier: 'SPL', sub: 'courier-spl' });
      case 'support':
        return signed({ role: 'support', sub: 'support-1' });
      case 'none':
        return Promise.resolve({});
      case 'expired':
        return signed({ role: 'citizen', national_id: nationalId, iat: now() - 600, exp: now() - 60 });
      case 'forged':
        return issuer.sign(issuer.claims({ role: 'operator' }), { kid: unpublishedKey }).then(bearer);
    }
  }

  it.each(ENDPOINTS.map((endpoint) => [endpoint.name, endpoint] as const))('%s', async (_name, endpoint) => {
    const actual: Partial<Record<Column, number>> = {};
    for (const column of COLUMNS) {
      const response = await endpoint.send(stack.http, await headersFor(column));
      actual[column] = response.status;
      if (response.status >= 400) {
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      }
    }
    expect(actual).toEqual(endpoint.expected);
  });

  it('answers 401 with a problem that says why, and a WWW-Authenticate challenge', async () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{}, 'authentication-required'],
      [await headersFor('expired'), 'token-expired'],
      [await headersFor('forged'), 'token-key-unknown'],
      [await headersFor('support'), 'token-role-unmapped'],
      [{ Authorization: 'Basic dXNlcjpwYXNz' }, 'token-malformed'],
    ];
    for (const [headers, slug] of cases) {
      const response = await request(stack.http).get('/v1/renewals').set(headers).expect(401);
      expect(response.body.type).toBe(`urn:passport-renewal:problem:${slug}`);
      expect(response.headers['www-authenticate']).toMatch(/^Bearer /);
    }
  });

  it('refuses a token once it expires, though it was accepted (and remembered) a moment before', async () => {
    // Valid for 3 to 4 seconds (a JWT's times are whole seconds): room for two reads on a busy machine.
    const exp = now() + 4;
    const shortLived = await signed({ role: 'citizen', national_id: nationalId, exp });
    await request(stack.http).get('/v1/renewals').set(shortLived).expect(200);
    await request(stack.http).get('/v1/renewals').set(shortLived).expect(200);
    await new Promise((resolve) => setTimeout(resolve, exp * 1000 - Date.now() + 50));
    const response = await request(stack.http).get('/v1/renewals').set(shortLived).expect(401);
    expect(response.body.type).toBe('urn:passport-renewal:problem:token-expired');
  });

  it('refuses tokens whose claims do not fit the role', async () => {
    for (const claims of [
      { role: 'citizen', national_id: '2012345670' }, // a resident cannot renew a Saudi passport
      { role: 'citizen', national_id: '1058529941' }, // bad check digit
    ]) {
      const response = await request(stack.http)
        .get('/v1/renewals')
        .set(await signed(claims))
        .expect(401);
      expect(response.body.type).toBe('urn:passport-renewal:problem:token-national-id-unmapped');
    }
    const response = await request(stack.http)
      .post('/v1/counter/renewals/lookup')
      .set(await signed({ role: 'clerk', sub: 'clerk-1' }))
      .send({ nationalId })
      .expect(401);
    expect(response.body.detail).toMatch(/office/);
  });

  it('shows a citizen only their own renewals: another citizen gets 404, exactly as for no renewal', async () => {
    const other = await signed({ role: 'citizen', national_id: (await seedCitizen(stack.db)).nationalId });
    const theirs = await request(stack.http).get(`/v1/renewals/${renewalId}`).set(other).expect(404);
    const none = await request(stack.http).get(`/v1/renewals/${randomUUID()}`).set(other).expect(404);
    expect({ ...theirs.body, detail: undefined, instance: undefined }).toEqual({
      ...none.body,
      detail: undefined,
      instance: undefined,
    });
    const list = await request(stack.http).get('/v1/renewals').set(other).expect(200);
    expect(list.body).toEqual([]);
    await request(stack.http)
      .post(`/v1/renewals/${renewalId}/cancellation`)
      .set({ ...other, 'Idempotency-Key': uniqueKey() })
      .send({ reason: 'not mine' })
      .expect(404);
  });

  it("limits a clerk to their office's counter", async () => {
    const elsewhere = await signed({ role: 'clerk', office: 'JED-02', sub: 'clerk-jed-02' });
    const lookup = await request(stack.http)
      .post('/v1/counter/renewals/lookup')
      .set(elsewhere)
      .send({ nationalId })
      .expect(200);
    expect(lookup.body).toEqual([]);
    await request(stack.http)
      .post(`/v1/counter/renewals/${renewalId}/verification`)
      .set({ ...elsewhere, 'Idempotency-Key': uniqueKey() })
      .send({ presentedPassportNumber: 'N1234567', identityConfirmed: true })
      .expect(404);

    const here = await signed({ role: 'clerk', office: 'RUH-01', sub: 'clerk-ruh-01' });
    const found = await request(stack.http)
      .post('/v1/counter/renewals/lookup')
      .set(here)
      .send({ nationalId })
      .expect(200);
    expect(found.body).toEqual([expect.objectContaining({ renewalId, stage: 'READY_FOR_PICKUP' })]);
  });
});
