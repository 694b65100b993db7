/**
 * Work beside the renewals: disputing a loss claim the carrier's own events
 * contradict, and purging what would otherwise grow without bound. Each runs
 * as a small workflow of its own, so it is retried durably and visible in the
 * Temporal UI.
 */

/** Why a loss claim is disputed, and the operator alert raised with it: the carrier delivered what it lost. */
export const DELIVERED_AFTER_LOSS = 'DELIVERED_AFTER_LOSS';

/** One dispute per loss claim, however often the carrier contradicts it. */
export function lossClaimDisputeWorkflowId(claimKey: string): string {
  return `loss-claim-dispute-${claimKey}`;
}

/** The schedule the workers of a task queue keep in place (one per deployment, whatever its replicas). */
export function housekeepingScheduleId(taskQueue: string): string {
  return `${taskQueue}-housekeeping`;
}

export interface LossClaimDisputeRequest {
  renewalId: string;
  /** The claim on the shipment declared lost that the carrier reports delivered (see `lossClaimKey`). */
  claimKey: string;
  reason: string;
  carrierEventId: string;
}

export interface LossClaimDisputeOutcome {
  claimKey: string;
  status: string;
}

/** How long each kind of record is kept, in milliseconds, and how many rows one statement deletes. */
export interface RetentionPolicy {
  idempotencyKeysMs: number;
  webhookReceiptsMs: number;
  /** After a renewal ended, its personal data are erased. Absent from schedules made before it existed: kept. */
  personalDataMs?: number;
  batchSize: number;
}

/** Rows deleted (or erased, or re-encrypted), per kind. */
export type PurgeReport = Record<string, number>;

export interface MaintenanceActivities {
  /** Marks our claim DISPUTED and tells the carrier; fails (and is retried) while the claim is not yet opened. */
  disputeLossClaim(request: LossClaimDisputeRequest): Promise<LossClaimDisputeOutcome>;
  /**
   * Deletes one bounded batch of each kind of record past its retention, erases the personal data of a batch of
   * renewals ended longer ago than theirs, and re-encrypts a batch of what a retired key encrypted.
   */
  purgeBatch(retention: RetentionPolicy): Promise<PurgeReport>;
}
