import type { DataSource } from 'typeorm';

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

/** Appends one line to the audit trail; a second write of the same event key changes nothing. */
export async function appendAudit(db: Pick<DataSource, 'query'>, entry: AuditEntry): Promise<void> {
  await db.query(
    `INSERT INTO audit_events (event_key, renewal_id, actor, action, outcome, details, occurred_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (event_key) DO NOTHING`,
    [entry.eventKey, entry.renewalId, entry.actor, entry.action, entry.outcome, entry.details ?? {}, entry.at],
  );
}
