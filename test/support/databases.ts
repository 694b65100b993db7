import { randomUUID } from 'node:crypto';
import { openDataSource } from '../../src/persistence/data-source';
import { requireEnv } from './temporal-test-env';

/**
 * A database of its own next to the suite's, empty (no migration has run), for a test whose work reaches every
 * row of a table (a key rotation, a migration), so no other test file's rows are touched. Returns its URL.
 */
export async function emptyDatabase(prefix: string): Promise<string> {
  const name = `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = await openDataSource(requireEnv('DATABASE_URL'));
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.destroy();
  }
  const url = new URL(requireEnv('DATABASE_URL'));
  url.pathname = `/${name}`;
  return url.toString();
}
