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

  /** What became of the message, and the renewal it was about. */
  async settle(partner: string, webhookId: string, renewalId: string | null, outcome: string): Promise<void> {
    await this.manager.update(WebhookReceiptRecord, { partner, webhookId }, { renewalId, outcome });
  }
}
