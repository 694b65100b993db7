import type { EntityManager } from 'typeorm';
import { LossClaimRecord, type LossClaimStatus } from '../entities/loss-claim.entity';
import { insertOnce } from './insert-once';

export interface OpenedLossClaim {
  claimKey: string;
  renewalId: string;
  trackingNumber: string;
  carrierClaimId: string;
  liabilitySar: number;
  status: LossClaimStatus;
}

/** The loss claims opened against the carrier. */
export class LossClaimsRepository {
  constructor(private readonly manager: EntityManager) {}

  /** Opening the same claim again (a retried activity) keeps the first row. */
  async recordOpened(claim: OpenedLossClaim): Promise<void> {
    // The claim key is the table's only unique key.
    await insertOnce(this.manager, LossClaimRecord, claim);
  }

  byKey(claimKey: string): Promise<LossClaimRecord | null> {
    return this.manager.findOne(LossClaimRecord, { where: { claimKey } });
  }

  /** The carrier's own events contradict the loss: the claim is under review. Repeating it changes nothing. */
  async markDisputed(claimKey: string): Promise<void> {
    await this.manager.update(LossClaimRecord, { claimKey }, { status: 'DISPUTED' });
  }
}
