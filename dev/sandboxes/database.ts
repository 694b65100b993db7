import { DataSource } from 'typeorm';
import { SandboxTables1765000000000 } from './migrations/1765000000000-sandbox-tables';
import { SeedPeople1765000000001 } from './migrations/1765000000001-seed-people';

/**
 * The sandboxes' data: a PostgreSQL schema of their own in the database they
 * are given (the product's, in development), with its own migration history
 * (`sandbox.migrations`) and its own pool. The product's migrations and pools
 * know nothing of it; the sandboxes' SQL names every table with its schema.
 */
export const SANDBOX_SCHEMA = 'sandbox';

const MIGRATIONS = [SandboxTables1765000000000, SeedPeople1765000000001];

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

/** Creates the sandbox schema if need be and applies its pending migrations; run by whatever starts the sandboxes. */
export async function runSandboxMigrations(url: string): Promise<void> {
  const dataSource = await sandboxDataSource(url, 1).initialize();
  try {
    await dataSource.query(`CREATE SCHEMA IF NOT EXISTS ${SANDBOX_SCHEMA}`);
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
}
