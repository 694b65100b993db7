import type { EntityManager } from 'typeorm';
import { AuditEvent } from '../entities/audit-event.entity';
import { insertOnce } from './insert-once';

export interface AuditEntry {
  /** Unique per event: writing it twice keeps one row. */
  eventKey: string;
  renewalId: string;
  /** `workflow`, or `<role>:<subject>` of the person or system that acted. */
  actor: string;
  action: string;
  outcome: string;
  /** Structured detail; never names, addresses or phone numbers. */
  details?: Record<string, unknown>;
  at: string;
}

/** The append-only audit trail (the database refuses updates and deletes of its lines). */
export class AuditTrail {
  constructor(private readonly manager: EntityManager) {}

  /** Appends one line; a second write of the same event key changes nothing. */
  async append(entry: AuditEntry): Promise<void> {
    // Besides the generated id, `event_key` is the table's only unique key.
    await insertOnce(this.manager, AuditEvent, {
      eventKey: entry.eventKey,
      renewalId: entry.renewalId,
      actor: entry.actor,
      action: entry.action,
      outcome: entry.outcome,
      // A jsonb value: TypeORM's deep-partial type cannot describe `unknown` members.
      details: (entry.details ?? {}) as object,
      occurredAt: new Date(entry.at),
    });
  }

  /** The renewal's trail in the order things happened. */
  ofRenewal(renewalId: string): Promise<AuditEvent[]> {
    return this.manager.find(AuditEvent, { where: { renewalId }, order: { occurredAt: 'ASC', id: 'ASC' } });
  }
}
