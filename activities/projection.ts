import { Context } from '@temporalio/activity';
import type { Persistence } from '../src/persistence/persistence';
import { OPERATOR_ALERT_ACTION } from '../src/persistence/repositories/audit-trail.repository';
import type { AppliedStageChange, StageChangeMetrics } from '../src/telemetry/metrics';
import type { ProgressRecord, RenewalStage, TimelineLine } from '../workflows/contract';

/**
 * Projection of the workflow into PostgreSQL: the read model row, the audit
 * trail, the SMS outbox and operator alerts, written together. Idempotent and
 * order-safe: the row only moves to a higher sequence, and every other row is
 * keyed by (renewal, sequence), so a retried write adds nothing.
 */
export function createProjectionActivities(persistence: Persistence, stageChanges?: StageChangeMetrics) {
  return {
    /** Run as a local activity: no personal data comes in, the read model knows the citizen by renewal id. */
    async recordProgress(record: ProgressRecord): Promise<void> {
      const { renewalId, sequence } = record;
      const applied = await persistence.transaction(async (tx) => {
        const progress = await tx.renewals.applyProgress(record);
        if (progress.outcome === 'MISSING') {
          // Retried with backoff: the API writes the row when it creates the renewal.
          throw new Error(`Renewal ${renewalId} is not in the read model yet`);
        }
        for (const line of record.timeline) {
          await tx.audit.append({
            eventKey: `workflow:${renewalId}:${line.sequence}`,
            renewalId,
            actor: 'workflow',
            action: line.action,
            outcome: line.stage,
            details: line.note ? { note: line.note } : {},
            at: line.at,
          });
        }
        for (const alert of record.alerts) {
          await tx.audit.append({
            eventKey: `alert:${renewalId}/${alert.kind}/${sequence}`,
            renewalId,
            actor: 'workflow',
            action: OPERATOR_ALERT_ACTION,
            outcome: alert.kind,
            details: alert.details,
            at: record.at,
          });
        }
        await tx.smsOutbox.enqueue(
          record.notices.map(({ key, notice, params }) => ({ messageKey: key, renewalId, notice, params })),
        );
        if (record.paidBillNumber) await tx.bills.markPaid(record.paidBillNumber);
        if (record.closedShipment) {
          await tx.shipments.close(record.closedShipment.shipmentKey, record.closedShipment.status);
        }
        // Where the renewal was before this write, for the stage metrics.
        return progress.outcome === 'APPLIED' ? progress.before : undefined;
      });
      // Counted once committed, and once only: a retried write applies nothing.
      if (applied) for (const change of stageChangesOf(applied, record.timeline)) stageChanges?.record(change);
      for (const alert of record.alerts) Context.current().log.warn('Operator alert', { renewalId, kind: alert.kind });
    },
  };
}

/** The stage changes one progress write made, line by line, from where the renewal was before it. */
export function stageChangesOf(
  before: { stage: RenewalStage; enteredAt: Date },
  lines: TimelineLine[],
): AppliedStageChange[] {
  const changes: AppliedStageChange[] = [];
  let previous = before;
  for (const line of lines) {
    const at = new Date(line.at);
    changes.push({ stage: line.stage, at, previous, slaBreach: line.action === 'sla.breached' });
    if (line.stage !== previous.stage) previous = { stage: line.stage, enteredAt: at };
  }
  return changes;
}
