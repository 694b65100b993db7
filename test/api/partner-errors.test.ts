import request from 'supertest';
import { StubPartner } from '../support/stub-partner';
import { type Stack, startStack } from '../support/stack';
import { authFor } from '../support/tokens';
import { freshNationalId } from '../support/fixtures';
import { seedRenewal } from './support/fixtures';

/**
 * The review reads the civil registry through its port. When the registry
 * (here a real HTTP partner that answers what the test scripts) fails, the
 * client gets a problem naming the partner's fault: 503 to retry, 502 for a
 * refusal, never a 500 and never a Temporal failure type.
 */
describe('partner failures seen by the API', () => {
  let stack: Stack;
  let registry: StubPartner;

  beforeAll(async () => {
    registry = await StubPartner.start();
    stack = await startStack({
      worker: false,
      env: { INTEGRATION_CIVIL_REGISTRY_MODE: 'http', INTEGRATION_CIVIL_REGISTRY_BASE_URL: registry.url },
    });
  });

  afterAll(async () => {
    await stack?.stop();
    await registry?.close();
  });

  async function review() {
    const nationalId = freshNationalId();
    const renewalId = await seedRenewal(stack.db, { nationalId });
    const citizen = await authFor({ role: 'citizen', nationalId: nationalId });
    return { nationalId, response: await request(stack.http).get(`/v1/renewals/${renewalId}/review`).set(citizen) };
  }

  it('answers 503 partner-unavailable when the registry is down', async () => {
    registry.answer = { status: 503, body: { code: 'Busy' } };
    const { nationalId, response } = await review();
    expect(response.status).toBe(503);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({
      type: 'urn:passport-renewal:problem:partner-unavailable',
      status: 503,
      detail: 'civil-registry did not answer; retry later',
    });
    expect(JSON.stringify(response.body)).not.toContain(nationalId);
  });

  it('answers 502 partner-failed with the refusal type when the registry refuses', async () => {
    registry.answer = { status: 403, body: { code: 'CallerNotAllowed', detail: 'not for you' } };
    const { response } = await review();
    expect(response.status).toBe(502);
    expect(response.body).toMatchObject({
      type: 'urn:passport-renewal:problem:partner-failed',
      status: 502,
      reason: 'CallerNotAllowed',
    });
  });

  it('answers 502 MalformedPartnerData when the registry sends an unusable document', async () => {
    registry.answer = { status: 200, body: 'not json' };
    const { response } = await review();
    expect(response.status).toBe(502);
    expect(response.body).toMatchObject({
      type: 'urn:passport-renewal:problem:partner-failed',
      reason: 'MalformedPartnerData',
    });
  });
});
