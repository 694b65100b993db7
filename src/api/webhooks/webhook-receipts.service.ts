import { Injectable, Logger } from '@nestjs/common';
import { WorkflowNotFoundError } from '@temporalio/client';
import { Persistence } from '../../persistence/persistence';
import { OPERATOR_ALERT_ACTION } from '../../persistence/repositories/audit-trail.repository';
import { ApiAudit } from '../shared/audit/api-audit.service';
import { WebhookAckView } from './dto/webhook-payloads.dto';
import type { VerifiedWebhook } from './webhook-signature.guard';

/** Where a webhook goes: the renewal and how to tell its workflow. */
export interface RoutedWebhook {
  renewalId: string;
  action: string;
  /** Safe to record: ids, types, amounts; never personal data. */
  details: Record<string, unknown>;
  /** What the message reveals that operators must look at (e.g. a payment of the wrong amount). */
  anomalies?: PartnerAnomaly[];
  /** An anomaly only if the renewal has already ended (e.g. money received for it). */
  anomalyIfClosed?: PartnerAnomaly;
  /** Tells the workflow; answers the outcome when it is not simply `SIGNALLED`. */
  deliver(): Promise<string | void>;
}

/** Raised as an operator alert, in the same transaction as the receipt: acknowledged means alerted. */
export interface PartnerAnomaly {
  kind: string;
  /** Ids and amounts only, as `details` above. */
  details: Record<string, unknown>;
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
  private readonly logger = new Logger(WebhookReceipts.name);

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
        const anomalies = [...(routed.anomalies ?? [])];
        if (outcome === 'RENEWAL_CLOSED' && routed.anomalyIfClosed) anomalies.push(routed.anomalyIfClosed);
        for (const anomaly of anomalies) await this.alert(tx, webhook, renewalId, anomaly);
      } else {
        outcome = routed.outcome;
      }
      await tx.webhookReceipts.settle(webhook.partner, webhook.id, renewalId, outcome);
      return { received: true, duplicate: false, outcome };
    });
  }

  private async alert(tx: Persistence, webhook: VerifiedWebhook, renewalId: string, anomaly: PartnerAnomaly) {
    this.logger.warn(`Operator alert ${anomaly.kind} on renewal ${renewalId} (${webhook.partner} webhook)`);
    await tx.audit.append({
      eventKey: `alert:${webhook.partner}:${webhook.id}:${anomaly.kind}`,
      renewalId,
      actor: `service:${webhook.partner}`,
      action: OPERATOR_ALERT_ACTION,
      outcome: anomaly.kind,
      details: { webhookId: webhook.id, ...anomaly.details },
      at: new Date().toISOString(),
    });
  }

  private async deliver(routed: RoutedWebhook): Promise<string> {
    try {
      return (await routed.deliver()) ?? 'SIGNALLED';
    } catch (error) {
      // The renewal has finished: a late event changes nothing, and the partner need not retry it.
      if (error instanceof WorkflowNotFoundError) return 'RENEWAL_CLOSED';
      throw error;
    }
  }
}
