import { DataSource } from 'typeorm';
import { dataSourceOptions, migrations, openDataSource, runMigrations } from '../../src/persistence/data-source';
import { createPersistence } from '../../src/persistence/persistence';
import { emptyDatabase } from '../support/databases';
import { testPersonalData } from '../support/personal-data-keys';

/**
 * The migration that takes national IDs and stored answers out of the clear, on a database that holds them as the
 * previous version wrote them: refused without the keys (and left ready to run again), then done in batches with
 * them; nothing clear remains, everything decrypts and every citizen is found by the digest.
 */
describe('migration to personal data at rest (real PostgreSQL)', () => {
  const ROWS = 2_500; // three batches
  let url: string;
  let db: DataSource;

  beforeAll(async () => {
    url = await emptyDatabase('migration');
    // The schema as the previous version left it: every migration before this one (later ones come after it).
    const all = migrations();
    const thisOne = all.findIndex((migration) => migration.name === 'PersonalDataAtRest1764700000000');
    const previous = await new DataSource({
      ...dataSourceOptions(url),
      migrations: all.slice(0, thisOne),
    }).initialize();
    try {
      await previous.runMigrations({ transaction: 'each' });
      await previous.query(
        `INSERT INTO renewals (renewal_id, national_id, stage, delivery_method, office_id, last_sequence, stage_entered_at)
         SELECT gen_random_uuid(), (1000000000 + g)::text, 'PRINTING', 'PICKUP', 'RUH-01', 1, now()
           FROM generate_series(1, $1) g`,
        [ROWS],
      );
      await previous.query(
        `INSERT INTO idempotency_keys (scope, idempotency_key, request_hash, state, response_status, response_body,
                                       locked_until, completed_at)
         SELECT 'citizen:' || g, 'key', 'h', 'COMPLETED', 202,
                jsonb_build_object('review', jsonb_build_object('nameEn', 'SARA ' || g, 'mobile', '+96650000' || g)),
                now(), now()
           FROM generate_series(1000, 1099) g`,
      );
    } finally {
      await previous.destroy();
    }
  });
  afterAll(() => db?.destroy());

  it('refuses without the keys, leaving the clear data as they were and the migration to run again', async () => {
    await expect(runMigrations(url)).rejects.toThrow(
      /holds personal data to encrypt: run the migrations with PERSONAL_DATA_KEYS and API_PSEUDONYM_KEY set/,
    );
    const check = await openDataSource(url);
    try {
      const [{ clear }] = await check.query('SELECT count(national_id)::int AS clear FROM renewals');
      expect(clear).toBe(ROWS);
      const [{ pending }] = await check.query(
        `SELECT count(*)::int AS pending FROM migrations WHERE name = 'PersonalDataAtRest1764700000000'`,
      );
      expect(pending).toBe(0);
    } finally {
      await check.destroy();
    }
  });

  it('with the keys, encrypts every row in batches and drops the clear columns and their index', async () => {
    const keys = testPersonalData();
    await runMigrations(url, keys);
    db = await openDataSource(url);

    const columns = await db.query(
      `SELECT table_name, column_name FROM information_schema.columns
        WHERE table_schema = 'public' AND (table_name, column_name) IN (('renewals', 'national_id'),
              ('idempotency_keys', 'response_body'))`,
    );
    expect(columns).toEqual([]);
    const indexes: Array<{ name: string; valid: boolean }> = await db.query(
      `SELECT c.relname AS name, i.indisvalid AS valid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
        WHERE c.relname IN ('renewals_national_id_idx', 'renewals_national_id_hmac_idx', 'renewals_national_id_key_idx',
                            'renewals_retention_idx', 'idempotency_keys_response_key_idx') ORDER BY 1`,
    );
    expect(indexes).toEqual([
      { name: 'idempotency_keys_response_key_idx', valid: true },
      { name: 'renewals_national_id_hmac_idx', valid: true },
      { name: 'renewals_national_id_key_idx', valid: true },
      { name: 'renewals_retention_idx', valid: true },
    ]);
    // The entities describe exactly what the migration built.
    expect((await db.driver.createSchemaBuilder().log()).upQueries).toEqual([]);

    const persistence = createPersistence(db, keys);
    const rows: Array<{ renewal_id: string }> = await db.query('SELECT renewal_id FROM renewals ORDER BY renewal_id');
    expect(rows).toHaveLength(ROWS);
    const [{ sealed }] = await db.query(
      `SELECT count(*)::int AS sealed FROM renewals WHERE national_id_key = 'test-only-pd-a'
          AND national_id_hmac IS NOT NULL AND national_id_enc IS NOT NULL`,
    );
    expect(sealed).toBe(ROWS);
    // Each decrypts to an ID of the original set, once, and the citizen's look-up by that ID finds the row.
    const ids = new Set<string>();
    for (const { renewal_id: renewalId } of rows) {
      const record = (await persistence.renewals.findInScope(renewalId, {}))!;
      const nationalId = persistence.renewals.nationalIdOf(record)!;
      ids.add(nationalId);
      if (ids.size % 500 === 1) {
        expect(await persistence.renewals.findInScope(renewalId, { nationalId })).toMatchObject({ renewalId });
      }
    }
    expect(ids.size).toBe(ROWS);
    expect([...ids].every((id) => Number(id) > 1_000_000_000 && Number(id) <= 1_000_000_000 + ROWS)).toBe(true);

    const answer = await persistence.idempotencyKeys.find({ scope: 'citizen:1042', key: 'key' });
    expect(answer?.responseBody).toEqual({ review: { nameEn: 'SARA 1042', mobile: '+966500001042' } });
    const [{ clear }] = await db.query(
      `SELECT count(*)::int AS clear FROM idempotency_keys WHERE position('SARA' in encode(response_enc, 'escape')) > 0`,
    );
    expect(clear).toBe(0);

    // The live timeline is told of stage changes, not of rows whose keys are rewritten.
    const [{ definition }] = await db.query(
      `SELECT pg_get_triggerdef(oid) AS definition FROM pg_trigger WHERE tgname = 'renewals_notify_change'`,
    );
    expect(definition).toMatch(/AFTER INSERT OR UPDATE OF stage, stage_deadline, sla_breached, last_sequence ON/);
  });
});
