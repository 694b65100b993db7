import { And, type EntityManager, type FindOperator, LessThan, MoreThanOrEqual } from 'typeorm';
import type { RenewalStage, TimelineEntry } from '../../../workflows/contract';
import { AuditEvent } from '../entities/audit-event.entity';
import { insertOnce } from './insert-once';

export interface AuditEntry {
  /** Unique per event: writing it twice keeps one row. */
  eventKey: string;
  /** The renewal acted on; absent for an action about none (a clerk's look-up that found nothing). */
  renewalId?: string;
  /** `workflow`, or `<role>:<subject>` of the person or system that acted. */
  actor: string;
  action: string;
  outcome: string;
  /** Structured detail; never names, addresses or phone numbers. */
  details?: Record<string, unknown>;
  at: string;
}

/** Which operator alerts to list; every filter is optional and they combine with AND. */
export interface AlertFilter {
  kind?: string;
  renewalId?: string;
  /** Raised at or after. */
  since?: Date;
  /** Raised before. */
  until?: Date;
}

/** The action of an operator alert's line: the workflow's and the API's alike. */
export const OPERATOR_ALERT_ACTION = 'operator.alert';

/** The append-only audit trail (the database refuses updates and deletes of its lines). */
export class AuditTrail {
  constructor(private readonly manager: EntityManager) {}

  /** Appends one line; a second write of the same event key changes nothing. */
  async append(entry: AuditEntry): Promise<void> {
    // Besides the generated id, `event_key` is the table's only unique key.
    await insertOnce(this.manager, AuditEvent, {
      eventKey: entry.eventKey,
      renewalId: entry.renewalId ?? null,
      actor: entry.actor,
      action: entry.action,
      outcome: entry.outcome,
      // A jsonb value: TypeORM's deep-partial type cannot describe `unknown` members.
      details: (entry.details ?? {}) as object,
      occurredAt: new Date(entry.at),
    });
  }

  /**
   * The renewal's timeline as its workflow wrote it: every stage entered (a
   * deadline moved within a stage counts as entering it again, with a note) and
   * every SLA breach, in order.
   */
  async timelineOf(renewalId: string): Promise<TimelineEntry[]> {
    const rows: { stage: RenewalStage; at: Date; note: string | null }[] = await this.manager.query(
      `SELECT outcome AS stage, occurred_at AS at, details->>'note' AS note
         FROM audit_events
        WHERE renewal_id = $1 AND actor = 'workflow' AND action IN ('stage.entered', 'sla.breached')
        ORDER BY occurred_at, id`,
      [renewalId],
    );
    return rows.map((row) => ({ stage: row.stage, at: row.at.toISOString(), ...(row.note ? { note: row.note } : {}) }));
  }

  /** Operator alerts across renewals, newest first. */
  async alerts(filter: AlertFilter, page: { limit: number; offset: number }) {
    const bounds: FindOperator<Date>[] = [];
    if (filter.since) bounds.push(MoreThanOrEqual(filter.since));
    if (filter.until) bounds.push(LessThan(filter.until));
    const [events, total] = await this.manager.findAndCount(AuditEvent, {
      where: {
        action: OPERATOR_ALERT_ACTION,
        outcome: filter.kind,
        renewalId: filter.renewalId,
        occurredAt: bounds.length ? And(...bounds) : undefined,
      },
      order: { occurredAt: 'DESC', id: 'DESC' },
      take: page.limit,
      skip: page.offset,
    });
    return { events, total };
  }

  /** The renewal's trail in the order things happened. */
  ofRenewal(renewalId: string): Promise<AuditEvent[]> {
    return this.manager.find(AuditEvent, { where: { renewalId }, order: { occurredAt: 'ASC', id: 'ASC' } });
  }
}
