import request from 'supertest';
import { DEFAULT_POLICY } from '../../src/config/policy';
import { seedCitizen } from '../support/citizens';
import { type Stack, startStack } from '../support/stack';
import { authFor } from '../support/tokens';
import { uniqueKey } from './support/fixtures';

/**
 * The review shows the terms the renewal's workflow applies: the policy it was
 * started with, kept in the read model, not whatever the configuration says now.
 */
describe('review terms after a configuration change', () => {
  const CHANGED = {
    POLICY_FEE_5_YEARS_SAR: '450',
    POLICY_POSTAGE_SAR: '40',
    POLICY_REQUIRED_PLEDGES: 'DATA_ACCURACY,OLD_PASSPORT_SURRENDER,LOSS_REPORTING,BIOMETRICS_CONSENT',
  };
  let stack: Stack | undefined;

  afterAll(async () => {
    await stack?.stop();
    for (const name of Object.keys(CHANGED)) delete process.env[name];
  });

  async function startRenewal(api: Stack) {
    const person = await seedCitizen(api.db);
    const citizen = await authFor({ role: 'citizen', nationalId: person.nationalId });
    const created = await request(api.http)
      .post('/v1/renewals')
      .set({ ...citizen, 'Idempotency-Key': uniqueKey() })
      .send({ officeId: 'RUH-01' })
      .expect(202);
    return { renewalId: created.body.renewalId as string, citizen };
  }

  const review = async (api: Stack, renewal: { renewalId: string; citizen: Record<string, string> }) => {
    const response = await request(api.http)
      .get(`/v1/renewals/${renewal.renewalId}/review`)
      .set(renewal.citizen)
      .expect(200);
    return { requiredPledgeIds: response.body.requiredPledgeIds, fees: response.body.fees };
  };

  it('keeps showing a renewal its own terms, and gives a renewal started after the change the new ones', async () => {
    stack = await startStack({ worker: false });
    const before = await startRenewal(stack);
    const originalTerms = { requiredPledgeIds: DEFAULT_POLICY.requiredPledgeIds, fees: DEFAULT_POLICY.fees };
    expect(await review(stack, before)).toEqual(originalTerms);
    await stack.stop();

    // The API restarts with a new fee, a new postage and a new required pledge for new renewals.
    Object.assign(process.env, CHANGED);
    stack = await startStack({ worker: false });
    expect(await review(stack, before)).toEqual(originalTerms);

    const after = await startRenewal(stack);
    expect(await review(stack, after)).toEqual({
      requiredPledgeIds: [...DEFAULT_POLICY.requiredPledgeIds, 'BIOMETRICS_CONSENT'],
      fees: { fiveYearsSar: 450, tenYearsSar: DEFAULT_POLICY.fees.tenYearsSar, postageSar: 40 },
    });
  });
});
