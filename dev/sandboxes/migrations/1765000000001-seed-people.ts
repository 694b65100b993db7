import { MigrationInterface, QueryRunner } from 'typeorm';
import { SEED_PEOPLE } from '../seed-people';
import { seedPeople } from '../seeding';

/**
 * The seeded people of dev/sandboxes/seed-people.ts (README, demo, tests) in the
 * registry and Wasel sandboxes, through the one seeding function the chaos run
 * also uses for its own citizens. A database migrated before a person was added
 * to the file does not get them: reset the data folder, as with any seed. Tables
 * adopted from the product's old history (see 1765000000000) hold them already.
 */
export class SeedPeople1765000000001 implements MigrationInterface {
  name = 'SeedPeople1765000000001';

  async up(db: QueryRunner): Promise<void> {
    const [seeded] = await db.query(`SELECT count(*)::int AS n FROM sandbox.registry_people`);
    if (seeded.n > 0) return;
    await seedPeople(db, SEED_PEOPLE);
  }

  async down(db: QueryRunner): Promise<void> {
    const ids = SEED_PEOPLE.map((person) => person.nationalId);
    await db.query(`DELETE FROM sandbox.wasel_subscriptions WHERE national_id = ANY($1)`, [ids]);
    await db.query(`DELETE FROM sandbox.registry_passports WHERE national_id = ANY($1)`, [ids]);
    await db.query(`DELETE FROM sandbox.registry_people WHERE national_id = ANY($1)`, [ids]);
  }
}
