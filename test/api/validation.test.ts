import request from 'supertest';
import { type Stack, startStack } from '../support/stack';
import { authFor } from '../support/tokens';
import { freshNationalId } from '../support/fixtures';
import { seedRenewal, uniqueKey } from './support/fixtures';
import { testPersonalData } from '../support/personal-data-keys';

/**
 * Bad input is a problem naming the field, never a 500, and it starts nothing: a 400 when the request does not
 * match the OpenAPI document, a 422 when it does but breaks a rule the document cannot express (or a 413).
 */
describe('validation', () => {
  let stack: Stack;
  let nationalId: string;
  let citizen: Record<string, string>;
  let renewalId: string;
  let clerk: Record<string, string>;
  beforeAll(async () => {
    clerk = await authFor({ role: 'clerk', office: 'RUH-01' });
  });
  let operator: Record<string, string>;
  beforeAll(async () => {
    operator = await authFor({ role: 'operator' });
  });

  beforeAll(async () => {
    stack = await startStack({ worker: false });
    nationalId = freshNationalId();
    citizen = await authFor({ role: 'citizen', nationalId: nationalId });
    renewalId = await seedRenewal(stack.db, { nationalId });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  const post = (path: string, headers: Record<string, string>) =>
    request(stack.http)
      .post(path)
      .set({ ...headers, 'Idempotency-Key': uniqueKey() });

  function expectProblem(response: request.Response, status: number, fields: string[]): void {
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.status).toBe(status);
    if (fields.length) expect(response.body.errors.map((error: { field: string }) => error.field)).toEqual(fields);
  }

  it('refuses unknown fields, naming them: a citizen cannot name another national ID', async () => {
    const response = await post('/v1/renewals', citizen).send({ officeId: 'RUH-01', nationalId: '1000000008' });
    expectProblem(response, 400, ['nationalId']);
    expect(response.body.errors[0].message).toBe('property nationalId should not exist');
    const [{ n }] = await stack.db.query('SELECT count(*)::int AS n FROM renewals WHERE national_id_hmac = $1', [
      testPersonalData().digest(nationalId),
    ]);
    expect(n).toBe(1);
  });

  it('names each invalid field, nested ones dotted', async () => {
    expectProblem(await post('/v1/renewals', citizen).send({ officeId: 'Riyadh' }), 400, ['officeId']);
    const acceptance = await post(`/v1/renewals/${renewalId}/acceptance`, citizen).send({
      photoConfirmed: 'yes',
      englishNameConfirmed: true,
      acceptedPledgeIds: ['DATA_ACCURACY', 'bad id'],
      validityYears: 7,
      delivery: { method: 'PICKUP', officeId: 'x', colour: 'blue' },
    });
    expectProblem(acceptance, 400, [
      'photoConfirmed',
      'acceptedPledgeIds',
      'validityYears',
      'delivery.colour',
      'delivery.officeId',
    ]);
    expectProblem(await post(`/v1/renewals/${renewalId}/cancellation`, citizen).send({ reason: '' }), 400, ['reason']);
  });

  it('checks national IDs with the domain rules: ten digits (400), then check digit and citizens only (422)', async () => {
    // Ten digits is the documented pattern; the check digit and the citizen prefix are rules beyond the schema.
    const lookUp = (body?: object) => request(stack.http).post('/v1/counter/renewals/lookup').set(clerk).send(body);
    const badDigit = await lookUp({ nationalId: '1058529941' });
    expectProblem(badDigit, 422, ['nationalId']);
    expect(badDigit.body.errors[0].message).toBe('nationalId has an invalid check digit');
    const resident = await lookUp({ nationalId: '2012345670' });
    expectProblem(resident, 422, ['nationalId']);
    const short = await lookUp({ nationalId: '105852994' });
    expectProblem(short, 400, ['nationalId']);
    expect(short.body.errors[0].message).toBe('nationalId must be exactly 10 digits');
    expectProblem(await lookUp({}), 400, ['nationalId']);
    expectProblem(await lookUp(), 400, ['nationalId']);
  });

  it('checks path and query parameters', async () => {
    expectProblem(await request(stack.http).get('/v1/renewals/42').set(citizen), 400, ['renewalId']);
    expectProblem(
      await request(stack.http)
        .get('/v1/carrier/envelopes/SOMETHING')
        .set(await authFor({ role: 'courier' })),
      400,
      ['barcode'],
    );
    const filters = await request(stack.http)
      .get('/v1/operator/renewals?stage=NOPE&stuckFor=P1M&slaBreached=maybe&limit=0&officeId=ruh')
      .set(operator);
    expectProblem(filters, 400, ['stage', 'officeId', 'slaBreached', 'stuckFor', 'limit']);
    expectProblem(await request(stack.http).get('/v1/operator/renewals/overdue?stage=SOON').set(operator), 400, [
      'stage',
    ]);
  });

  it('answers 413 for a body over the limit and 400 for malformed JSON', async () => {
    const oversized = await post('/v1/renewals', citizen).send({ officeId: 'RUH-01', padding: 'x'.repeat(70 * 1024) });
    expectProblem(oversized, 413, []);
    expect(oversized.body.type).toBe('urn:passport-renewal:problem:request-too-large');

    const malformed = await post('/v1/renewals', citizen).set('content-type', 'application/json').send('{"officeId": ');
    expectProblem(malformed, 400, []);
    expect(malformed.body.type).toBe('urn:passport-renewal:problem:malformed-json');
  });

  it('refuses an Idempotency-Key that is too long or not printable', async () => {
    for (const key of ['k'.repeat(256), 'two words']) {
      const response = await request(stack.http)
        .post('/v1/renewals')
        .set({ ...citizen, 'Idempotency-Key': key })
        .send({ officeId: 'RUH-01' });
      expectProblem(response, 400, ['Idempotency-Key']);
    }
  });

  it('answers an unknown route with a problem too', async () => {
    const response = await request(stack.http).get('/v1/nothing-here').set(citizen);
    expectProblem(response, 404, []);
  });
});
