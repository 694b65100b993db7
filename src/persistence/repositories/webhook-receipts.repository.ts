import type { EntityManager } from 'typeorm';
import { WebhookReceiptRecord } from '../entities/webhook-receipt.entity';
import { insertOnce } from './insert-once';

/** The partner messages (by `webhook-id`) already taken in. */
export class WebhookReceiptsRepository {
  constructor(private readonly manager: EntityManager) {}

  /**
   * Takes a message in as PROCESSING. False if it was taken in before; a
   * concurrent duplicate waits on the row until the first one's transaction ends.
   */
  receive(partner: string, webhookId: string): Promise<boolean> {
    // (partner, webhook id) is the table's only unique key.
    return insertOnce(this.manager, WebhookReceiptRecord, { partner, webhookId, outcome: 'PROCESSING' });
  }

  /**
   * Housekeeping: forgets up to `limit` messages received longer than
   * `retentionMs` ago (by the database's clock), oldest first. A partner
   * retrying after that would be taken in again, so the retention must outlast
   * every partner's retries. Returns how many were deleted.
   */
  async purgeOlderThan(retentionMs: number, limit: number): Promise<number> {
    const [, deleted] = await this.manager.query(
      `DELETE FROM webhook_receipts WHERE (partner, webhook_id) IN (
         SELECT partner, webhook_id FROM webhook_receipts
          WHERE received_at < now() - make_interval(secs => $1::double precision / 1000)
          ORDER BY received_at LIMIT $2 FOR UPDATE SKIP LOCKED)`,
      [retentionMs, limit],
    );
    return deleted;
  }

  /** What became of the message, and the renewal it was about. */
  async settle(partner: string, webhookId: string, renewalId: string | null, outcome: string): Promise<void> {
    await this.manager.update(WebhookReceiptRecord, { partner, webhookId }, { renewalId, outcome });
  }
}
