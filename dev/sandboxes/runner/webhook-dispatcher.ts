import { Webhook } from 'standardwebhooks';
import type { WebhookPartner } from '../../../workflows/contract';
import type { WebhookDeliveryConfig } from '../config';
import type { SandboxLogger } from '../logger';
import { queryRows, type Queryable } from '../sql';

interface DueWebhook {
  id: string;
  partner: WebhookPartner;
  target_url: string;
  payload: Record<string, unknown>;
  attempts: number;
}

type Outcome =
  { kind: 'delivered' } | { kind: 'retry'; error: string; retryAfterMs?: number } | { kind: 'rejected'; error: string };

/** A `Retry-After` header (seconds, or an HTTP date) as milliseconds from now. */
export function retryAfterMs(header: string | null, now: Date): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}

/**
 * A claimed webhook is left alone by other runners for this long, then counted as an attempt that failed.
 * Never shorter than twice the send's own timeout: a runner still waiting for an answer must not see
 * another runner send the same webhook.
 */
export function claimLeaseMs(timeoutMs: number): number {
  return Math.max(60_000, 2 * timeoutMs);
}

/**
 * Sends queued webhooks as the partners would: Standard Webhooks signatures
 * (`webhook-id`, `webhook-timestamp`, `webhook-signature`) with the partner's
 * secret, retries with exponential backoff on network errors, timeouts, 408,
 * 429 and 5xx, never sooner than the receiver's `Retry-After`, and no retry on
 * other 4xx (the receiver refused the event).
 */
export class WebhookDispatcher {
  private readonly signers: Record<WebhookPartner, Webhook>;

  constructor(
    private readonly db: Queryable,
    // No base URL: each webhook carries the target its sandbox stamped on it.
    private readonly config: Omit<WebhookDeliveryConfig, 'baseUrl'>,
    private readonly batchSize: number,
    private readonly logger: SandboxLogger,
  ) {
    this.signers = Object.fromEntries(
      Object.entries(config.secrets).map(([partner, secret]) => [partner, new Webhook(secret)]),
    ) as Record<WebhookPartner, Webhook>;
  }

  /** Delivers the webhooks that are due; returns how many were attempted. */
  async deliverDue(): Promise<number> {
    // Claiming pushes the next attempt out by a lease, so concurrent runners never send the same one twice.
    const due = await queryRows<DueWebhook>(
      this.db,
      `UPDATE sandbox.webhook_outbox
          SET attempts = attempts + 1, next_attempt_at = now() + make_interval(secs => $2::double precision / 1000)
        WHERE id IN (SELECT id FROM sandbox.webhook_outbox
                      WHERE status = 'PENDING' AND next_attempt_at <= now()
                      ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)
        RETURNING id, partner, target_url, payload, attempts`,
      [this.batchSize, claimLeaseMs(this.config.timeoutMs)],
    );
    await Promise.all(due.map((webhook) => this.deliver(webhook)));
    return due.length;
  }

  private async deliver(webhook: DueWebhook): Promise<void> {
    const outcome = await this.send(webhook);
    if (outcome.kind === 'delivered') {
      await this.db.query(
        `UPDATE sandbox.webhook_outbox SET status = 'DELIVERED', delivered_at = now(), last_error = NULL WHERE id = $1`,
        [webhook.id],
      );
      return;
    }
    const givingUp = outcome.kind === 'rejected' || webhook.attempts >= this.config.maxAttempts;
    if (givingUp) {
      // Only ids and statuses are logged: payloads can hold national IDs.
      this.logger.warn(
        `webhook ${webhook.partner} ${webhook.id} ${outcome.kind === 'rejected' ? 'rejected' : 'given up'} ` +
          `after ${webhook.attempts} attempt(s): ${outcome.error}`,
      );
    }
    await this.db.query(
      `UPDATE sandbox.webhook_outbox
          SET status = $2, last_error = $3, next_attempt_at = now() + make_interval(secs => $4::double precision / 1000)
        WHERE id = $1`,
      [
        webhook.id,
        givingUp ? (outcome.kind === 'rejected' ? 'REJECTED' : 'FAILED') : 'PENDING',
        outcome.error,
        Math.max(this.backoffMs(webhook.attempts), outcome.kind === 'retry' ? (outcome.retryAfterMs ?? 0) : 0),
      ],
    );
  }

  private backoffMs(attempts: number): number {
    return Math.min(this.config.retryBaseMs * 2 ** (attempts - 1), this.config.retryMaxMs);
  }

  private async send(webhook: DueWebhook): Promise<Outcome> {
    const body = JSON.stringify(webhook.payload);
    const now = new Date();
    try {
      const response = await fetch(webhook.target_url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'webhook-id': webhook.id,
          'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
          'webhook-signature': this.signers[webhook.partner].sign(webhook.id, now, body),
        },
        body,
        signal: AbortSignal.timeout(this.config.timeoutMs),
      });
      await response.arrayBuffer();
      if (response.ok) return { kind: 'delivered' };
      const error = `HTTP ${response.status}`;
      const retryable = response.status === 408 || response.status === 429 || response.status >= 500;
      if (!retryable) return { kind: 'rejected', error };
      return { kind: 'retry', error, retryAfterMs: retryAfterMs(response.headers.get('retry-after'), now) };
    } catch (error) {
      return { kind: 'retry', error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
    }
  }
}
