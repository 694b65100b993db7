import type { QueryRunner } from 'typeorm';

/**
 * The steps of a migration that runs on a large live table outside one transaction (`transaction = false`):
 * each can run again, so a run that stopped half way is simply run again.
 */

/** CREATE INDEX CONCURRENTLY (no write lock), again if a failed run left it invalid; nothing if it is there and valid. */
export async function createIndexConcurrently(
  db: QueryRunner,
  name: string,
  definition: string,
  { unique = false } = {},
): Promise<void> {
  const [existing]: Array<{ valid: boolean }> = await db.query(
    `SELECT i.indisvalid AS valid FROM pg_class c JOIN pg_index i ON i.indexrelid = c.oid
      WHERE c.relname = $1 AND c.relnamespace = current_schema()::regnamespace`,
    [name],
  );
  if (existing?.valid) return;
  if (existing) await db.query(`DROP INDEX CONCURRENTLY ${name}`);
  await db.query(`CREATE ${unique ? 'UNIQUE ' : ''}INDEX CONCURRENTLY ${name} ON ${definition}`);
}

export async function hasColumn(db: QueryRunner, table: string, column: string): Promise<boolean> {
  const rows: unknown[] = await db.query(
    `SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 AND column_name = $2`,
    [table, column],
  );
  return rows.length > 0;
}

export async function inTransaction<T>(db: QueryRunner, work: () => Promise<T>): Promise<T> {
  await db.startTransaction();
  try {
    const result = await work();
    await db.commitTransaction();
    return result;
  } catch (error) {
    await db.rollbackTransaction();
    throw error;
  }
}
