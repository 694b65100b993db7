import type { DataSource } from 'typeorm';
import { withCheckDigit } from '../../../src/domain/national-id';

export interface BenchCitizen {
  nationalId: string;
  passportNumber: string;
}

export interface CitizenOptions {
  /** A Wasel national address on file, for home delivery. */
  subscribedToWasel?: boolean;
  travelBan?: boolean;
}

/** Rows per INSERT: well under PostgreSQL's parameter limit, large enough to seed 10,000 people in seconds. */
const CHUNK = 5_000;

/**
 * Bench citizens, minted deterministically (national IDs `19` + a 7-digit
 * serial + the Luhn digit, passports `B` + 8 digits) and written straight into
 * the registry sandbox's tables of the stack under test. They exist only in the
 * bench's own database; the product's seed people are left alone.
 */
export class Citizens {
  private next = 0;

  constructor(private readonly db: DataSource) {}

  /** `count` citizens nobody has used in this run, each with a valid passport. */
  async take(count: number, options: CitizenOptions = {}): Promise<BenchCitizen[]> {
    const citizens = Array.from({ length: count }, (_, i) => citizenNumber(this.next + i));
    this.next += count;
    for (let start = 0; start < citizens.length; start += CHUNK) {
      await this.insert(citizens.slice(start, start + CHUNK), options);
    }
    return citizens;
  }

  private async insert(citizens: BenchCitizen[], options: CitizenOptions): Promise<void> {
    const ids = citizens.map((c) => c.nationalId);
    const mobiles = citizens.map((c) => `+9665${c.nationalId.slice(2, 10)}`);
    await this.db.query(
      `INSERT INTO sandbox.registry_people (national_id, name_ar, name_en, date_of_birth, nationality, mobile, travel_ban)
       SELECT id, 'مواطن المقارنة', 'BENCH CITIZEN', '1985-03-01', 'SA', mobile, $3
         FROM unnest($1::text[], $2::text[]) AS t(id, mobile)`,
      [ids, mobiles, options.travelBan ?? false],
    );
    await this.db.query(
      `INSERT INTO sandbox.registry_passports (passport_number, national_id, status, issued_on, expires_on)
       SELECT passport, id, 'VALID', '2021-01-01', '2030-12-31' FROM unnest($1::text[], $2::text[]) AS t(id, passport)`,
      [ids, citizens.map((c) => c.passportNumber)],
    );
    if (options.subscribedToWasel) {
      await this.db.query(
        `INSERT INTO sandbox.wasel_subscriptions (national_id, building_number, street, district, city, postal_code,
                                                  additional_number, short_address)
         SELECT id, '8228', 'King Fahd Road', 'Al Olaya', 'Riyadh', '12214', '3890', 'RRRD2929'
           FROM unnest($1::text[]) AS t(id)`,
        [ids],
      );
    }
  }
}

export function citizenNumber(serial: number): BenchCitizen {
  return {
    nationalId: withCheckDigit(`19${String(serial).padStart(7, '0')}`),
    passportNumber: `B${String(serial).padStart(8, '0')}`,
  };
}
