import { ApplicationFailure } from '@temporalio/common';
import type {
  LossClaimDisputeOutcome,
  LossClaimDisputeRequest,
  PurgeReport,
  RetentionPolicy,
} from '../workflows/contract';
import type { SaudiPost } from '../src/integrations/saudi-post/port';
import type { Persistence } from '../src/persistence/persistence';

/** Work beside the renewals: disputing a contradicted loss claim, and housekeeping. */
export function createMaintenanceActivities(saudiPost: SaudiPost, persistence: Persistence) {
  return {
    /**
     * Ours first (operators see it at once), then the carrier's copy. Every
     * step is idempotent, so a retry after a crash repeats harmlessly.
     */
    async disputeLossClaim(request: LossClaimDisputeRequest): Promise<LossClaimDisputeOutcome> {
      const claim = await persistence.lossClaims.byKey(request.claimKey);
      // The renewal opens the claim right after it declares the loss; the event may have overtaken it.
      if (!claim) throw ApplicationFailure.retryable('The loss claim is not opened yet', 'LossClaimNotOpenedYet');
      await persistence.lossClaims.markDisputed(request.claimKey);
      const carrierClaim = await saudiPost.disputeLossClaim({
        claimKey: request.claimKey,
        reason: request.reason,
        carrierEventId: request.carrierEventId,
      });
      await persistence.audit.append({
        eventKey: `loss-claim-dispute:${request.claimKey}`,
        renewalId: request.renewalId,
        actor: 'workflow',
        action: 'loss-claim.dispute',
        outcome: 'DISPUTED',
        details: {
          claimKey: request.claimKey,
          carrierClaimId: carrierClaim.claimId,
          carrierStatus: carrierClaim.status,
          reason: request.reason,
          carrierEventId: request.carrierEventId,
        },
        at: new Date().toISOString(),
      });
      return { claimKey: request.claimKey, status: 'DISPUTED' };
    },

    /**
     * One bounded batch of each chore, each in its own statement or short transaction: no long locks. Personal
     * data are erased only under a schedule that says for how long to keep them; a batch of what retired keys
     * encrypted is re-encrypted on every run, so a rotation finishes by itself (`npm run keys:rotate` sooner).
     */
    async purgeBatch(retention: RetentionPolicy): Promise<PurgeReport> {
      return {
        idempotencyKeys: await persistence.idempotencyKeys.purgeOlderThan(
          retention.idempotencyKeysMs,
          retention.batchSize,
        ),
        webhookReceipts: await persistence.webhookReceipts.purgeOlderThan(
          retention.webhookReceiptsMs,
          retention.batchSize,
        ),
        ...(retention.personalDataMs !== undefined && {
          personalDataErased: await persistence.personalData.eraseEndedBefore(
            retention.personalDataMs,
            retention.batchSize,
          ),
        }),
        reencrypted: await persistence.personalData.reencryptBatch(retention.batchSize),
      };
    },
  };
}
