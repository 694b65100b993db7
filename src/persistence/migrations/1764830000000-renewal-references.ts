import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createIndexConcurrently, inTransaction } from './online-ddl';

/** Rows one backfill transaction numbers: each batch commits on its own, so no lock is held for long. */
const BATCH = 1000;

/**
 * Each renewal draws a short reference number from a sequence (`reference_number`, unique), which the API shows
 * as `PR-7K3M-9QX2` (src/domain/renewal-reference.ts); existing rows are numbered in batches.
 *
 * Built for a large live table, as 1764700000000: outside one transaction, the column first (nullable: a catalog
 * change), its default next (new rows draw a number whichever version inserts them, so the previous version may
 * keep serving), the backfill in keyset batches of 1,000 each its own short transaction, the unique index
 * CONCURRENTLY (no write lock; an invalid one left by a failed run is rebuilt), and NOT NULL from a validated
 * check, so that it takes no scan under its lock. Every step can run again.
 */
export class RenewalReferences1764830000000 implements MigrationInterface {
  name = 'RenewalReferences1764830000000';
  transaction = false;

  async up(db: QueryRunner): Promise<void> {
    // 35 bits: what seven base-32 symbols hold.
    await db.query(`CREATE SEQUENCE IF NOT EXISTS renewals_reference_number_seq AS bigint MAXVALUE 34359738367`);
    await db.query(`ALTER TABLE renewals ADD COLUMN IF NOT EXISTS reference_number bigint`);
    // From here every new row draws its number, whichever version inserts it; the backfill numbers the rest.
    await db.query(
      `ALTER TABLE renewals ALTER COLUMN reference_number SET DEFAULT nextval('renewals_reference_number_seq')`,
    );
    await db.query(`ALTER SEQUENCE renewals_reference_number_seq OWNED BY renewals.reference_number`);
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const done = await inTransaction(db, async () => {
        const rows: Array<{ renewal_id: string }> = await db.query(
          `SELECT renewal_id FROM renewals WHERE renewal_id > $1 ORDER BY renewal_id LIMIT $2`,
          [after, BATCH],
        );
        if (!rows.length) return true;
        await db.query(
          `UPDATE renewals SET reference_number = nextval('renewals_reference_number_seq')
            WHERE renewal_id = ANY($1::uuid[]) AND reference_number IS NULL`,
          [rows.map((row) => row.renewal_id)],
        );
        after = rows[rows.length - 1].renewal_id;
        return rows.length < BATCH;
      });
      if (done) break;
    }
    await createIndexConcurrently(db, 'renewals_reference_number_key', 'renewals (reference_number)', {
      unique: true,
    });
    // SET NOT NULL would scan the table under an exclusive lock; a validated check lets it skip the scan, and
    // VALIDATE takes a lock that lets reads and writes go on.
    const [notNull]: Array<{ nullable: string }> = await db.query(
      `SELECT is_nullable AS nullable FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name = 'renewals' AND column_name = 'reference_number'`,
    );
    if (notNull.nullable === 'YES') {
      await db.query(`ALTER TABLE renewals DROP CONSTRAINT IF EXISTS renewals_reference_number_not_null`);
      await db.query(
        `ALTER TABLE renewals ADD CONSTRAINT renewals_reference_number_not_null CHECK (reference_number IS NOT NULL) NOT VALID`,
      );
      await db.query(`ALTER TABLE renewals VALIDATE CONSTRAINT renewals_reference_number_not_null`);
      await db.query(`ALTER TABLE renewals ALTER COLUMN reference_number SET NOT NULL`);
      await db.query(`ALTER TABLE renewals DROP CONSTRAINT renewals_reference_number_not_null`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX IF EXISTS renewals_reference_number_key`);
    await db.query(`ALTER TABLE renewals DROP COLUMN IF EXISTS reference_number`);
    await db.query(`DROP SEQUENCE IF EXISTS renewals_reference_number_seq`);
  }
}
