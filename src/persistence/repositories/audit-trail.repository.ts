import type { EntityManager } from 'typeorm';
import type { RenewalStage, TimelineEntry } from '../../../workflows/contract';
import { AuditEvent } from '../entities/audit-event.entity';
import { insertOnce } from './insert-once';
import { microsOf, type PageOf, type PageRequest, pageOf, type Statement, timestampOfMicros } from './paging';

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

/**
 * The action of an operator alert's line: the workflow's and the API's alike. The database gives each such line
 * a row of `operator_alerts` as it is written (a trigger), where it is listed and acknowledged.
 */
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

  /** The renewal's trail in the order things happened, a page at a time. */
  async ofRenewal(renewalId: string, page: PageRequest): Promise<PageOf<AuditEvent>> {
    const { text, values } = this.ofRenewalStatement(renewalId, page);
    const rows: Array<AuditEvent & { cursorMicros: string }> = await this.manager.query(text, values);
    const { rows: events, next } = pageOf(rows, page.limit, (row) => ({ micros: row.cursorMicros, id: row.id }));
    return { rows: events.map(({ cursorMicros: _, ...event }) => Object.assign(new AuditEvent(), event)), next };
  }

  ofRenewalStatement(renewalId: string, page: PageRequest): Statement {
    const values: unknown[] = [renewalId];
    let after = '';
    if (page.after) {
      values.push(timestampOfMicros(page.after.micros), page.after.id);
      after = 'AND (occurred_at, id) > ($2::timestamptz, $3::bigint)';
    }
    values.push(page.limit + 1);
    return {
      text: `SELECT id, event_key AS "eventKey", renewal_id AS "renewalId", actor, action, outcome, details,
                    occurred_at AS "occurredAt", ${microsOf('occurred_at')} AS "cursorMicros"
               FROM audit_events WHERE renewal_id = $1 ${after}
              ORDER BY occurred_at, id LIMIT $${values.length}`,
      values,
    };
  }
}
