import type { DataSource } from 'typeorm';
import { openDataSource } from '../../src/persistence/data-source';
import { requireEnv } from '../support/temporal-test-env';

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

  it('give every application table an entity (the sandboxes keep their own tables)', async () => {
    const tables: { table_name: string }[] = await db.query(
      `SELECT table_name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_name NOT LIKE 'sandbox\\_%' AND table_name <> 'migrations'`,
    );
    const mapped = db.entityMetadatas.map((entity) => entity.tableName);
    expect(tables.map((t) => t.table_name).sort()).toEqual([...mapped].sort());
    expect(mapped.sort()).toEqual(
      [
        'audit_events',
        'bills',
        'idempotency_keys',
        'loss_claims',
        'print_jobs',
        'renewals',
        'shipments',
        'sms_outbox',
        'webhook_receipts',
      ].sort(),
    );
  });
});
