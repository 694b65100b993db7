import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { DeliveryMethod, RenewalPolicy, RenewalStage } from '../../../workflows/contract';

/**
 * The read model of one renewal: what the API answers from without asking
 * Temporal. Written by the workflow's projection activity; `lastSequence`
 * keeps a retried or late projection from moving the stage backwards.
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
