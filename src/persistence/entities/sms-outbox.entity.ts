import { Column, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { CitizenNotice, NoticeParams } from '../../../workflows/contract';

/**
 * What became of an SMS notice: waiting to be sent (or sent again after a
 * failure), accepted by the gateway, or never deliverable (no such citizen,
 * a mobile the gateway refuses for good).
 */
export const SMS_STATUSES = ['PENDING', 'SENT', 'UNDELIVERABLE'] as const;

export type SmsStatus = (typeof SMS_STATUSES)[number];

/** The languages an SMS is written in; Arabic unless the registry says the citizen prefers English. */
export const SMS_LANGUAGES = ['ar', 'en'] as const;

export type SmsLanguage = (typeof SMS_LANGUAGES)[number];

/**
 * One SMS notice to a citizen, written by the stage change that causes it (in
 * the same transaction) and delivered by the worker's sender. It names the
 * renewal, never the person: the sender looks the mobile up when it sends.
 */
@Entity('sms_outbox')
@Index('sms_outbox_due_idx', ['nextAttemptAt'])
@Index('sms_outbox_renewal_idx', ['renewalId', 'queuedAt'])
export class SmsOutboxRecord {
  /** Unique per notice, and the SMS gateway's idempotency key: sending it again sends nothing new. */
  @PrimaryColumn({ name: 'message_key', type: 'text' })
  messageKey: string;

  @Column({ name: 'renewal_id', type: 'uuid' })
  renewalId: string;

  @Column({ type: 'text' })
  notice: CitizenNotice;

  /** The values of the text (amounts, bill numbers, offices, times); no personal data. */
  @Column({ type: 'jsonb', default: {} })
  params: NoticeParams;

  @Column({ type: 'text', default: 'PENDING' })
  status: SmsStatus;

  /** Attempts claimed so far, the one in flight included. */
  @Column({ type: 'integer', default: 0 })
  attempts: number;

  /** When a sender may claim it (again): a claim pushes this out by its lease, a failure by its backoff. */
  @Column({ name: 'next_attempt_at', type: 'timestamptz', default: () => 'now()' })
  nextAttemptAt: Date;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  /** The language it was sent in. */
  @Column({ type: 'text', nullable: true })
  language: SmsLanguage | null;

  @Column({ name: 'gateway_message_id', type: 'text', nullable: true })
  gatewayMessageId: string | null;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  /** When it was written; the clock's time, so notices written together keep their order. */
  @Column({ name: 'queued_at', type: 'timestamptz', default: () => 'clock_timestamp()' })
  queuedAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
