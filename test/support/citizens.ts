import { randomInt } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { withCheckDigit } from '../../src/domain/national-id';

export interface SeededCitizen {
  nationalId: string;
  passportNumber: string;
}

/**
 * Adds a fresh citizen with a valid passport to the registry sandbox, so each
 * test owns its person and no test's renewal changes another's data.
 */
export async function seedCitizen(
  db: DataSource,
  overrides: { travelBan?: boolean; passportStatus?: string } = {},
): Promise<SeededCitizen> {
  const nationalId = withCheckDigit(`1${String(randomInt(0, 100_000_000)).padStart(8, '0')}`);
  const passportNumber = `T${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;
  await db.query(
    `INSERT INTO sandbox_registry_people (national_id, name_ar, name_en, date_of_birth, nationality, mobile, travel_ban)
     VALUES ($1, 'مواطن تجريبي', 'TEST CITIZEN', '1990-01-01', 'SA', '+966500000000', $2)`,
    [nationalId, overrides.travelBan ?? false],
  );
  await db.query(
    `INSERT INTO sandbox_registry_passports (passport_number, national_id, status, issued_on, expires_on)
     VALUES ($1, $2, $3, '2020-01-01', '2026-12-31')`,
    [passportNumber, nationalId, overrides.passportStatus ?? 'VALID'],
  );
  return { nationalId, passportNumber };
}
