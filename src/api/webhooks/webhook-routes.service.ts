import { HttpStatus, Injectable } from '@nestjs/common';
import {
  addressRegisteredSignal,
  carrierEventSignal,
  paymentReceivedSignal,
  printJobCompletedSignal,
  printJobFailedSignal,
  renewalIdOfKey,
} from '../../../workflows/contract';
import type { Persistence } from '../../persistence/persistence';
import { ProblemException } from '../common/problem';
import { RenewalWorkflows } from '../temporal/renewal-workflows';
import {
  PrintCentreEventDto,
  SadadPaymentDto,
  SaudiPostEventDto,
  WaselSubscriptionDto,
} from './dto/webhook-payloads.dto';
import type { RoutedWebhook, UnroutedWebhook } from './webhook-receipts.service';

/** Finds the renewal each partner message is about, and the signal that tells its workflow. */
@Injectable()
export class WebhookRoutes {
  constructor(private readonly workflows: RenewalWorkflows) {}

  async sadad(tx: Persistence, payment: SadadPaymentDto): Promise<RoutedWebhook> {
    const renewalId = await this.renewalOfKey(tx, payment.billReference, 'bill-unknown', 'Unknown bill reference');
    return {
      renewalId,
      action: 'webhook.sadad.payment',
      details: { billNumber: payment.billNumber, paymentId: payment.paymentId, amountSar: payment.amountSar },
      deliver: () =>
        this.workflows.signal(renewalId, paymentReceivedSignal, {
          billNumber: payment.billNumber,
          paymentId: payment.paymentId,
          amountSar: payment.amountSar,
          paidAt: payment.paidAt,
        }),
    };
  }

  async wasel(tx: Persistence, subscription: WaselSubscriptionDto): Promise<RoutedWebhook | UnroutedWebhook> {
    const renewalId = await tx.renewals.awaitingAddressOf(subscription.nationalId);
    // Citizens subscribe to Wasel for many reasons; one with no renewal waiting is not an error.
    if (!renewalId) return { outcome: 'NO_RENEWAL_AWAITING_ADDRESS' };
    return {
      renewalId,
      action: 'webhook.wasel.address-registered',
      details: { eventId: subscription.eventId },
      deliver: () => this.workflows.signal(renewalId, addressRegisteredSignal),
    };
  }

  async printCentre(tx: Persistence, event: PrintCentreEventDto): Promise<RoutedWebhook> {
    const renewalId = await this.renewalOfKey(tx, event.jobKey, 'print-job-unknown', 'Unknown print job');
    const common = { renewalId, details: { eventId: event.eventId, type: event.type, jobKey: event.jobKey } };
    if (event.type === 'JOB_COMPLETED') {
      return {
        ...common,
        action: 'webhook.print-centre.job-completed',
        deliver: () =>
          this.workflows.signal(renewalId, printJobCompletedSignal, {
            jobKey: event.jobKey,
            passportNumber: event.passportNumber!,
            issuedOn: event.issuedOn!,
            expiresOn: event.expiresOn!,
          }),
      };
    }
    return {
      ...common,
      action: 'webhook.print-centre.job-failed',
      deliver: () =>
        this.workflows.signal(renewalId, printJobFailedSignal, { jobKey: event.jobKey, reason: event.reason! }),
    };
  }

  async saudiPost(tx: Persistence, event: SaudiPostEventDto): Promise<RoutedWebhook> {
    const renewalId = await tx.shipments.renewalOfTrackingNumber(event.trackingNumber);
    if (!renewalId) {
      throw new ProblemException(
        HttpStatus.NOT_FOUND,
        'tracking-number-unknown',
        'Unknown tracking number',
        'No shipment of ours has this tracking number',
      );
    }
    return {
      renewalId,
      action: 'webhook.saudi-post.carrier-event',
      details: { eventId: event.eventId, type: event.type, trackingNumber: event.trackingNumber },
      deliver: () =>
        this.workflows.signal(renewalId, carrierEventSignal, {
          eventId: event.eventId,
          trackingNumber: event.trackingNumber,
          type: event.type,
          occurredAt: event.occurredAt,
          ...(event.proof ? { proof: event.proof } : {}),
          ...(event.reason ? { reason: event.reason } : {}),
        }),
    };
  }

  /** The renewal a partner's copy of one of our keys (bill, print job) belongs to. */
  private async renewalOfKey(tx: Persistence, key: string, slug: string, title: string): Promise<string> {
    const renewalId = renewalIdOfKey(key);
    const known = renewalId !== undefined && (await tx.renewals.exists(renewalId));
    if (!known) throw new ProblemException(HttpStatus.NOT_FOUND, slug, title, 'It names no renewal of ours');
    return renewalId!;
  }
}
