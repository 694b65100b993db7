import type { EntityManager } from 'typeorm';
import { TERMINAL_STAGES } from '../../../workflows/contract';
import { PersonalDataDecryptionError, type PersonalDataProtection, type Sealed, sealedPlaces } from '../personal-data';

/** How many stored values each key id encrypts, per kind. */
export interface KeyUsage {
  renewals: Record<string, number>;
  idempotentResponses: Record<string, number>;
}

// Spelled as the partial index renewals_retention_idx is, so the planner sees the erasure's query can use it.
const ENDED = [...TERMINAL_STAGES].map((stage) => `'${stage}'`).join(', ');

/**
 * The life of personal data at rest across tables: re-encryption after a key rotation, and erasure once a
 * renewal has ended longer ago than its retention. Every call does one bounded batch in one short transaction
 * and skips rows another transaction holds (`FOR UPDATE SKIP LOCKED`), so it runs while the system serves;
 * the next batch (the next housekeeping run, or `npm run keys:rotate`'s next round) takes them.
 */
export class PersonalDataRepository {
  constructor(
    private readonly manager: EntityManager,
    private readonly personalData: PersonalDataProtection,
  ) {}

  /**
   * Re-encrypts under the current key up to `limit` values encrypted with a key still listed but retired:
   * renewals' national IDs first, then stored answers. Values under a key no longer listed cannot be read and
   * are left (`keyUsage` shows them). Returns how many were re-encrypted.
   */
  async reencryptBatch(limit: number): Promise<number> {
    const retired = this.personalData.retiredKeyIds();
    if (!retired.length) return 0;
    const renewals = await this.reencryptNationalIds(retired, limit);
    return renewals + (renewals < limit ? await this.reencryptResponses(retired, limit - renewals) : 0);
  }

  private reencryptNationalIds(retired: string[], limit: number): Promise<number> {
    return this.manager.transaction(async (tx) => {
      const rows: Array<{ renewal_id: string; national_id_enc: Buffer; national_id_key: string }> = await tx.query(
        `SELECT renewal_id, national_id_enc, national_id_key FROM renewals
          WHERE national_id_key = ANY($1) LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [retired, limit],
      );
      if (!rows.length) return 0;
      const resealed = rows.map((row) =>
        this.reseal(
          { keyId: row.national_id_key, data: row.national_id_enc },
          sealedPlaces.renewalNationalId(row.renewal_id),
          `renewal ${row.renewal_id}`,
        ),
      );
      await tx.query(
        `UPDATE renewals r SET national_id_enc = v.enc, national_id_key = v.key_id
           FROM unnest($1::uuid[], $2::bytea[], $3::text[]) AS v(renewal_id, enc, key_id)
          WHERE r.renewal_id = v.renewal_id`,
        [rows.map((row) => row.renewal_id), resealed.map((value) => value.data), resealed.map((value) => value.keyId)],
      );
      return rows.length;
    });
  }

  private reencryptResponses(retired: string[], limit: number): Promise<number> {
    return this.manager.transaction(async (tx) => {
      const rows: Array<{ scope: string; idempotency_key: string; response_enc: Buffer; response_key: string }> =
        await tx.query(
          `SELECT scope, idempotency_key, response_enc, response_key FROM idempotency_keys
            WHERE response_key = ANY($1) LIMIT $2 FOR UPDATE SKIP LOCKED`,
          [retired, limit],
        );
      if (!rows.length) return 0;
      const resealed = rows.map((row) =>
        this.reseal(
          { keyId: row.response_key, data: row.response_enc },
          sealedPlaces.idempotentResponse(row.scope, row.idempotency_key),
          'a stored answer',
        ),
      );
      await tx.query(
        `UPDATE idempotency_keys k SET response_enc = v.enc, response_key = v.key_id
           FROM unnest($1::text[], $2::text[], $3::bytea[], $4::text[]) AS v(scope, idempotency_key, enc, key_id)
          WHERE k.scope = v.scope AND k.idempotency_key = v.idempotency_key`,
        [
          rows.map((row) => row.scope),
          rows.map((row) => row.idempotency_key),
          resealed.map((value) => value.data),
          resealed.map((value) => value.keyId),
        ],
      );
      return rows.length;
    });
  }

  /**
   * A value that does not decrypt (altered, or moved from another row) stops the batch, naming its row: an
   * incident for an operator to look at, not something to re-encrypt past.
   */
  private reseal(sealed: Sealed, place: string, what: string): Sealed {
    try {
      return this.personalData.reseal(sealed, place);
    } catch (error) {
      if (error instanceof PersonalDataDecryptionError)
        throw new PersonalDataDecryptionError(`${error.message} (${what})`);
      throw error;
    }
  }

  /** Per key id, how many values it encrypts: a retired key may be dropped once it encrypts none. */
  async keyUsage(): Promise<KeyUsage> {
    const count = async (sql: string) => {
      const rows: Array<{ key_id: string; n: number }> = await this.manager.query(sql);
      return Object.fromEntries(rows.map((row) => [row.key_id, row.n]));
    };
    return {
      renewals: await count(
        `SELECT national_id_key AS key_id, count(*)::int AS n FROM renewals WHERE national_id_key IS NOT NULL GROUP BY 1`,
      ),
      idempotentResponses: await count(
        `SELECT response_key AS key_id, count(*)::int AS n FROM idempotency_keys WHERE response_key IS NOT NULL GROUP BY 1`,
      ),
    };
  }

  /**
   * Erases the personal data of up to `limit` renewals that ended (COMPLETED, REJECTED, EXPIRED, CANCELLED,
   * FAILED) longer than `retentionMs` ago, by the database's clock, longest ended first: the national ID's digest
   * and ciphertext, and the numbers of the passports printed for them. What remains (stages, offices, dates,
   * partner references, the audit trail with its pseudonymised actors) names nobody. Each erasure is itself a
   * line of the renewal's audit trail. One statement, so one short transaction. Returns how many were erased.
   */
  async eraseEndedBefore(retentionMs: number, limit: number): Promise<number> {
    const [{ erased }]: Array<{ erased: number }> = await this.manager.query(
      `WITH due AS (
         SELECT renewal_id FROM renewals
          WHERE personal_data_erased_at IS NULL AND stage IN (${ENDED})
            AND stage_entered_at < now() - make_interval(secs => $1::double precision / 1000)
          ORDER BY stage_entered_at LIMIT $2 FOR UPDATE SKIP LOCKED),
       printed AS (
         UPDATE print_jobs p SET passport_number = NULL, updated_at = now()
           FROM due WHERE p.renewal_id = due.renewal_id AND p.passport_number IS NOT NULL),
       erased AS (
         UPDATE renewals r
            SET national_id_hmac = NULL, national_id_enc = NULL, national_id_key = NULL, personal_data_erased_at = now()
           FROM due WHERE r.renewal_id = due.renewal_id
         RETURNING r.renewal_id),
       audited AS (
         INSERT INTO audit_events (event_key, renewal_id, actor, action, outcome, details, occurred_at)
         SELECT 'retention:' || renewal_id, renewal_id, 'housekeeping', 'personal-data.erased', 'ERASED',
                jsonb_build_object('retentionMs', $1::bigint), now()
           FROM erased
         ON CONFLICT (event_key) DO NOTHING)
       SELECT count(*)::int AS erased FROM erased`,
      [retentionMs, limit],
    );
    return erased;
  }
}
