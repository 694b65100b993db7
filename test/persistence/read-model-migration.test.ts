import { DataSource } from 'typeorm';
import { dataSourceOptions, migrations, openDataSource, runMigrations } from '../../src/persistence/data-source';
import { emptyDatabase } from '../support/databases';
import { testPersonalData } from '../support/personal-data-keys';

const READ_MODEL_MIGRATION = migrations().findIndex((migration) => migration.name === 'RenewalReferences1764830000000');

/**
 * The migrations of the read model at scale (references, alerts, list indexes) on a database that holds renewals and alerts as the previous version
 * wrote them: existing renewals numbered in batches (unique, then NOT NULL), existing alerts copied, the trigger
 * keeping alerts written after it, the indexes built valid, and the entities describing what it built.
 */
describe('migrations to the read model at scale (real PostgreSQL)', () => {
  const ROWS = 2_500; // three batches
  const ALERTS = 1_200; // two batches
  let db: DataSource;

  beforeAll(async () => {
    const url = await emptyDatabase('read_model_migration');
    const previous = await new DataSource({
      ...dataSourceOptions(url),
      migrations: migrations().slice(0, READ_MODEL_MIGRATION),
    }).initialize();
    try {
      await previous.runMigrations({ transaction: 'each' });
      await previous.query(
        `INSERT INTO renewals (renewal_id, stage, delivery_method, office_id, last_sequence, stage_entered_at)
         SELECT gen_random_uuid(), 'PRINTING', 'PICKUP', 'RUH-01', 1, now() FROM generate_series(1, $1)`,
        [ROWS],
      );
      await previous.query(
        `INSERT INTO audit_events (event_key, renewal_id, actor, action, outcome, details, occurred_at)
         SELECT 'old:' || g, gen_random_uuid(), 'workflow', CASE WHEN g % 2 = 0 THEN 'operator.alert' ELSE 'stage.entered' END,
                'PRINT_OVERDUE', '{}', now() - g * interval '1 second'
           FROM generate_series(1, $1) g`,
        [ALERTS * 2],
      );
    } finally {
      await previous.destroy();
    }
    await runMigrations(url, testPersonalData());
    db = await openDataSource(url);
  });
  afterAll(() => db?.destroy());

  it('numbers every existing renewal once, then makes the number required and drawn for new rows', async () => {
    const [numbers] = await db.query(
      `SELECT count(*)::int AS rows, count(reference_number)::int AS numbered,
              count(DISTINCT reference_number)::int AS distinct_numbers, max(reference_number)::int AS highest
         FROM renewals`,
    );
    expect(numbers).toEqual({ rows: ROWS, numbered: ROWS, distinct_numbers: ROWS, highest: ROWS });
    const [column] = await db.query(
      `SELECT is_nullable, column_default FROM information_schema.columns
        WHERE table_name = 'renewals' AND column_name = 'reference_number'`,
    );
    expect(column).toEqual({
      is_nullable: 'NO',
      column_default: "nextval('renewals_reference_number_seq'::regclass)",
    });
    const [drawn] = await db.query(
      `INSERT INTO renewals (renewal_id, stage, delivery_method, office_id, last_sequence, stage_entered_at)
       VALUES (gen_random_uuid(), 'PRINTING', 'PICKUP', 'RUH-01', 1, now()) RETURNING reference_number`,
    );
    expect(Number(drawn.reference_number)).toBe(ROWS + 1);
    // The check that let NOT NULL skip its scan is gone.
    expect(
      await db.query(`SELECT conname FROM pg_constraint WHERE conname = 'renewals_reference_number_not_null'`),
    ).toEqual([]);
  });

  it('copies the existing alerts and keeps every alert written after', async () => {
    const [{ copied }] = await db.query(`SELECT count(*)::int AS copied FROM operator_alerts`);
    expect(copied).toBe(ALERTS);
    const [{ mismatched }] = await db.query(
      `SELECT count(*)::int AS mismatched FROM audit_events e
         LEFT JOIN operator_alerts a ON a.alert_id = e.id
        WHERE e.action = 'operator.alert' AND (a.alert_id IS NULL OR a.kind <> e.outcome OR a.raised_at <> e.occurred_at
              OR a.renewal_id IS DISTINCT FROM e.renewal_id)`,
    );
    expect(mismatched).toBe(0);
    await db.query(
      `INSERT INTO audit_events (event_key, renewal_id, actor, action, outcome, details, occurred_at)
       VALUES ('new:1', gen_random_uuid(), 'service:sadad', 'operator.alert', 'PAYMENT_AMOUNT_MISMATCH', '{}', now()),
              ('new:2', gen_random_uuid(), 'workflow', 'stage.entered', 'PRINTING', '{}', now())`,
    );
    const [newest] = await db.query(
      `SELECT a.kind FROM operator_alerts a JOIN audit_events e ON e.id = a.alert_id WHERE e.event_key LIKE 'new:%'`,
    );
    expect(newest).toEqual({ kind: 'PAYMENT_AMOUNT_MISMATCH' });
  });

  it('builds every index valid, and the entities describe exactly what it built', async () => {
    const indexes: Array<{ name: string; valid: boolean }> = await db.query(
      `SELECT c.relname AS name, i.indisvalid AS valid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
        WHERE c.relname LIKE 'renewals\\_%' OR c.relname LIKE 'operator\\_alerts\\_%' ORDER BY 1`,
    );
    expect(indexes.filter((index) => !index.valid)).toEqual([]);
    expect(indexes.map((index) => index.name)).toEqual(
      expect.arrayContaining([
        'operator_alerts_kind_idx',
        'operator_alerts_open_idx',
        'operator_alerts_raised_idx',
        'operator_alerts_renewal_idx',
        'renewals_created_idx',
        'renewals_office_created_idx',
        'renewals_office_stage_created_idx',
        'renewals_open_created_idx',
        'renewals_overdue_created_idx',
        'renewals_pickup_queue_idx',
        'renewals_reference_number_key',
        'renewals_sla_breached_created_idx',
        'renewals_stage_created_idx',
        'renewals_stage_delivery_created_idx',
      ]),
    );
    // Stage and delivery method are not independent: the planner is told (the migration says why).
    const statistics: Array<{ name: string; kinds: string }> = await db.query(
      `SELECT stxname AS name, array_to_string(stxkind, ',') AS kinds FROM pg_statistic_ext WHERE stxname LIKE 'renewals\\_%'`,
    );
    expect(statistics).toEqual([{ name: 'renewals_stage_delivery_stats', kinds: 'm' }]);
    expect((await db.driver.createSchemaBuilder().log()).upQueries).toEqual([]);
  });
});
