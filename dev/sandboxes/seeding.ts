import type { SeedPerson } from './seed-people';
import type { Queryable } from './sql';

/**
 * Writes people into the sandboxes' tables: the civil registry's record and
 * passports and, for those subscribed, their Wasel national address. The
 * sandbox migration seeds `SEED_PEOPLE` through it
 * (dev/sandboxes/migrations/1765000000001-seed-people.ts); a harness that needs
 * more people of its own (the chaos run's citizens) adds them the same way,
 * never to the default seed. Photo references are numbered from `firstPhotoNumber`.
 */
export async function seedPeople(db: Queryable, people: readonly SeedPerson[], firstPhotoNumber = 1): Promise<void> {
  for (const [index, person] of people.entries()) {
    await db.query(
      `INSERT INTO sandbox.registry_people (national_id, name_ar, name_en, date_of_birth, nationality, mobile,
                                            photo_ref, travel_ban, unpaid_fines_sar, biometrics_on_record,
                                            preferred_language)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        person.nationalId,
        person.nameAr,
        person.nameEn,
        person.dateOfBirth,
        person.nationality,
        person.mobile,
        `NICPH-${String(firstPhotoNumber + index).padStart(6, '0')}`,
        person.travelBan ?? false,
        person.unpaidFinesSar ?? 0,
        person.biometricsOnRecord ?? true,
        person.preferredLanguage ?? 'ar',
      ],
    );
    for (const passport of person.passports) {
      await db.query(
        `INSERT INTO sandbox.registry_passports (passport_number, national_id, status, issued_on, expires_on,
                                                 status_reason)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [
          passport.passportNumber,
          person.nationalId,
          passport.status,
          passport.issuedOn,
          passport.expiresOn,
          passport.statusReason ?? null,
        ],
      );
    }
    const address = person.address;
    if (address) {
      await db.query(
        `INSERT INTO sandbox.wasel_subscriptions (national_id, building_number, street, district, city, postal_code,
                                                  additional_number, unit_number, short_address, subscribed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, '2024-01-01T09:00:00+03:00')`,
        [
          person.nationalId,
          address.buildingNumber,
          address.street,
          address.district,
          address.city,
          address.postalCode,
          address.additionalNumber,
          address.unitNumber ?? null,
          address.shortAddress ?? null,
        ],
      );
    }
  }
}
