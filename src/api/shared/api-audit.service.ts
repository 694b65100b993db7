import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { appendAudit } from '../../persistence/audit';
import type { IdempotencyContext } from '../idempotency/idempotency-context';
import { derivedId } from '../idempotency/idempotency-context';

export interface ApiAuditEntry {
  /** `<role>:<id>`; a citizen appears by pseudonym (see `Principal.actor`). */
  actor: string;
  renewalId: string;
  action: string;
  outcome: string;
  /** Never names, national IDs, addresses or phone numbers. */
  details?: Record<string, unknown>;
  /** For a POST: a re-execution of the same request with the same outcome writes the line once. */
  idempotency?: IdempotencyContext;
  /** When the caller acted, which is before the renewal reacted (default: now). */
  at?: Date;
}

/** Writes API actions to the append-only audit trail. */
@Injectable()
export class ApiAudit {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async record(entry: ApiAuditEntry, manager: Pick<DataSource | EntityManager, 'query'> = this.db): Promise<void> {
    const eventKey = entry.idempotency
      ? derivedId(entry.idempotency, `api:${entry.action}:${entry.outcome}`)
      : `api:${randomUUID()}`;
    await appendAudit(manager, {
      eventKey,
      renewalId: entry.renewalId,
      actor: entry.actor,
      action: entry.action,
      outcome: entry.outcome,
      details: entry.details,
      at: (entry.at ?? new Date()).toISOString(),
    });
  }
}
