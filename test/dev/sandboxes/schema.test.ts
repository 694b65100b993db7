import { randomUUID } from 'node:crypto';
import { openSandboxDataSource, runSandboxMigrations, SANDBOX_SCHEMA } from '../../../dev/sandboxes/database';
import { SEED_PEOPLE } from '../../../dev/sandboxes/seed-people';
import { createEmptyDatabase, tablesOf } from '../../support/databases';
import { requireEnv } from '../../support/temporal-test-env';

/** The partner simulator's own data: its schema, its migration history, its seed, nothing of the product's. */
describe('sandbox schema (real PostgreSQL)', () => {
  it('is created on a fresh database by the sandboxes’ own migrations, with tables in it only', async () => {
    const url = await createEmptyDatabase(requireEnv('DATABASE_URL'), `renewals_sandbox_${randomUUID().slice(0, 8)}`);
    await runSandboxMigrations(url);
    // Again, as every start of the sandboxes does: nothing left to apply.
    await runSandboxMigrations(url);
    const db = await openSandboxDataSource(url, 1);
    try {
      expect(await tablesOf(db)).toEqual(
        [
          'carrier_events',
          'fault_overrides',
          'loss_claims',
          'migrations',
          'print_jobs',
          'registry_passports',
          'registry_people',
          'sadad_bills',
          'shipments',
          'sms_outbox',
          'wasel_subscriptions',
          'webhook_outbox',
        ].map((table) => `${SANDBOX_SCHEMA}.${table}`),
      );
      const history: { name: string }[] = await db.query(`SELECT name FROM sandbox.migrations ORDER BY id`);
      expect(history.map((row) => row.name)).toEqual([
        'SandboxTables1765000000000',
        'SeedPeople1765000000001',
        'FaultOverrides1765000000002',
      ]);
      const [people] = await db.query(`SELECT count(*)::int AS n FROM sandbox.registry_people`);
      expect(people.n).toBe(SEED_PEOPLE.length);
    } finally {
      await db.destroy();
    }
  });
});
