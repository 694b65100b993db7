import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { ApiAudit, ApiAuditEntry } from './api-audit.service';

/**
 * Runs a workflow action and writes its outcome to the audit trail: what it
 * achieved, or that the renewal refused it (with the machine-readable reason).
 */
export async function audited<T>(
  audit: ApiAudit,
  entry: Omit<ApiAuditEntry, 'outcome' | 'details'>,
  act: () => Promise<T>,
  describe: (result: T) => Pick<ApiAuditEntry, 'outcome' | 'details'>,
): Promise<T> {
  // The trail orders by time: the action is dated when asked for, before the renewal's reaction to it.
  const at = new Date();
  let result: T;
  try {
    result = await act();
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError) {
      const reason = error.cause instanceof ApplicationFailure ? error.cause.type : undefined;
      await audit.record({ ...entry, at, outcome: 'REFUSED', details: { reason: reason ?? 'UpdateRejected' } });
    }
    throw error;
  }
  await audit.record({ ...entry, at, ...describe(result) });
  return result;
}
