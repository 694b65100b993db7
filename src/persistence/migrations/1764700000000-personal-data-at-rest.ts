import type { MigrationInterface, QueryRunner } from 'typeorm';
import { type PersonalDataProtection, sealedPlaces } from '../personal-data';

/** Rows one backfill transaction rewrites: each batch commits on its own, so no lock is held for long. */
const BATCH = 1000;

const ENDED = `'COMPLETED', 'REJECTED', 'EXPIRED', 'CANCELLED', 'FAILED'`;

/**
 * Personal data at rest (src/persistence/personal-data.ts):
 * - `renewals.national_id` (clear, indexed) gives way to a keyed digest for look-ups, the AES-256-GCM ciphertext
 *   and its key id; `personal_data_erased_at` marks the ended renewals housekeeping has erased;
 * - `idempotency_keys.response_body` (clear JSON, the review with names, date of birth and mobile for 7 days)
 *   gives way to the same encryption;
 * - `audit_events.renewal_id` may be null: a clerk's look-up that found nothing is audited too;
 * - the change notice fires only when what it announces changes, not for each row a backfill, a rotation or an
 *   erasure rewrites.
 *
 * Built for a large live table: it runs outside one transaction (`transaction = false`), adds nullable columns
 * (catalog changes, a brief lock each), builds its indexes CONCURRENTLY (no write lock; an index a failed run
 * left invalid is rebuilt), rewrites existing rows in keyset batches of 1,000, each its own short transaction,
 * and every step can run again, so a run that stopped half way is simply run again. Only the last step locks
 * the table: the rows written meanwhile by a replica of the previous version are encrypted, then the clear
 * column and its index are dropped. That version writes `national_id` and so stops working there: stop it
 * before this runs (or accept its errors for the moment the deploy takes).
 *
 * The keys: a database holding rows needs the personal-data keys and API_PSEUDONYM_KEY (`npm run migrate` and
 * `npm start` load them); a new one needs none.
 */
