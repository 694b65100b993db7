import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { DeliveryMethod, RenewalPolicy, RenewalStage, Tracking, ValidityYears } from '../../../workflows/contract';

/**
 * The read model of one renewal: what the API answers from without asking
 * Temporal, the status view included. Written by the API at creation, then by
 * the workflow's projection; `lastSequence` keeps a retried or late projection
 * from moving the stage backwards. No names, contact details or addresses.
 */
@Entity('renewals')
@Index('renewals_stage_idx', ['stage', 'stageDeadline'])
export class RenewalRecord {
  @PrimaryColumn({ name: 'renewal_id', type: 'uuid' })
  renewalId: string;

  @Index('renewals_national_id_idx')
  @Column({ name: 'national_id', type: 'char', length: 10 })
  nationalId: string;

  @Column({ type: 'text' })
  stage: RenewalStage;

  @Column({ name: 'delivery_method', type: 'text' })
  deliveryMethod: DeliveryMethod;

  @Column({ name: 'office_id', type: 'text' })
  officeId: string;

  @Column({ name: 'stage_deadline', type: 'timestamptz', nullable: true })
  stageDeadline: Date | null;

  @Column({ name: 'sla_breached', type: 'boolean', default: false })
  slaBreached: boolean;

  @Column({ name: 'last_sequence', type: 'integer' })
  lastSequence: number;

  @Column({ name: 'stage_entered_at', type: 'timestamptz' })
  stageEnteredAt: Date;

  /**
   * Whether the projection has written the status snapshot below yet (every
   * `recordProgress` sets it). Read by nothing since v1, when the projection
   * that wrote the stage only went; dropping the column takes a migration.
   */
  @Column({ name: 'has_snapshot', type: 'boolean', default: false })
  hasSnapshot: boolean;

  /** 1 for the first passport printed, then +1 for each replacement after a loss. */
  @Column({ name: 'issue_number', type: 'integer', default: 1 })
  issueNumber: number;

  @Column({ name: 'validity_years', type: 'integer', nullable: true })
  validityYears: ValidityYears | null;

  /** The current shipment (tracking number, envelope barcode, last carrier event, SLA). */
  @Column({ type: 'jsonb', nullable: true })
  tracking: Tracking | null;

  @Column({ name: 'pending_action', type: 'text', nullable: true })
  pendingAction: string | null;

  @Column({ name: 'outcome_reason', type: 'text', nullable: true })
  outcomeReason: string | null;

  @Column({ name: 'counter_mismatches', type: 'integer', default: 0 })
  counterMismatches: number;

  @Column({ name: 'amount_due_sar', type: 'integer', nullable: true })
  amountDueSar: number | null;

  @Column({ name: 'bill_number', type: 'text', nullable: true })
  billNumber: string | null;

  /**
   * The policy the renewal's workflow was started with (its fees and required
   * pledges are what the citizen reviews). Null only for renewals created
   * before the column existed.
   */
  @Column({ type: 'jsonb', nullable: true })
  policy: RenewalPolicy | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
