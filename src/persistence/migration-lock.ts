import { type DataSource, MigrationExecutor } from 'typeorm';

/**
 * The advisory lock key of the product's migration history (PostgreSQL's advisory locks are per database, so two
 * databases on one server never wait for each other): the first migration's timestamp, so `pg_locks` says whose
 * it is. The sandboxes' history has a lock of its own (dev/sandboxes/database.ts): neither waits for the other.
 */
export const MIGRATION_LOCK_KEY = 1764300000000n;

/** How often a migrator that found the lock taken asks again. */
const RETRY_MS = 200;

/**
 * Runs the data source's pending migrations (each in its own transaction, unless a migration says otherwise)
 * while holding the history's advisory lock, so that replicas started together migrate one after the other:
 * the first applies what is pending, the others then find nothing to do.
 *
 * The lock is a session lock (a migration with `transaction = false`, 1764700000000, commits many
 * transactions) taken on the one connection every migration runs on: TypeORM's executor is handed our query
 * runner instead of taking one of its own, and the lock is released on that same connection.
 *
 * The waiting side polls with `pg_try_advisory_lock` rather than blocking in `pg_advisory_lock`: a blocked
 * statement holds a snapshot for as long as it waits, and `CREATE INDEX CONCURRENTLY` (1764700000000) waits for
 * every snapshot older than its own to go, so the holder would wait for the waiter, which waits for the holder.
 * Each try is a statement of its own that ends at once, leaving no snapshot behind.
 */
export async function runMigrationsLocked(dataSource: DataSource): Promise<void> {
  const key = MIGRATION_LOCK_KEY;
  const runner = dataSource.createQueryRunner('master');
  try {
    await runner.connect();
    while (!(await tryLock(runner, key))) await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    try {
      const executor = new MigrationExecutor(dataSource, runner);
      executor.transaction = 'each';
      await executor.executePendingMigrations();
    } finally {
      // A migration that failed inside its transaction leaves it rolled back by the executor; the unlock is
      // then a statement of its own. Should the connection be gone, so is the lock.
      await runner.query('SELECT pg_advisory_unlock($1)', [key.toString()]).catch(() => undefined);
    }
  } finally {
    await runner.release();
  }
}

async function tryLock(runner: { query(sql: string, parameters: unknown[]): Promise<unknown> }, key: bigint) {
  const [row] = (await runner.query('SELECT pg_try_advisory_lock($1) AS locked', [key.toString()])) as Array<{
    locked: boolean;
  }>;
  return row.locked;
}
