import { proxyActivities, setWorkflowOptions } from '@temporalio/workflow';
import type {
  LossClaimDisputeOutcome,
  LossClaimDisputeRequest,
  MaintenanceActivities,
  PurgeReport,
  RetentionPolicy,
} from './contract';
import { versioningBehavior } from './versioning';

const disputes = proxyActivities<Pick<MaintenanceActivities, 'disputeLossClaim'>>({
  startToCloseTimeout: '30 seconds',
  // The renewal opens its claim moments after the loss; until then (and while the carrier is down) keep trying.
  scheduleToCloseTimeout: '1 day',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

const housekeepingActivities = proxyActivities<Pick<MaintenanceActivities, 'purgeBatch'>>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', maximumInterval: '1 minute', maximumAttempts: 5 },
});

/** Batches one run deletes at most, so its history stays small; the next run goes on where it stopped. */
const MAX_BATCHES_PER_RUN = 50;

/**
 * The carrier reported delivered an envelope already declared lost: the loss
 * claim against it is disputed, on our side and the carrier's.
 */
export async function lossClaimDispute(request: LossClaimDisputeRequest): Promise<LossClaimDisputeOutcome> {
  return disputes.disputeLossClaim(request);
}

/**
 * Worker Versioning: both maintenance workflows are short (a dispute is one call retried for at most a day, a
 * housekeeping run minutes), so each finishes on the build it started on and no build ever replays another's
 * history of them; an old version keeps its workers at most a day for them (docs/operations.md, "Worker versions").
 */
setWorkflowOptions(versioningBehavior('PINNED'), lossClaimDispute);

/** Started by the housekeeping schedule: purges, batch by batch, what is past its retention. */
export async function housekeeping(retention: RetentionPolicy): Promise<PurgeReport> {
  const total: PurgeReport = {};
  for (let batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
    const report = await housekeepingActivities.purgeBatch(retention);
    for (const [table, deleted] of Object.entries(report)) total[table] = (total[table] ?? 0) + deleted;
    // A batch that was not full found nothing more to delete.
    if (Object.values(report).every((deleted) => deleted < retention.batchSize)) break;
  }
  return total;
}
setWorkflowOptions(versioningBehavior('PINNED'), housekeeping);
