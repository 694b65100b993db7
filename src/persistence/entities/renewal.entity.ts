import { Column, CreateDateColumn, Entity, Generated, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import {
  type DeliveryMethod,
  type RenewalPolicy,
  type RenewalStage,
  TERMINAL_STAGES,
  type Tracking,
  type ValidityYears,
} from '../../../workflows/contract';

/**
 * The read model of one renewal: what the API answers from without asking
 * Temporal, the status view included. Written by the API at creation, then by
 * the workflow's projection; `lastSequence` keeps a retried or late projection
 * from moving the stage backwards. No names, contact details or addresses, and
 * the citizen's national ID only as a keyed digest and ciphertext
 * (src/persistence/personal-data.ts), both erased once the renewal has ended
 * longer ago than its retention.
 */
const ENDED = [...TERMINAL_STAGES].map((stage) => `'${stage}'`).join(', ');

@Entity('renewals')
@Index('renewals_stage_idx', ['stage', 'stageDeadline'])
// Housekeeping's erasure finds ended renewals still holding personal data, longest ended first.
@Index('renewals_retention_idx', ['stageEnteredAt'], {
  where: `personal_data_erased_at IS NULL AND stage IN (${ENDED})`,
})
// The operator's list, newest first, by any combination of its filters (migration 1764850000000 says why these).
@Index('renewals_created_idx', ['createdAt', 'renewalId', 'deliveryMethod'])
@Index('renewals_stage_created_idx', ['stage', 'createdAt', 'renewalId', 'deliveryMethod'])
@Index('renewals_stage_delivery_created_idx', ['stage', 'deliveryMethod', 'createdAt', 'renewalId'])
@Index('renewals_office_created_idx', ['officeId', 'createdAt', 'renewalId', 'deliveryMethod'])
@Index('renewals_office_stage_created_idx', ['officeId', 'stage', 'createdAt', 'renewalId', 'deliveryMethod'])
@Index(
  'renewals_open_created_idx',
  [
    'createdAt',
    'renewalId',
    'officeId',
    'stage',
    'deliveryMethod',
    'stageEnteredAt',
    'stageDeadline',
    'slaBreached',
    'overdue',
  ],
  { where: `stage NOT IN (${ENDED})` },
)
@Index('renewals_sla_breached_created_idx', ['createdAt', 'renewalId', 'officeId', 'stage', 'deliveryMethod'], {
  where: 'sla_breached',
})
@Index('renewals_overdue_created_idx', ['createdAt', 'renewalId', 'officeId', 'stage', 'deliveryMethod'], {
  where: 'overdue',
})
// An office's counter queue, longest waiting first.
@Index('renewals_pickup_queue_idx', ['officeId', 'stageEnteredAt', 'renewalId'], {
  where: `stage = 'READY_FOR_PICKUP'`,
})
export class RenewalRecord {
  @PrimaryColumn({ name: 'renewal_id', type: 'uuid' })
  renewalId: string;

  /**
   * Drawn from a sequence when the row is written, unique: the API shows it as the renewal's short reference
   * (`PR-7K3M-9QX2`, src/domain/renewal-reference.ts). A bigint, which the driver reads as a string.
   */
  @Index('renewals_reference_number_key', { unique: true })
  @Column({ name: 'reference_number', type: 'bigint' })
  @Generated('increment')
  referenceNumber: string;

  /** HMAC-SHA256 of the national ID under the look-up key: every look-up by national ID goes through it. */
  @Index('renewals_national_id_hmac_idx')
  @Column({ name: 'national_id_hmac', type: 'bytea', nullable: true })
  nationalIdHmac: Buffer | null;

  /** The national ID, AES-256-GCM under the key `nationalIdKey`, for who must read it back (SMS, courier). */
  @Column({ name: 'national_id_enc', type: 'bytea', nullable: true })
  nationalIdEnc: Buffer | null;

  /** Which personal-data key encrypted it; a rotation re-encrypts the rows of retired keys. */
  @Index('renewals_national_id_key_idx')
  @Column({ name: 'national_id_key', type: 'text', nullable: true })
  nationalIdKey: string | null;

  /** When housekeeping erased the personal data of this ended renewal (the three columns above). */
  @Column({ name: 'personal_data_erased_at', type: 'timestamptz', nullable: true })
  personalDataErasedAt: Date | null;

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

  /** The current stage is past its deadline and operators were alerted; cleared when the stage changes. */
  @Column({ type: 'boolean', default: false })
  overdue: boolean;

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
