import type { EntityManager } from 'typeorm';
import { IdempotencyKeyRecord, type IdempotencyState } from '../entities/idempotency-key.entity';
import { type PersonalDataProtection, sealedPlaces } from '../personal-data';

/** A caller's request key: the caller (`scope`) and its `Idempotency-Key`. */
export interface RequestKey {
  scope: string;
  key: string;
}

export interface StoredRequest {
  requestHash: string;
  state: IdempotencyState;
  responseStatus: number | null;
  responseBody: unknown;
  /** The IN_PROGRESS lease has run out (by the database's clock). */
  expired: boolean;
}

/**
 * The `idempotency_keys` table. The primary key (caller, key) makes claiming
 * atomic. Leases are timed by the database's clock, so API replicas with
 * drifting clocks agree on when one has run out; that is why the lease
 * statements are written out here.
 *
 * The stored response is encrypted with the personal-data keys: a replay must
 * be the first answer itself (re-reading the review from the registry could
 * answer differently, or not at all while it is down), and that answer may
 * hold personal data (the review of a new renewal, a new passport's number),
 * whatever the route, so every response is, not a list of routes someone must
 * keep up to date.
 */
export class IdempotencyKeysRepository {
  constructor(
    private readonly manager: EntityManager,
    private readonly personalData: PersonalDataProtection,
  ) {}

  /** Of concurrent claims of one key exactly one inserts the row (and answers true). */
  async claim(request: RequestKey, requestHash: string, leaseSeconds: number): Promise<boolean> {
    const inserted = await this.manager.query(
      `INSERT INTO idempotency_keys (scope, idempotency_key, request_hash, state, locked_until)
       VALUES ($1, $2, $3, 'IN_PROGRESS', now() + make_interval(secs => $4))
       ON CONFLICT DO NOTHING RETURNING 1`,
      [request.scope, request.key, requestHash, leaseSeconds],
    );
    return inserted.length > 0;
  }

  async find(request: RequestKey): Promise<StoredRequest | undefined> {
    const [row] = await this.manager.query(
      `SELECT request_hash, state, response_status, response_enc, response_key, locked_until < now() AS expired
         FROM idempotency_keys WHERE scope = $1 AND idempotency_key = $2`,
      [request.scope, request.key],
    );
    return (
      row && {
        requestHash: row.request_hash,
        state: row.state,
        responseStatus: row.response_status,
        responseBody: row.response_enc
          ? JSON.parse(
              this.personalData.open(
                { keyId: row.response_key, data: row.response_enc },
                sealedPlaces.idempotentResponse(request.scope, request.key),
              ),
            )
          : null,
        expired: row.expired,
      }
    );
  }

  /** Takes over a lease that ran out (its request's process died); of concurrent attempts one wins. */
  async takeOverExpired(request: RequestKey, leaseSeconds: number): Promise<boolean> {
    // For UPDATE, TypeORM's postgres driver answers [rows, affected row count].
    const [, taken] = await this.manager.query(
      `UPDATE idempotency_keys SET locked_until = now() + make_interval(secs => $3)
       WHERE scope = $1 AND idempotency_key = $2 AND state = 'IN_PROGRESS' AND locked_until < now()`,
      [request.scope, request.key, leaseSeconds],
    );
    return taken > 0;
  }

  async complete(request: RequestKey, responseStatus: number, responseBody: unknown): Promise<void> {
    const sealed = this.personalData.seal(
      JSON.stringify(responseBody ?? null),
      sealedPlaces.idempotentResponse(request.scope, request.key),
    );
    await this.manager.update(
      IdempotencyKeyRecord,
      { scope: request.scope, idempotencyKey: request.key },
      {
        state: 'COMPLETED',
        responseStatus,
        responseEnc: sealed.data,
        responseKey: sealed.keyId,
        completedAt: () => 'now()',
      },
    );
  }

  /**
   * Housekeeping: forgets up to `limit` requests older than `retentionMs` (by
   * the database's clock), oldest first; a lease still running is kept.
   * Returns how many were deleted.
   */
  async purgeOlderThan(retentionMs: number, limit: number): Promise<number> {
    const [, deleted] = await this.manager.query(
      `DELETE FROM idempotency_keys WHERE (scope, idempotency_key) IN (
         SELECT scope, idempotency_key FROM idempotency_keys
          WHERE created_at < now() - make_interval(secs => $1::double precision / 1000)
            AND (state = 'COMPLETED' OR locked_until < now())
          ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED)`,
      [retentionMs, limit],
    );
    return deleted;
  }

  /** Forgets a request that failed, so it can be retried with the same key. */
  async release(request: RequestKey): Promise<void> {
    await this.manager.delete(IdempotencyKeyRecord, {
      scope: request.scope,
      idempotencyKey: request.key,
      state: 'IN_PROGRESS',
    });
  }
}
