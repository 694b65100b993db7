import type { Persistence } from '../src/persistence/persistence';
import { SLA_BREACH_NOTE, type StageChange } from '../workflows/contract';

/**
 * Projection of the workflow into PostgreSQL: the read model row and the audit
 * trail, written together. Idempotent and order-safe: the row only moves to a
 * higher sequence, and the audit line is keyed by (renewal, sequence).
 */
export function createProjectionActivities(persistence: Persistence) {
  return {
    async recordStageChange(change: StageChange): Promise<void> {
      await persistence.transaction(async (tx) => {
        await tx.renewals.project(change);
        await tx.audit.append({
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
