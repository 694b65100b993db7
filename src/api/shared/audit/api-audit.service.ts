import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditTrail } from '../../../persistence/repositories/audit-trail.repository';
import type { IdempotencyContext } from '../../idempotency/idempotency-context';
import { derivedId } from '../../idempotency/idempotency-context';

export interface ApiAuditEntry {
  /** `<role>:<id>`; a citizen appears by pseudonym (see `Principal.actor`). */
  actor: string;
  /** Absent for an action about no renewal (a clerk's look-up that found none). */
  renewalId?: string;
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
  constructor(private readonly trail: AuditTrail) {}

  /** Writes the line through `trail`, which a caller passes to write it in its own transaction. */
  async record(entry: ApiAuditEntry, trail: AuditTrail = this.trail): Promise<void> {
    const eventKey = entry.idempotency
      ? derivedId(entry.idempotency, `api:${entry.action}:${entry.outcome}`)
      : `api:${randomUUID()}`;
    await trail.append({
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
