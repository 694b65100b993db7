import { Injectable } from '@nestjs/common';
import { WorkflowNotFoundError } from '@temporalio/client';
import { Persistence } from '../../persistence/persistence';
import { ApiAudit } from '../shared/api-audit.service';
import { WebhookAckView } from './dto/webhook-payloads.dto';
import type { VerifiedWebhook } from './webhook-signature.guard';

/** Where a webhook goes: the renewal and how to tell its workflow. */
export interface RoutedWebhook {
  renewalId: string;
  action: string;
  /** Safe to record: ids, types, amounts; never personal data. */
  details: Record<string, unknown>;
  deliver(): Promise<void>;
}

/** A webhook that concerns no renewal (e.g. a Wasel subscription nobody waits for). */
export interface UnroutedWebhook {
  outcome: string;
}

/**
 * Processes each partner message once. The receipt row is written in the same
 * transaction as the audit line, after the workflow was told: a duplicate
 * (same `webhook-id`) waits on the row lock, then finds it and does nothing; a
 * failure leaves no receipt, so the partner's retry is processed afresh.
 */
@Injectable()
export class WebhookReceipts {
  constructor(
    private readonly persistence: Persistence,
    private readonly audit: ApiAudit,
  ) {}

  process(
    webhook: VerifiedWebhook,
    route: (tx: Persistence) => Promise<RoutedWebhook | UnroutedWebhook>,
  ): Promise<WebhookAckView> {
    return this.persistence.transaction(async (tx) => {
      const fresh = await tx.webhookReceipts.receive(webhook.partner, webhook.id);
      if (!fresh) return { received: true, duplicate: true };

      const routed = await route(tx);
      let renewalId: string | null = null;
      let outcome: string;
      if ('deliver' in routed) {
        renewalId = routed.renewalId;
        // Dated before the workflow hears of it, so the trail shows the report before the reaction.
        const at = new Date();
        outcome = await this.deliver(routed);
        await this.audit.record(
          {
            actor: `service:${webhook.partner}`,
            renewalId,
            action: routed.action,
            outcome,
            details: { webhookId: webhook.id, ...routed.details },
            at,
          },
          tx.audit,
        );
      } else {
        outcome = routed.outcome;
      }
      await tx.webhookReceipts.settle(webhook.partner, webhook.id, renewalId, outcome);
      return { received: true, duplicate: false, outcome };
    });
  }

  private async deliver(routed: RoutedWebhook): Promise<string> {
    try {
      await routed.deliver();
      return 'SIGNALLED';
    } catch (error) {
      // The renewal has finished: a late event changes nothing, and the partner need not retry it.
      if (error instanceof WorkflowNotFoundError) return 'RENEWAL_CLOSED';
      throw error;
    }
  }
}
