import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { openDataSource, runMigrations } from '../../src/persistence/data-source';
import { createEmptyDatabase, tablesOf } from '../support/databases';
import { requireEnv } from '../support/temporal-test-env';

/** The product's tables: what its migrations create, and all they create. */
const PRODUCT_TABLES = [
  'audit_events',
  'bills',
  'decode_log',
  'idempotency_keys',
  'loss_claims',
  'migrations',
  'operator_alerts',
  'print_jobs',
  'rate_limit_hits',
  'renewals',
  'shipments',
  'sms_outbox',
  'webhook_receipts',
];

/** The migrations are the schema; the entities must describe exactly what they built. */
describe('entities and migrations (real PostgreSQL)', () => {
  let db: DataSource;

  beforeAll(async () => {
    db = await openDataSource(requireEnv('DATABASE_URL'));
  });
  afterAll(() => db?.destroy());

  it('agree: after the migrations, TypeORM finds nothing to change', async () => {
    const pending = await db.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('give every application table an entity', async () => {
    const tables: { table_name: string }[] = await db.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations'`,
    );
    const mapped = db.entityMetadatas.map((entity) => entity.tableName);
    expect(tables.map((t) => t.table_name).sort()).toEqual([...mapped].sort());
    expect([...mapped, 'migrations'].sort()).toEqual(PRODUCT_TABLES);
  });

  it("create on a fresh database the product's tables and nothing else (no partner simulator's)", async () => {
    const url = await createEmptyDatabase(requireEnv('DATABASE_URL'), `renewals_schema_${randomUUID().slice(0, 8)}`);
    await runMigrations(url);
    const fresh = await openDataSource(url);
    try {
      expect(await tablesOf(fresh)).toEqual(PRODUCT_TABLES.map((table) => `public.${table}`));
      const schemas: { name: string }[] = await fresh.query(
        `SELECT nspname AS name FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema'`,
      );
      expect(schemas.map((schema) => schema.name)).toEqual(['public']);
    } finally {
      await fresh.destroy();
    }
  });
});
