import { MigrationInterface, QueryRunner } from 'typeorm';
import { SEED_PEOPLE } from '../../../dev/sandboxes/seed-people';

/**
 * The registry sandbox records the language each person is written to in:
 * Arabic, unless they asked for English (as some seed people have).
 */
export class SandboxPreferredLanguage1764640000000 implements MigrationInterface {
  name = 'SandboxPreferredLanguage1764640000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `ALTER TABLE sandbox_registry_people ADD COLUMN preferred_language text NOT NULL DEFAULT 'ar'
         CHECK (preferred_language IN ('ar', 'en'))`,
    );
    const english = SEED_PEOPLE.filter((person) => person.preferredLanguage === 'en').map((p) => p.nationalId);
    await db.query(`UPDATE sandbox_registry_people SET preferred_language = 'en' WHERE national_id = ANY($1)`, [
      english,
    ]);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE sandbox_registry_people DROP COLUMN preferred_language`);
  }
}
