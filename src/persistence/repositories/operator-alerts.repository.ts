import type { EntityManager } from 'typeorm';
import {
  type BoundedCount,
  boundedCount,
  boundedCountStatement,
  Conditions,
  type CountOptions,
  microsOf,
  type PageOf,
  type PageRequest,
  pageOf,
  type Statement,
} from './paging';

/** Which operator alerts to list; every filter is optional and they combine with AND. */
export interface AlertFilter {
  kind?: string;
  renewalId?: string;
  /** Raised at or after. */
  since?: Date;
  /** Raised before. */
  until?: Date;
  /** Only those acknowledged (`true`) or not yet (`false`). */
  acknowledged?: boolean;
}

/** An alert as listed: its row, and what its audit line says (who raised it, the details). */
export interface OperatorAlert {
  alertId: string;
  renewalId: string | null;
  kind: string;
  raisedAt: Date;
  raisedBy: string;
  details: Record<string, unknown>;
  acknowledgement?: { by: string; at: Date; note: string };
}

/** What acknowledging did: `acknowledged` now, or it was `already` (by whoever did it first). */
export interface Acknowledged {
  outcome: 'ACKNOWLEDGED' | 'ALREADY_ACKNOWLEDGED';
  alert: OperatorAlert;
}

interface AlertRow {
  alertId: string;
  renewalId: string | null;
  kind: string;
  raisedAt: Date;
  raisedBy: string;
  details: Record<string, unknown>;
  acknowledgedAt: Date | null;
  acknowledgedBy: string | null;
  acknowledgementNote: string | null;
  cursorMicros: string;
}

const ALERT_COLUMNS = `a.alert_id AS "alertId", a.renewal_id AS "renewalId", a.kind, a.raised_at AS "raisedAt",
  a.acknowledged_at AS "acknowledgedAt", a.acknowledged_by AS "acknowledgedBy",
  a.acknowledgement_note AS "acknowledgementNote"`;

/**
 * Operator alerts (src/persistence/entities/operator-alert.entity.ts): listed newest first from their own table's
 * indexes, a page at a time, with their audit lines joined for the page's rows only.
 */
export class OperatorAlertsRepository {
  constructor(
    private readonly manager: EntityManager,
    private readonly options: CountOptions = {},
  ) {}

  async list(filter: AlertFilter, page: PageRequest): Promise<PageOf<OperatorAlert>> {
    const { text, values } = this.listStatement(filter, page);
    const rows: AlertRow[] = await this.manager.query(text, values);
    const { rows: alerts, next } = pageOf(rows, page.limit, (row) => ({ micros: row.cursorMicros, id: row.alertId }));
    return { rows: alerts.map(alertOf), next };
  }

  listStatement(filter: AlertFilter, page: PageRequest): Statement {
    const conditions = filterConditions(filter).after(page.after, 'a.raised_at', 'a.alert_id', 'bigint', '<');
    // The page is chosen from the alerts' indexes first; only its rows then fetch their audit line, each by its
    // key: a LATERAL subquery with a LIMIT stays a nested loop, where a join could be planned as a merge walking
    // the trail's 30 M ids down to the page's.
    return {
      text: `SELECT a.*, e.actor AS "raisedBy", e.details FROM (
               SELECT ${ALERT_COLUMNS}, ${microsOf('a.raised_at')} AS "cursorMicros"
                 FROM operator_alerts a ${conditions.where}
                ORDER BY a.raised_at DESC, a.alert_id DESC LIMIT ${conditions.param(page.limit + 1)}) a
             CROSS JOIN LATERAL (SELECT actor, details FROM audit_events WHERE id = a."alertId" LIMIT 1) e
              ORDER BY a."raisedAt" DESC, a."alertId" DESC`,
      values: conditions.values,
    };
  }

  count(filter: AlertFilter): Promise<BoundedCount> {
    const conditions = filterConditions(filter);
    return boundedCount(this.manager, `FROM operator_alerts a ${conditions.where}`, conditions, this.options);
  }

  countStatement(filter: AlertFilter): Statement {
    const conditions = filterConditions(filter);
    return boundedCountStatement(`FROM operator_alerts a ${conditions.where}`, conditions);
  }

  /**
   * Acknowledges the alert once: the first operator's acknowledgement stays, and a second one changes nothing
   * (answered `ALREADY_ACKNOWLEDGED` with the first). Undefined for an alert that does not exist.
   */
  async acknowledge(alertId: string, by: string, note: string, at: Date): Promise<Acknowledged | undefined> {
    // TypeORM answers an UPDATE with its RETURNING rows and the count of rows it changed.
    const [, updated]: [unknown[], number] = await this.manager.query(
      `UPDATE operator_alerts SET acknowledged_at = $2, acknowledged_by = $3, acknowledgement_note = $4
        WHERE alert_id = $1 AND acknowledged_at IS NULL`,
      [alertId, at, by, note],
    );
    const alert = await this.byId(alertId);
    if (!alert) return undefined;
    return { outcome: updated ? 'ACKNOWLEDGED' : 'ALREADY_ACKNOWLEDGED', alert };
  }

  async byId(alertId: string): Promise<OperatorAlert | undefined> {
    const [row]: AlertRow[] = await this.manager.query(
      `SELECT ${ALERT_COLUMNS}, e.actor AS "raisedBy", e.details
         FROM operator_alerts a JOIN audit_events e ON e.id = a.alert_id WHERE a.alert_id = $1`,
      [alertId],
    );
    return row && alertOf(row);
  }
}

function filterConditions(filter: AlertFilter): Conditions {
  const conditions = new Conditions();
  if (filter.kind) conditions.add(`a.kind = ${conditions.param(filter.kind)}`);
  if (filter.renewalId) conditions.add(`a.renewal_id = ${conditions.param(filter.renewalId)}`);
  if (filter.since) conditions.add(`a.raised_at >= ${conditions.param(filter.since)}`);
  if (filter.until) conditions.add(`a.raised_at < ${conditions.param(filter.until)}`);
  // Spelled as the partial index's predicate, so the planner sees it may use it.
  if (filter.acknowledged !== undefined) {
    conditions.add(filter.acknowledged ? 'a.acknowledged_at IS NOT NULL' : 'a.acknowledged_at IS NULL');
  }
  return conditions;
}

function alertOf(row: AlertRow): OperatorAlert {
  return {
    alertId: String(row.alertId),
    renewalId: row.renewalId,
    kind: row.kind,
    raisedAt: row.raisedAt,
    raisedBy: row.raisedBy,
    details: row.details,
    ...(row.acknowledgedAt && {
      acknowledgement: { by: row.acknowledgedBy!, at: row.acknowledgedAt, note: row.acknowledgementNote ?? '' },
    }),
  };
}
