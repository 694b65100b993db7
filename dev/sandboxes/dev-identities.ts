import { nationalIdProblem } from '../../src/domain/national-id';
import { SEED_PEOPLE } from './seed-people';
import { queryRow, type Queryable } from './sql';

/**
 * The seeded citizens the sandbox identity provider's sign-in page lists
 * (residents are left out: only a citizen's national ID signs in as a citizen).
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

/**
 * A citizen's names as the registry sandbox holds them (any citizen it holds: the tests and the chaos run seed
 * their own), straight from its table: the identity provider names a person in their ID token, and the registry's
 * injected faults are for the renewal's calls, not for that.
 */
export function registryNames(db: Queryable) {
  return async (nationalId: string) => {
    const row = await queryRow<{ name_en: string; name_ar: string }>(
      db,
      'SELECT name_en, name_ar FROM sandbox.registry_people WHERE national_id = $1',
      [nationalId],
    );
    return row && { nameEn: row.name_en, nameAr: row.name_ar };
  };
}
