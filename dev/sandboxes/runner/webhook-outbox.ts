import type { WebhookPartner } from '../../../workflows/contract';
import type { Queryable } from '../sql';

export interface OutgoingWebhook {
  /** Unique per event; sent as `webhook-id` on every attempt so the receiver can drop repeats. */
  id: string;
  partner: WebhookPartner;
  payload: Record<string, unknown>;
}

/** Where a partner's webhooks go: our API's `/v1/webhooks/<partner>`. */
export function webhookUrl(baseUrl: string, partner: WebhookPartner): string {
  return `${baseUrl}/v1/webhooks/${partner}`;
}

/**
 * Queues a webhook in the same transaction as the state change it reports
 * (transactional outbox), so a change is never reported twice or lost. The
 * target is stamped on the row: whichever runner delivers it sends it to the
 * API of the sandbox that produced it.
 */
export async function enqueueWebhook(db: Queryable, baseUrl: string, webhook: OutgoingWebhook): Promise<void> {
  await db.query(
    `INSERT INTO sandbox.webhook_outbox (id, partner, target_url, payload) VALUES ($1, $2, $3, $4)
     ON CONFLICT (id) DO NOTHING`,
    [webhook.id, webhook.partner, webhookUrl(baseUrl, webhook.partner), webhook.payload],
  );
}
