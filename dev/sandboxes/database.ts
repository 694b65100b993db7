import { DataSource, MigrationExecutor } from 'typeorm';
import { SandboxTables1765000000000 } from './migrations/1765000000000-sandbox-tables';
import { SeedPeople1765000000001 } from './migrations/1765000000001-seed-people';
import { FaultOverrides1765000000002 } from './migrations/1765000000002-fault-overrides';

/**
 * The sandboxes' data: a PostgreSQL schema of their own in the database they
 * are given (the product's, in development), with its own migration history
 * (`sandbox.migrations`) and its own pool. The product's migrations and pools
 * know nothing of it; the sandboxes' SQL names every table with its schema.
 */
export const SANDBOX_SCHEMA = 'sandbox';

const MIGRATIONS = [SandboxTables1765000000000, SeedPeople1765000000001, FaultOverrides1765000000002];

function sandboxDataSource(url: string, poolSize: number): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    // Tells the sandboxes' sessions apart from the product's in pg_stat_activity.
    applicationName: 'sandboxes',
    // Where TypeORM keeps this history's migrations table.
    schema: SANDBOX_SCHEMA,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false,
    // A name the sandboxes left unqualified finds their own table, never the product's of the same name.
    extra: { max: poolSize, options: `-c search_path=${SANDBOX_SCHEMA}` },
  });
}

/** The sandboxes' pool (SANDBOX_DATABASE_POOL_SIZE): the six sandboxes, their runner and their HTTP server share it. */
export async function openSandboxDataSource(url: string, poolSize = 10): Promise<DataSource> {
  return sandboxDataSource(url, poolSize).initialize();
}

/**
 * The advisory lock of the sandboxes' migration history: sandboxes started together (the cluster's, a test's)
 * migrate one after the other. The product's history has a lock of its own (src/persistence/migration-lock.ts,
 * which the simulator may not import; this is the same discipline), so neither waits for the other.
 */
export const SANDBOX_MIGRATION_LOCK_KEY = 1765000000000n;

/**
 * Creates the sandbox schema if need be and applies its pending migrations while holding the lock, on the one
 * session that holds it; run by whatever starts the sandboxes. A waiting start asks again every 200 ms rather
 * than blocking in `pg_advisory_lock`, whose waiting statement would keep a snapshot open that the product's
 * `CREATE INDEX CONCURRENTLY`, in the same database, waits for. The schema is created only when absent:
 * `CREATE SCHEMA IF NOT EXISTS` asks for the right to create schemas first, which the sandboxes' role, owner of a
 * schema made for it (dev/infra/database-roles.ts), does not have.
 */
export async function runSandboxMigrations(url: string): Promise<void> {
  const dataSource = await sandboxDataSource(url, 1).initialize();
  const session = dataSource.createQueryRunner('master');
  const key = SANDBOX_MIGRATION_LOCK_KEY.toString();
  try {
    for (;;) {
      const [{ locked }] = await session.query('SELECT pg_try_advisory_lock($1) AS locked', [key]);
      if (locked) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    try {
      const [present] = await session.query(`SELECT 1 FROM pg_namespace WHERE nspname = $1`, [SANDBOX_SCHEMA]);
      if (!present) await session.query(`CREATE SCHEMA ${SANDBOX_SCHEMA}`);
      const executor = new MigrationExecutor(dataSource, session);
      executor.transaction = 'each';
      await executor.executePendingMigrations();
    } finally {
      await session.query('SELECT pg_advisory_unlock($1)', [key]).catch(() => undefined);
    }
  } finally {
    await session.release();
    await dataSource.destroy();
  }
}
