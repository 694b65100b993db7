import { isMobile } from '../../../src/domain/mobile';
import { nationalAddressProblems } from '../../../src/domain/national-address';
import { hasValidLuhnCheckDigit } from '../../../src/domain/national-id';
import { isPassportNumber } from '../../../src/domain/passport-number';
import { SEED_PEOPLE, SEEDED } from '../../../dev/sandboxes/seed-people';

const TODAY = new Date('2026-11-28T00:00:00Z');

function ageOn(dateOfBirth: string, day: Date): number {
  const born = new Date(`${dateOfBirth}T00:00:00Z`);
  const birthdayPassed =
    day.getUTCMonth() > born.getUTCMonth() ||
    (day.getUTCMonth() === born.getUTCMonth() && day.getUTCDate() >= born.getUTCDate());
  return day.getUTCFullYear() - born.getUTCFullYear() - (birthdayPassed ? 0 : 1);
}

/** The sandbox seed is realistic: valid identifiers everywhere, and every case a renewal must handle. */
describe('sandbox seed', () => {
  const byId = new Map(SEED_PEOPLE.map((person) => [person.nationalId, person]));

  it('holds about 25 people with valid, unique identifiers and E.164 mobiles', () => {
    expect(SEED_PEOPLE.length).toBeGreaterThanOrEqual(25);
    expect(byId.size).toBe(SEED_PEOPLE.length);
    for (const person of SEED_PEOPLE) {
      expect(person.nationalId).toMatch(/^[12]\d{9}$/);
      expect(hasValidLuhnCheckDigit(person.nationalId)).toBe(true);
      expect(isMobile(person.mobile)).toBe(true);
      expect(person.nameAr).toMatch(/\p{Script=Arabic}/u);
      expect(person.nameEn).toMatch(/^[A-Z ]+$/);
    }
    const passports = SEED_PEOPLE.flatMap((person) => person.passports.map((p) => p.passportNumber));
    expect(passports.every(isPassportNumber)).toBe(true);
    expect(new Set(passports).size).toBe(passports.length);
  });

  it('keeps the documented people: 1058529940 with N1234567 valid and a Wasel address, and 1000000008', () => {
    expect(byId.get('1058529940')).toMatchObject({
      passports: expect.arrayContaining([expect.objectContaining({ passportNumber: 'N1234567', status: 'VALID' })]),
      address: expect.objectContaining({ shortAddress: 'RRRD2929' }),
    });
    expect(byId.has('1000000008')).toBe(true);
    expect(SEED_PEOPLE.filter((person) => person.nationality !== 'SA').map((p) => p.nationalId)).toEqual([
      SEEDED.resident,
    ]);
    expect(SEEDED.resident.startsWith('2')).toBe(true);
  });

  it('covers every passport status, travel bans, fines, minors and people without Wasel', () => {
    const statuses = new Set(SEED_PEOPLE.flatMap((person) => person.passports.map((p) => p.status)));
    for (const status of ['VALID', 'EXPIRED', 'LOST', 'STOLEN', 'CANCELLED'] as const)
      expect(statuses).toContain(status);
    expect(SEED_PEOPLE.some((person) => person.travelBan)).toBe(true);
    expect(SEED_PEOPLE.some((person) => (person.unpaidFinesSar ?? 0) > 0)).toBe(true);
    const children = SEED_PEOPLE.filter((person) => ageOn(person.dateOfBirth, TODAY) < 12);
    expect(children.length).toBeGreaterThan(0);
    expect(children.every((child) => child.biometricsOnRecord === false)).toBe(true);
    const young = SEED_PEOPLE.filter(
      (person) => ageOn(person.dateOfBirth, TODAY) >= 12 && ageOn(person.dateOfBirth, TODAY) <= 20,
    );
    expect(young.length).toBeGreaterThanOrEqual(2);
    expect(SEED_PEOPLE.filter((person) => !person.address).length).toBeGreaterThan(2);
  });

  it('holds national addresses in the real format, but one on purpose', () => {
    const withAddress = SEED_PEOPLE.filter((person) => person.address);
    const malformed = withAddress.filter((person) => nationalAddressProblems(person.address).length > 0);
    expect(malformed.map((person) => person.nationalId)).toEqual([SEEDED.malformedAddress]);
    expect(withAddress.every((person) => person.address?.shortAddress?.match(/^[A-Z]{4}\d{4}$/))).toBe(true);
  });
});
