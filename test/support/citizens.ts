import { randomInt } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { freshNationalId, OLAYA_ADDRESS, TEST_CITIZEN } from './fixtures';

export interface SeededCitizen {
  nationalId: string;
  passportNumber: string;
  /** Unique to the citizen, so a test can read the SMS sent to them from the sandbox outbox. */
  mobile: string;
}

/**
 * Adds a fresh citizen with a valid passport to the registry sandbox, so each
 * test owns its person and no test's renewal changes another's data. With
 * `subscribedToWasel`, the citizen also has a national address for home delivery (OLAYA_ADDRESS).
 */
export async function seedCitizen(
  db: DataSource,
  overrides: {
    travelBan?: boolean;
    passportStatus?: string;
    subscribedToWasel?: boolean;
    preferredLanguage?: 'ar' | 'en';
    /** A national ID chosen beforehand (an identity provider outside the suite already knows the person). */
    nationalId?: string;
  } = {},
): Promise<SeededCitizen> {
  const nationalId = overrides.nationalId ?? freshNationalId();
  const passportNumber = `T${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;
  const mobile = `+9665${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;
  await db.query(
    `INSERT INTO sandbox.registry_people (national_id, name_ar, name_en, date_of_birth, nationality, mobile, travel_ban,
                                          preferred_language)
     VALUES ($1, $2, $3, $4, 'SA', $5, $6, $7)`,
    [
      nationalId,
      TEST_CITIZEN.nameAr,
      TEST_CITIZEN.nameEn,
      TEST_CITIZEN.dateOfBirth,
      mobile,
      overrides.travelBan ?? false,
      overrides.preferredLanguage ?? 'ar',
    ],
  );
  if (overrides.subscribedToWasel) {
    const address = OLAYA_ADDRESS;
    await db.query(
      `INSERT INTO sandbox.wasel_subscriptions (national_id, building_number, street, district, city, postal_code,
                                                additional_number, short_address)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        nationalId,
        address.buildingNumber,
        address.street,
        address.district,
        address.city,
        address.postalCode,
        address.additionalNumber,
        address.shortAddress,
      ],
    );
  }
  await db.query(
    `INSERT INTO sandbox.registry_passports (passport_number, national_id, status, issued_on, expires_on)
     VALUES ($1, $2, $3, '2020-01-01', '2026-12-31')`,
    [passportNumber, nationalId, overrides.passportStatus ?? 'VALID'],
  );
  return { nationalId, passportNumber, mobile };
}
