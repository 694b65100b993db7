import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A loss claim's states, as the carrier reports them when the claim is opened,
 * and DISPUTED once the carrier reported the "lost" envelope delivered after all.
 */
export const LOSS_CLAIM_STATUSES = ['OPEN', 'ACCEPTED', 'SETTLED', 'DISPUTED'] as const;

export type LossClaimStatus = (typeof LOSS_CLAIM_STATUSES)[number];

/** The carrier's liability for an envelope lost in transit: the cost of the reissue. */
@Entity('loss_claims')
@Index('loss_claims_renewal_idx', ['renewalId'])
export class LossClaimRecord {
  /** The workflow's deterministic key (see `lossClaimKey`): one claim per lost shipment. */
  @PrimaryColumn({ name: 'claim_key', type: 'text' })
  claimKey: string;

  @Column({ name: 'renewal_id', type: 'uuid' })
  renewalId: string;

  @Column({ name: 'tracking_number', type: 'text' })
  trackingNumber: string;

  @Column({ name: 'carrier_claim_id', type: 'text' })
  carrierClaimId: string;

  @Column({ name: 'liability_sar', type: 'integer' })
  liabilitySar: number;

  @Column({ type: 'text' })
  status: LossClaimStatus;

  @CreateDateColumn({ name: 'opened_at', type: 'timestamptz' })
  openedAt: Date;
}
