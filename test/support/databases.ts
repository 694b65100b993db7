import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { runSandboxMigrations } from '../../dev/sandboxes/database';
import { openDataSource, runMigrations } from '../../src/persistence/data-source';
import { requireEnv } from './temporal-test-env';

/** Creates an empty database next to the suite's, returning its URL. */
export async function createEmptyDatabase(suiteUrl: string, name: string): Promise<string> {
  const admin = await openDataSource(suiteUrl);
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.destroy();
  }
  const url = new URL(suiteUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * A database of its own next to the suite's, empty (no migration has run), for a test whose work reaches every
 * row of a table (a key rotation, a migration), so no other test file's rows are touched. Returns its URL.
 */
export async function emptyDatabase(prefix: string): Promise<string> {
  return createEmptyDatabase(requireEnv('DATABASE_URL'), `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 12)}`);
}

/** Creates a database next to the suite's and migrates it (the product's schema and the sandboxes'), returning its URL. */
export async function createDatabase(suiteUrl: string, name: string): Promise<string> {
  const url = await createEmptyDatabase(suiteUrl, name);
  await runMigrations(url);
  await runSandboxMigrations(url);
  return url;
}

/** Every table of a database outside PostgreSQL's own schemas, as `schema.table`, in order. */
export async function tablesOf(db: DataSource): Promise<string[]> {
  const rows: { name: string }[] = await db.query(
    `SELECT table_schema || '.' || table_name AS name FROM information_schema.tables
      WHERE table_schema NOT IN ('pg_catalog', 'information_schema')`,
  );
  return rows.map((row) => row.name).sort();
}
