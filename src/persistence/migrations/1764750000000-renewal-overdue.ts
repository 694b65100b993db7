import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every stage on its own clock: a renewal whose current stage is past its
 * deadline, with operators alerted, is marked overdue until its stage changes,
 * so the operator's desk and the citizen's status read it from the read model.
 */
export class RenewalOverdue1764750000000 implements MigrationInterface {
  name = 'RenewalOverdue1764750000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE renewals ADD COLUMN overdue boolean NOT NULL DEFAULT false`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE renewals DROP COLUMN overdue`);
  }
}
