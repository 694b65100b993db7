import type { DataSource } from 'typeorm';
import { SEED_PEOPLE } from '../../../dev/sandboxes/seed-people';
import { openDataSource } from '../../../src/persistence/data-source';

/** The sandbox migration wrote the seed into the sandboxes' own tables. */
describe('sandbox seed in PostgreSQL', () => {
  let db: DataSource;

  beforeAll(async () => {
    db = await openDataSource(process.env.DATABASE_URL!);
  });

  afterAll(() => db.destroy());

  it('has every seeded person, passport and Wasel subscription', async () => {
    const ids = SEED_PEOPLE.map((person) => person.nationalId);
    const count = async (table: string) => {
      const [row] = await db.query(`SELECT count(*)::int AS n FROM ${table} WHERE national_id = ANY($1)`, [ids]);
      return row.n;
    };
    expect(await count('sandbox.registry_people')).toBe(SEED_PEOPLE.length);
    expect(await count('sandbox.registry_passports')).toBeGreaterThanOrEqual(
      SEED_PEOPLE.reduce((total, person) => total + person.passports.length, 0),
    );
    expect(await count('sandbox.wasel_subscriptions')).toBe(SEED_PEOPLE.filter((person) => person.address).length);
    const [readme] = await db.query(
      `SELECT national_id FROM sandbox.registry_passports WHERE passport_number = 'N1234567'`,
    );
    expect(readme).toEqual({ national_id: '1058529940' });
    const english: { national_id: string }[] = await db.query(
      `SELECT national_id FROM sandbox.registry_people WHERE national_id = ANY($1) AND preferred_language = 'en'`,
      [ids],
    );
    expect(english.map((row) => row.national_id).sort()).toEqual(
      SEED_PEOPLE.filter((person) => person.preferredLanguage === 'en')
        .map((person) => person.nationalId)
        .sort(),
    );
    expect(english.length).toBeGreaterThan(0);
  });
});
