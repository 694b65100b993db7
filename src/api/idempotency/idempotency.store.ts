import { HttpStatus, Injectable } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { IdempotencyKeysRepository } from '../../persistence/repositories/idempotency-keys.repository';
import { ProblemException } from '../shared/problems/problem';
import type { IdempotencyContext } from './idempotency-context';

export type Claim = { kind: 'execute' } | { kind: 'replay'; status: number; body: unknown };

/** How long a request may run holding its key before another attempt may take the key over. */
const LEASE_SECONDS = 60;
/** How long a repeat of a request still running waits for the first one's response. */
const WAIT_FOR_FIRST_MS = 15_000;
const POLL_MS = 100;

/**
 * Claims of Idempotency-Keys: of concurrent identical requests exactly one
 * claims the key and executes; the others wait for its response and replay it.
 */
@Injectable()
export class IdempotencyStore {
  constructor(private readonly keys: IdempotencyKeysRepository) {}

  async claim(context: IdempotencyContext, requestHash: string): Promise<Claim> {
    const deadline = Date.now() + WAIT_FOR_FIRST_MS;
    for (;;) {
      if (await this.keys.claim(context, requestHash, LEASE_SECONDS)) return { kind: 'execute' };

      const row = await this.keys.find(context);
      // Released by a failed first attempt between our insert and select: claim it afresh.
      if (!row) continue;
      if (row.requestHash !== requestHash) {
        throw new ProblemException(
          HttpStatus.CONFLICT,
          'idempotency-key-reused',
          'Idempotency-Key already used for a different request',
          'This Idempotency-Key was used with a different body or path; use a new key for a new request',
        );
      }
      if (row.state === 'COMPLETED') return { kind: 'replay', status: row.responseStatus!, body: row.responseBody };
      if (row.expired && (await this.keys.takeOverExpired(context, LEASE_SECONDS))) return { kind: 'execute' };
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

  complete(context: IdempotencyContext, status: number, body: unknown): Promise<void> {
    return this.keys.complete(context, status, body);
  }

  /** A failed request leaves no record, so it can be retried with the same key. */
  release(context: IdempotencyContext): Promise<void> {
    return this.keys.release(context);
  }
}
