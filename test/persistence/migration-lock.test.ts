import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { runSandboxMigrations } from '../../dev/sandboxes/database';
import { migrations, runMigrations } from '../../src/persistence/data-source';
import { MIGRATION_LOCK_KEY } from '../../src/persistence/migration-lock';
import { createEmptyDatabase } from '../support/databases';
import { requireEnv } from '../support/temporal-test-env';

/**
 * Replicas that start together each run the migrations first: under the history's advisory lock they end with
 * one schema and no error, whichever starts first, including the migration that builds its indexes
 * CONCURRENTLY outside a transaction (1764700000000).
 */
describe('migrations under an advisory lock (real PostgreSQL)', () => {
  const clients: Client[] = [];
  const connect = async (url: string) => {
    const client = new Client({ connectionString: url });
    await client.connect();
    clients.push(client);
    return client;
  };
  afterAll(() => Promise.all(clients.map((client) => client.end())));

  const freshDatabase = () =>
    createEmptyDatabase(requireEnv('DATABASE_URL'), `renewals_lock_${randomUUID().replace(/-/g, '').slice(0, 8)}`);

  it('two product migrators and two sandbox migrators started together end with one schema, and no error', async () => {
    const url = await freshDatabase();
    const results = await Promise.allSettled([
      runMigrations(url),
      runMigrations(url),
      runSandboxMigrations(url),
      runSandboxMigrations(url),
    ]);
    expect(results.map((result) => (result.status === 'rejected' ? String(result.reason) : 'ok'))).toEqual([
      'ok',
      'ok',
      'ok',
      'ok',
    ]);

    const db = await connect(url);
    const applied = await db.query<{ name: string; runs: number }>(
      `SELECT name, count(*)::int AS runs FROM public.migrations GROUP BY name ORDER BY min(id)`,
    );
    expect(applied.rows).toEqual(migrations().map((migration) => ({ name: migration.name, runs: 1 })));
    const sandboxApplied = await db.query<{ name: string; runs: number }>(
      `SELECT name, count(*)::int AS runs FROM sandbox.migrations GROUP BY name ORDER BY min(id)`,
    );
    expect(sandboxApplied.rows).toEqual([
      { name: 'SandboxTables1765000000000', runs: 1 },
      { name: 'SeedPeople1765000000001', runs: 1 },
      { name: 'FaultOverrides1765000000002', runs: 1 },
    ]);
    // Every index built, none left invalid by a CREATE INDEX CONCURRENTLY that was interrupted.
    const invalid = await db.query(`SELECT indexrelid::regclass AS name FROM pg_index WHERE NOT indisvalid`);
    expect(invalid.rows).toEqual([]);
    // The locks went with their migrators. This database's: pg_locks lists the whole server's, and other test files
    // migrate their own databases under the same key meanwhile.
    const held = await db.query(
      `SELECT objid FROM pg_locks
        WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
    );
    expect(held.rows).toEqual([]);
  });

  it('a migrator waits while another holds the lock, then finds its work done or does it', async () => {
    const url = await freshDatabase();
    const holder = await connect(url);
    await holder.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY.toString()]);
    let finished = false;
    const migrating = runMigrations(url).then(() => (finished = true));
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    // Not a table created while the lock is held elsewhere: the migrator is waiting, not racing.
    const before = await holder.query(`SELECT to_regclass('public.migrations') IS NULL AS absent`);
    expect({ finished, absent: before.rows[0].absent }).toEqual({ finished: false, absent: true });
    // The sandboxes' history has a lock of its own: it does not wait for the product's.
    await runSandboxMigrations(url);
    await holder.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY.toString()]);
    await migrating;
    const applied = await holder.query(`SELECT count(*)::int AS n FROM public.migrations`);
    expect(applied.rows[0].n).toBe(migrations().length);
  });
});
