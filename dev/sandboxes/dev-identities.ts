import { nationalIdProblem } from '../../src/domain/national-id';
import { SEED_PEOPLE } from './seed-people';

/**
 * The seeded citizens a tester may sign in as on the development sign-in page
 * (residents are left out: a citizen's token needs a citizen's national ID).
 */
export function seededCitizenIdentities() {
  return SEED_PEOPLE.filter((person) => nationalIdProblem(person.nationalId) === undefined).map((person) => ({
    nationalId: person.nationalId,
    nameAr: person.nameAr,
    nameEn: person.nameEn,
    passportStatus: person.passports.at(-1)?.status ?? null,
    waselSubscribed: person.address !== undefined,
  }));
}
