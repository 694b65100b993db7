import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { ProblemException } from '../common/problem';
import type { IdempotencyContext } from './idempotency-context';

export type Claim = { kind: 'execute' } | { kind: 'replay'; status: number; body: unknown };

/** How long a request may run holding its key before another attempt may take the key over. */
const LEASE_SECONDS = 60;
/** How long a repeat of a request still running waits for the first one's response. */
const WAIT_FOR_FIRST_MS = 15_000;
const POLL_MS = 100;

interface KeyRow {
  request_hash: string;
  state: 'IN_PROGRESS' | 'COMPLETED';
  response_status: number | null;
  response_body: unknown;
  expired: boolean;
}

/**
 * The `idempotency_keys` table. The primary key (caller, key) makes claiming
 * atomic: of concurrent identical requests exactly one inserts the row and
 * executes; the others wait for its response and replay it.
 */
@Injectable()
export class IdempotencyStore {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async claim(context: IdempotencyContext, requestHash: string): Promise<Claim> {
    const deadline = Date.now() + WAIT_FOR_FIRST_MS;
    for (;;) {
      const inserted = await this.db.query(
        `INSERT INTO idempotency_keys (scope, idempotency_key, request_hash, state, locked_until)
         VALUES ($1, $2, $3, 'IN_PROGRESS', now() + make_interval(secs => $4))
         ON CONFLICT DO NOTHING RETURNING 1`,
        [context.scope, context.key, requestHash, LEASE_SECONDS],
      );
      if (inserted.length > 0) return { kind: 'execute' };

      const [row] = (await this.db.query(
        `SELECT request_hash, state, response_status, response_body, locked_until < now() AS expired
         FROM idempotency_keys WHERE scope = $1 AND idempotency_key = $2`,
        [context.scope, context.key],
      )) as KeyRow[];
      // Released by a failed first attempt between our insert and select: claim it afresh.
      if (!row) continue;
      if (row.request_hash !== requestHash) {
        throw new ProblemException(
          HttpStatus.CONFLICT,
          'idempotency-key-reused',
          'Idempotency-Key already used for a different request',
          'This Idempotency-Key was used with a different body or path; use a new key for a new request',
        );
      }
      if (row.state === 'COMPLETED') return { kind: 'replay', status: row.response_status!, body: row.response_body };
      if (row.expired && (await this.takeOver(context))) return { kind: 'execute' };
      if (Date.now() > deadline) {
        throw new ProblemException(
          HttpStatus.CONFLICT,
          'idempotency-request-in-progress',
          'A request with this Idempotency-Key is still being processed',
          'Retry later with the same Idempotency-Key to get its response',
        );
      }
      await sleep(POLL_MS);
    }
  }

  async complete(context: IdempotencyContext, status: number, body: unknown): Promise<void> {
    await this.db.query(
      `UPDATE idempotency_keys
       SET state = 'COMPLETED', response_status = $3, response_body = $4, completed_at = now()
       WHERE scope = $1 AND idempotency_key = $2`,
      [context.scope, context.key, status, JSON.stringify(body ?? null)],
    );
  }

  /** A failed request leaves no record, so it can be retried with the same key. */
  async release(context: IdempotencyContext): Promise<void> {
    await this.db.query(
      `DELETE FROM idempotency_keys WHERE scope = $1 AND idempotency_key = $2 AND state = 'IN_PROGRESS'`,
      [context.scope, context.key],
    );
  }

  private async takeOver(context: IdempotencyContext): Promise<boolean> {
    // For UPDATE, TypeORM's postgres driver answers [rows, affected row count].
    const [, taken] = await this.db.query(
      `UPDATE idempotency_keys SET locked_until = now() + make_interval(secs => $3)
       WHERE scope = $1 AND idempotency_key = $2 AND state = 'IN_PROGRESS' AND locked_until < now()`,
      [context.scope, context.key, LEASE_SECONDS],
    );
    return taken > 0;
  }
}
