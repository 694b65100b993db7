import { randomInt } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { withCheckDigit } from '../../src/domain/national-id';

export interface SeededCitizen {
  nationalId: string;
  passportNumber: string;
  /** Unique to the citizen, so a test can read the SMS sent to them from the sandbox outbox. */
  mobile: string;
}

/**
 * Adds a fresh citizen with a valid passport to the registry sandbox, so each
 * test owns its person and no test's renewal changes another's data. With
 * `subscribedToWasel`, the citizen also has a national address for home delivery.
 */
export async function seedCitizen(
  db: DataSource,
  overrides: {
    travelBan?: boolean;
    passportStatus?: string;
    subscribedToWasel?: boolean;
    preferredLanguage?: 'ar' | 'en';
  } = {},
): Promise<SeededCitizen> {
  const nationalId = withCheckDigit(`1${String(randomInt(0, 100_000_000)).padStart(8, '0')}`);
  const passportNumber = `T${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;
  const mobile = `+9665${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;
  await db.query(
    `INSERT INTO sandbox.registry_people (national_id, name_ar, name_en, date_of_birth, nationality, mobile, travel_ban,
                                          preferred_language)
     VALUES ($1, 'مواطن تجريبي', 'TEST CITIZEN', '1990-01-01', 'SA', $2, $3, $4)`,
    [nationalId, mobile, overrides.travelBan ?? false, overrides.preferredLanguage ?? 'ar'],
  );
  if (overrides.subscribedToWasel) {
    await db.query(
      `INSERT INTO sandbox.wasel_subscriptions (national_id, building_number, street, district, city, postal_code,
                                                additional_number, short_address)
       VALUES ($1, '8228', 'King Fahd Road', 'Al Olaya', 'Riyadh', '12214', '3890', 'RRRD2929')`,
      [nationalId],
    );
  }
  await db.query(
    `INSERT INTO sandbox.registry_passports (passport_number, national_id, status, issued_on, expires_on)
     VALUES ($1, $2, $3, '2020-01-01', '2026-12-31')`,
    [passportNumber, nationalId, overrides.passportStatus ?? 'VALID'],
  );
  return { nationalId, passportNumber, mobile };
}
