import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** One row per partner message (`webhook-id`): a replayed message finds its row and changes nothing. */
@Entity('webhook_receipts')
// Housekeeping purges by age.
@Index('webhook_receipts_received_idx', ['receivedAt'])
export class WebhookReceiptRecord {
  @PrimaryColumn({ type: 'text' })
  partner: string;

  @PrimaryColumn({ name: 'webhook_id', type: 'text' })
  webhookId: string;

  /** The renewal the message was about, when it concerned one. */
  @Column({ name: 'renewal_id', type: 'uuid', nullable: true })
  renewalId: string | null;

  /** `PROCESSING` while the message is handled, then what became of it (e.g. `SIGNALLED`). */
  @Column({ type: 'text' })
  outcome: string;

  @CreateDateColumn({ name: 'received_at', type: 'timestamptz' })
  receivedAt: Date;
}