export function personalDataAtRestMigration(protection?: PersonalDataProtection) {
  return class PersonalDataAtRest1764700000000 implements MigrationInterface {
    name = 'PersonalDataAtRest1764700000000';
    transaction = false;

    async up(db: QueryRunner): Promise<void> {
      await db.query(`
        ALTER TABLE renewals
          ADD COLUMN IF NOT EXISTS national_id_hmac bytea,
          ADD COLUMN IF NOT EXISTS national_id_enc bytea,
          ADD COLUMN IF NOT EXISTS national_id_key text,
          ADD COLUMN IF NOT EXISTS personal_data_erased_at timestamptz`);
      await db.query(`
        ALTER TABLE idempotency_keys
          ADD COLUMN IF NOT EXISTS response_enc bytea,
          ADD COLUMN IF NOT EXISTS response_key text`);
      await db.query(`ALTER TABLE audit_events ALTER COLUMN renewal_id DROP NOT NULL`);
      // Before the backfill, so rewriting a row's personal data announces nothing to the citizens' live timelines.
      await inTransaction(db, async () => {
        await db.query(`DROP TRIGGER IF EXISTS renewals_notify_change ON renewals`);
        await db.query(`
          CREATE TRIGGER renewals_notify_change
            AFTER INSERT OR UPDATE OF stage, stage_deadline, sla_breached, last_sequence ON renewals
            FOR EACH ROW EXECUTE FUNCTION notify_renewal_change()`);
      });
      await createIndexConcurrently(db, 'renewals_national_id_hmac_idx', 'renewals (national_id_hmac)');
      await createIndexConcurrently(db, 'renewals_national_id_key_idx', 'renewals (national_id_key)');
      await createIndexConcurrently(
        db,
        'renewals_retention_idx',
        `renewals (stage_entered_at) WHERE personal_data_erased_at IS NULL AND stage IN (${ENDED})`,
      );
      await createIndexConcurrently(db, 'idempotency_keys_response_key_idx', 'idempotency_keys (response_key)');

      if (await hasColumn(db, 'renewals', 'national_id')) {
        await db.query(`ALTER TABLE renewals ALTER COLUMN national_id DROP NOT NULL`);
        await encryptNationalIds(db, protection, { batchTransactions: true });
      }
      if (await hasColumn(db, 'idempotency_keys', 'response_body')) {
        await encryptResponses(db, protection, { batchTransactions: true });
      }
      // What the previous version wrote during the batches, then the clear columns go, under one short lock.
      await inTransaction(db, async () => {
        await db.query(`LOCK TABLE renewals, idempotency_keys IN ACCESS EXCLUSIVE MODE`);
        if (await hasColumn(db, 'renewals', 'national_id')) {
          await encryptNationalIds(db, protection, { batchTransactions: false });
          await db.query(`DROP INDEX IF EXISTS renewals_national_id_idx`);
          await db.query(`ALTER TABLE renewals DROP COLUMN national_id`);
        }
        if (await hasColumn(db, 'idempotency_keys', 'response_body')) {
          await encryptResponses(db, protection, { batchTransactions: false });
          await db.query(`ALTER TABLE idempotency_keys DROP COLUMN response_body`);
        }
      });
    }

    /** Back to clear columns (with the keys, the data decrypted back; erased data stay erased). */
    async down(db: QueryRunner): Promise<void> {
      await db.query(`ALTER TABLE renewals ADD COLUMN IF NOT EXISTS national_id char(10)`);
      await db.query(`ALTER TABLE idempotency_keys ADD COLUMN IF NOT EXISTS response_body jsonb`);
      const sealedIds: Array<{ renewal_id: string; national_id_enc: Buffer; national_id_key: string }> = await db.query(
        `SELECT renewal_id, national_id_enc, national_id_key FROM renewals WHERE national_id_enc IS NOT NULL`,
      );
      for (const row of sealedIds) {
        const nationalId = keysFor(protection, 'decrypt').open(
          { keyId: row.national_id_key, data: row.national_id_enc },
          sealedPlaces.renewalNationalId(row.renewal_id),
        );
        await db.query(`UPDATE renewals SET national_id = $2 WHERE renewal_id = $1`, [row.renewal_id, nationalId]);
      }
      const sealedResponses: Array<{
        scope: string;
        idempotency_key: string;
        response_enc: Buffer;
        response_key: string;
      }> = await db.query(
        `SELECT scope, idempotency_key, response_enc, response_key FROM idempotency_keys WHERE response_enc IS NOT NULL`,
      );
      for (const row of sealedResponses) {
        const body = keysFor(protection, 'decrypt').open(
          { keyId: row.response_key, data: row.response_enc },
          sealedPlaces.idempotentResponse(row.scope, row.idempotency_key),
        );
        await db.query(
          `UPDATE idempotency_keys SET response_body = $3::jsonb WHERE scope = $1 AND idempotency_key = $2`,
          [row.scope, row.idempotency_key, body],
        );
      }
      await db.query(`CREATE INDEX IF NOT EXISTS renewals_national_id_idx ON renewals (national_id)`);
      await db.query(`DROP INDEX IF EXISTS idempotency_keys_response_key_idx`);
      await db.query(`ALTER TABLE idempotency_keys DROP COLUMN response_enc, DROP COLUMN response_key`);
      await db.query(`DROP INDEX IF EXISTS renewals_retention_idx`);
      await db.query(`DROP INDEX IF EXISTS renewals_national_id_key_idx`);
      await db.query(`DROP INDEX IF EXISTS renewals_national_id_hmac_idx`);
      await db.query(`
        ALTER TABLE renewals
          DROP COLUMN national_id_hmac, DROP COLUMN national_id_enc, DROP COLUMN national_id_key,
          DROP COLUMN personal_data_erased_at`);
      await db.query(`DROP TRIGGER renewals_notify_change ON renewals`);
      await db.query(`
        CREATE TRIGGER renewals_notify_change AFTER INSERT OR UPDATE ON renewals
          FOR EACH ROW EXECUTE FUNCTION notify_renewal_change()`);
      // audit_events.renewal_id stays nullable: the look-ups audited without a renewal cannot be rewritten.
    }
  };
}

function keysFor(protection: PersonalDataProtection | undefined, task: string): PersonalDataProtection {
  if (!protection) {
    throw new Error(
      `This database holds personal data to ${task}: run the migrations with PERSONAL_DATA_KEYS and ` +
        'API_PSEUDONYM_KEY set (npm run migrate loads them from the environment)',
    );
  }
  return protection;
}

interface Batching {
  /** Each batch its own transaction; false inside the last step's, which holds the table lock. */
  batchTransactions: boolean;
}

/** Runs `batch` (which answers whether it was the last) until it is done. */
async function inBatches(db: QueryRunner, { batchTransactions }: Batching, batch: () => Promise<boolean>) {
  while (!(await (batchTransactions ? inTransaction(db, batch) : batch()))) {
    // The next batch starts after the last row of this one.
  }
}

