import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The faults set at run time (`npm run sandbox -- fault …`, PUT /sandbox/faults/<system>), one row per system
 * whose faults differ from what the sandboxes were started with. Every process that runs sandboxes on this
 * database reads them (dev/sandboxes/fault-control.ts), so a fault set once reaches the API's and the worker's.
 */
export class FaultOverrides1765000000002 implements MigrationInterface {
  name = 'FaultOverrides1765000000002';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE sandbox.fault_overrides (
        system text PRIMARY KEY,
        faults jsonb NOT NULL,
        set_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE sandbox.fault_overrides`);
  }
}
