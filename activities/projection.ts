import { DataSource } from 'typeorm';
import { appendAudit } from '../src/persistence/audit';
import { SLA_BREACH_NOTE, type StageChange } from '../workflows/contract';

/**
 * Projection of the workflow into PostgreSQL: the read model row and the audit
 * trail, written together. Idempotent and order-safe: the row only moves to a
 * higher sequence, and the audit line is keyed by (renewal, sequence).
 */
export function createProjectionActivities(dataSource: DataSource) {
  return {
    async recordStageChange(change: StageChange): Promise<void> {
      await dataSource.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO renewals (renewal_id, national_id, stage, delivery_method, office_id, stage_deadline,
                                 last_sequence, stage_entered_at, sla_breached)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
           ON CONFLICT (renewal_id) DO UPDATE SET
             stage = EXCLUDED.stage,
             delivery_method = EXCLUDED.delivery_method,
             office_id = EXCLUDED.office_id,
             stage_deadline = EXCLUDED.stage_deadline,
             last_sequence = EXCLUDED.last_sequence,
             stage_entered_at = CASE WHEN renewals.stage = EXCLUDED.stage THEN renewals.stage_entered_at
                                     ELSE EXCLUDED.stage_entered_at END,
             sla_breached = EXCLUDED.sla_breached,
             updated_at = now()
           WHERE renewals.last_sequence < EXCLUDED.last_sequence`,
          [
            change.renewalId,
            change.nationalId,
            change.stage,
            change.deliveryMethod,
            change.officeId,
            change.stageDeadline ?? null,
            change.sequence,
            change.at,
            change.slaBreached,
          ],
        );
        await appendAudit(tx, {
          eventKey: `workflow:${change.renewalId}:${change.sequence}`,
          renewalId: change.renewalId,
          actor: 'workflow',
          action: change.note === SLA_BREACH_NOTE ? 'sla.breached' : 'stage.entered',
          outcome: change.stage,
          details: change.note ? { note: change.note } : {},
          at: change.at,
        });
      });
    },
  };
}
