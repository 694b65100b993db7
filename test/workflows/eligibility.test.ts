import type { CitizenFacts } from '../../workflows/contract';
import { bornYearsAgo, CITIZEN, FakePartners } from '../support/fake-partners';
import { RenewalDriver } from '../support/renewal-driver';

const passport = CITIZEN.currentPassport!;

describe('eligibility', () => {
  it.each<[string, CitizenFacts | undefined, string]>([
    ['a resident (not a citizen)', { ...CITIZEN, nationalId: '2012345670', isCitizen: false }, 'NOT_A_CITIZEN'],
    ['a travel ban', { ...CITIZEN, travelBan: true }, 'TRAVEL_BAN'],
    ['a passport reported lost', { ...CITIZEN, currentPassport: { ...passport, status: 'LOST' } }, 'PASSPORT_LOST'],
    ['a stolen passport', { ...CITIZEN, currentPassport: { ...passport, status: 'STOLEN' } }, 'PASSPORT_STOLEN'],
    [
      'a cancelled passport',
      { ...CITIZEN, currentPassport: { ...passport, status: 'CANCELLED' } },
      'PASSPORT_CANCELLED',
    ],
    ['unpaid traffic fines', { ...CITIZEN, unpaidFinesSar: 450 }, 'UNPAID_TRAFFIC_FINES'],
    ['no biometrics at 12 or older', { ...CITIZEN, biometricsOnRecord: false }, 'BIOMETRICS_MISSING'],
    ['no passport on record', { ...CITIZEN, currentPassport: undefined }, 'NO_PASSPORT_ON_RECORD'],
    ['an unknown person', undefined, 'CITIZEN_NOT_FOUND'],
  ])('rejects %s with a machine-readable reason, before anything is billed', async (_case, facts, reason) => {
    const nationalId = facts?.nationalId ?? '1000000008';
    const fake = new FakePartners(facts ? { [nationalId]: facts } : {});
    await RenewalDriver.run({ fake, nationalId }, async (renewal) => {
      expect(await renewal.handle.result()).toEqual({ stage: 'REJECTED', reason });
      expect(renewal.stagesVisited()).toEqual(['ELIGIBILITY_CHECK', 'REJECTED']);
      expect(fake.stages.at(-1)).toMatchObject({ stage: 'REJECTED', note: reason });
      expect(fake.callNames()).not.toContain('issueBill');
      expect(fake.noticeKinds()).toEqual(['REJECTED']);
    });
  });

  it('a child under 12 without biometrics is eligible', async () => {
    const child = { ...CITIZEN, nationalId: '1034567899', dateOfBirth: bornYearsAgo(8), biometricsOnRecord: false };
    const fake = new FakePartners({ [child.nationalId]: child });
    await RenewalDriver.run({ fake, nationalId: child.nationalId }, async (renewal) => {
      await renewal.waitForStage('AWAITING_ACCEPTANCE');
      await renewal.cancel('CITIZEN');
    });
  });
});
