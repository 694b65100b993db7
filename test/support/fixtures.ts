import { randomInt } from 'node:crypto';
import { SEED_PEOPLE, SEEDED, type SeedPassport, type SeedPerson } from '../../dev/sandboxes/seed-people';
import { withCheckDigit } from '../../src/domain/national-id';

/**
 * The people and values tests share, defined once. The seeded people are the sandboxes' own
 * (dev/sandboxes/seed-people.ts: what `npm start` and the suite's database begin with); the rest is the tests'.
 */

/** A person the sandboxes are seeded with. */
export function seedPerson(nationalId: string): SeedPerson {
  const person = SEED_PEOPLE.find((candidate) => candidate.nationalId === nationalId);
  if (!person) throw new Error(`no seeded person has the national ID ${nationalId}`);
  return person;
}

/** The citizen the README names: valid passport N1234567, subscribed to Wasel at OLAYA_ADDRESS. */
export const SEEDED_CITIZEN = seedPerson(SEEDED.validPassport);

/** SEEDED_CITIZEN's national address, as Wasel holds it (King Fahd Road, Al Olaya, Riyadh). */
export const OLAYA_ADDRESS = SEEDED_CITIZEN.address!;

/** A valid national ID that no seeded person has. */
export const UNKNOWN_ID = withCheckDigit('199999998');

/** A national ID no other test uses (valid check digit, starts with 1). */
export function freshNationalId(): string {
  return withCheckDigit(`1${String(randomInt(0, 100_000_000)).padStart(8, '0')}`);
}

/** Who `seedCitizen` (citizens.ts) adds to the registry sandbox for each test, under a fresh national ID. */
export const TEST_CITIZEN = { nameAr: 'مواطن تجريبي', nameEn: 'TEST CITIZEN', dateOfBirth: '1990-01-01' } as const;

/** The person's valid passport, the one a clerk is shown at the counter. */
export function validPassportOf(person: SeedPerson): SeedPassport {
  const valid = person.passports.find((passport) => passport.status === 'VALID');
  if (!valid) throw new Error(`${person.nationalId} has no valid passport`);
  return valid;
}