/** Every clear national ID, batch by batch in renewal id order. */
async function encryptNationalIds(db: QueryRunner, protection: PersonalDataProtection | undefined, batching: Batching) {
  let after = '00000000-0000-0000-0000-000000000000';
  await inBatches(db, batching, async () => {
    const rows: Array<{ renewal_id: string; national_id: string }> = await db.query(
      `SELECT renewal_id, national_id FROM renewals
          WHERE national_id IS NOT NULL AND renewal_id > $1 ORDER BY renewal_id LIMIT $2 FOR UPDATE`,
      [after, BATCH],
    );
    if (!rows.length) return true;
    const keys = keysFor(protection, 'encrypt');
    const sealed = rows.map((row) => keys.seal(row.national_id, sealedPlaces.renewalNationalId(row.renewal_id)));
    await db.query(
      `UPDATE renewals r
            SET national_id_hmac = v.hmac, national_id_enc = v.enc, national_id_key = v.key_id, national_id = NULL
           FROM unnest($1::uuid[], $2::bytea[], $3::bytea[], $4::text[]) AS v(renewal_id, hmac, enc, key_id)
          WHERE r.renewal_id = v.renewal_id`,
      [
        rows.map((row) => row.renewal_id),
        rows.map((row) => keys.digest(row.national_id)),
        sealed.map((value) => value.data),
        sealed.map((value) => value.keyId),
      ],
    );
    after = rows[rows.length - 1].renewal_id;
    return rows.length < BATCH;
  });
}

/** Every stored answer of an idempotent request, likewise, in primary key order. */
async function encryptResponses(db: QueryRunner, protection: PersonalDataProtection | undefined, batching: Batching) {
  let after: [string, string] = ['', ''];
  await inBatches(db, batching, async () => {
    const rows: Array<{ scope: string; idempotency_key: string; body: string }> = await db.query(
      `SELECT scope, idempotency_key, response_body::text AS body FROM idempotency_keys
          WHERE response_body IS NOT NULL AND (scope, idempotency_key) > ($1, $2)
          ORDER BY scope, idempotency_key LIMIT $3 FOR UPDATE`,
      [...after, BATCH],
    );
    if (!rows.length) return true;
    const keys = keysFor(protection, 'encrypt');
    const sealed = rows.map((row) =>
      keys.seal(row.body, sealedPlaces.idempotentResponse(row.scope, row.idempotency_key)),
    );
    await db.query(
      `UPDATE idempotency_keys k SET response_enc = v.enc, response_key = v.key_id, response_body = NULL
           FROM unnest($1::text[], $2::text[], $3::bytea[], $4::text[]) AS v(scope, idempotency_key, enc, key_id)
          WHERE k.scope = v.scope AND k.idempotency_key = v.idempotency_key`,
      [
        rows.map((row) => row.scope),
        rows.map((row) => row.idempotency_key),
        sealed.map((value) => value.data),
        sealed.map((value) => value.keyId),
      ],
    );
    const last = rows[rows.length - 1];
    after = [last.scope, last.idempotency_key];
    return rows.length < BATCH;
  });
}

async function hasColumn(db: QueryRunner, table: string, column: string): Promise<boolean> {
  const rows: unknown[] = await db.query(
    `SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 AND column_name = $2`,
    [table, column],
  );
  return rows.length > 0;
}

/** CREATE INDEX CONCURRENTLY, again if a failed run left it invalid; nothing if it is there and valid. */
async function createIndexConcurrently(db: QueryRunner, name: string, definition: string): Promise<void> {
  const [existing]: Array<{ valid: boolean }> = await db.query(
    `SELECT i.indisvalid AS valid FROM pg_class c JOIN pg_index i ON i.indexrelid = c.oid
      WHERE c.relname = $1 AND c.relnamespace = current_schema()::regnamespace`,
    [name],
  );
  if (existing?.valid) return;
  if (existing) await db.query(`DROP INDEX CONCURRENTLY ${name}`);
  await db.query(`CREATE INDEX CONCURRENTLY ${name} ON ${definition}`);
}

async function inTransaction<T>(db: QueryRunner, work: () => Promise<T>): Promise<T> {
  await db.startTransaction();
  try {
    const result = await work();
    await db.commitTransaction();
    return result;
  } catch (error) {
    await db.rollbackTransaction();
    throw error;
  }
}
