import type { EntityManager } from 'typeorm';
import type { CitizenNotice, NoticeParams } from '../../../workflows/contract';
import { type SmsLanguage, SmsOutboxRecord } from '../entities/sms-outbox.entity';
import type { PersonalDataProtection } from '../personal-data';
import { openNationalId } from './renewals.repository';

export interface QueuedNotice {
  messageKey: string;
  renewalId: string;
  notice: CitizenNotice;
  params: NoticeParams;
}

/** A notice a sender has claimed, with the citizen it is for (to look their mobile up, never to store it). */
export interface ClaimedNotice extends QueuedNotice {
  attempts: number;
  /** Decrypted for the sender; undefined once the renewal's personal data are erased. */
  nationalId: string | undefined;
}

/**
 * The SMS outbox. Stage changes queue notices in their own transaction; senders
 * claim due ones with a lease (`FOR UPDATE SKIP LOCKED`, so several workers
 * share the rows and none is claimed twice at once), send them outside any
 * transaction, then record the outcome. A renewal's notices go out one at a
 * time, in the order they were written: the citizen never reads "payment
 * received" before the bill. A sender that dies after sending and
 * before recording leaves the row claimed until its lease runs out; the next
 * claim sends it again under the same key, which the gateway accepts once.
 */
export class SmsOutboxRepository {
  constructor(
    private readonly manager: EntityManager,
    private readonly personalData: PersonalDataProtection,
  ) {}

  /** Queues notices; a notice already queued (a retried write) stays as it is. */
  async enqueue(notices: QueuedNotice[]): Promise<void> {
    if (!notices.length) return;
    await this.manager
      .createQueryBuilder()
      .insert()
      .into(SmsOutboxRecord)
      .values(notices.map((n) => ({ ...n, params: n.params as object })))
      .orIgnore()
      .updateEntity(false)
      .execute();
  }

  /**
   * Claims up to `limit` due notices for `leaseMs`: until then no other sender
   * takes them. Only a renewal's earliest pending notice is due.
   */
  async claimDue(limit: number, leaseMs: number): Promise<ClaimedNotice[]> {
    // An UPDATE answers [rows, count].
    const [rows]: [
      Array<{
        message_key: string;
        renewal_id: string;
        notice: CitizenNotice;
        params: NoticeParams;
        attempts: number;
        national_id_enc: Buffer | null;
        national_id_key: string | null;
      }>,
      number,
    ] = await this.manager.query(
      `WITH due AS (
         SELECT message_key FROM sms_outbox n
          WHERE status = 'PENDING' AND next_attempt_at <= now()
            AND NOT EXISTS (SELECT 1 FROM sms_outbox earlier
                             WHERE earlier.renewal_id = n.renewal_id AND earlier.status = 'PENDING'
                               AND earlier.queued_at < n.queued_at)
          ORDER BY next_attempt_at
          LIMIT $1
          FOR UPDATE SKIP LOCKED)
       UPDATE sms_outbox o
          SET attempts = o.attempts + 1, next_attempt_at = now() + make_interval(secs => $2::float8 / 1000),
              updated_at = now()
         FROM due, renewals r
        WHERE o.message_key = due.message_key AND r.renewal_id = o.renewal_id
       RETURNING o.message_key, o.renewal_id, o.notice, o.params, o.attempts, r.national_id_enc, r.national_id_key`,
      [limit, leaseMs],
    );
    return rows.map((row) => ({
      messageKey: row.message_key,
      renewalId: row.renewal_id,
      notice: row.notice,
      params: row.params,
      attempts: row.attempts,
      nationalId: openNationalId(this.personalData, {
        renewalId: row.renewal_id,
        nationalIdEnc: row.national_id_enc,
        nationalIdKey: row.national_id_key,
      }),
    }));
  }

  /** The gateway accepted it: recorded once, whichever sender gets here first. */
  async markSent(messageKey: string, sent: { gatewayMessageId: string; language: SmsLanguage }): Promise<boolean> {
    return this.settle(messageKey, {
      status: 'SENT',
      gatewayMessageId: sent.gatewayMessageId,
      language: sent.language,
      sentAt: new Date(),
      lastError: null,
    });
  }

  /** It can never be sent (no such citizen, a mobile the gateway refuses for good): recorded, not retried. */
  async markUndeliverable(messageKey: string, reason: string): Promise<boolean> {
    return this.settle(messageKey, { status: 'UNDELIVERABLE', lastError: reason });
  }

  /** A transient failure: claimable again after `delayMs`. */
  async retryLater(messageKey: string, error: string, delayMs: number): Promise<void> {
    await this.manager.query(
      `UPDATE sms_outbox SET next_attempt_at = now() + make_interval(secs => $2::float8 / 1000), last_error = $3,
              updated_at = now()
        WHERE message_key = $1 AND status = 'PENDING'`,
      [messageKey, delayMs, error],
    );
  }

  /** The notices of a renewal, oldest first. */
  ofRenewal(renewalId: string): Promise<SmsOutboxRecord[]> {
    return this.manager.find(SmsOutboxRecord, { where: { renewalId }, order: { queuedAt: 'ASC' } });
  }

  private async settle(messageKey: string, values: Partial<SmsOutboxRecord>): Promise<boolean> {
    const result = await this.manager.update(SmsOutboxRecord, { messageKey, status: 'PENDING' }, values);
    return (result.affected ?? 0) > 0;
  }
}
