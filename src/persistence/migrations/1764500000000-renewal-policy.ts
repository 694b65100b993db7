import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The read model keeps the policy each renewal was started with, so the review
 * shows the fees and pledges that renewal's workflow applies, not whatever the
 * configuration says today, and still does after the workflow is archived.
 * Renewals created before this column have none (null).
 */
export class RenewalPolicy1764500000000 implements MigrationInterface {
  name = 'RenewalPolicy1764500000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE renewals ADD COLUMN policy jsonb`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE renewals DROP COLUMN policy`);
  }
}
