import { HttpStatus, Injectable } from '@nestjs/common';
import {
  addressRegisteredSignal,
  carrierEventSignal,
  DELIVERED_AFTER_LOSS,
  lossClaimKey,
  paymentReceivedSignal,
  printJobCompletedSignal,
  printJobFailedSignal,
  renewalIdOfKey,
} from '../../../workflows/contract';
import type { BillRecord } from '../../persistence/entities/bill.entity';
import type { ShipmentRecord } from '../../persistence/entities/shipment.entity';
import type { Persistence } from '../../persistence/persistence';
import { ProblemException, RetryLaterProblem } from '../shared/problems/problem';
import { RenewalWorkflows } from '../temporal-module/renewal-workflows';
import {
  PrintCentreEventDto,
  SadadPaymentDto,
  SaudiPostEventDto,
  WaselSubscriptionDto,
} from './dto/webhook-payloads.dto';
import type { PartnerAnomaly, RoutedWebhook, UnroutedWebhook } from './webhook-receipts.service';

/**
 * A carrier event may only overtake our shipment row by the moment between
 * writing it and asking the carrier; a few seconds later it can be placed.
 */
const UNPLACED_EVENT_RETRY_AFTER_SECONDS = 5;

/** What a payment says that does not fit the bill we issued: left for reconciliation, and alerted. */
function paymentAnomaly(bill: BillRecord | null, payment: SadadPaymentDto): PartnerAnomaly | undefined {
  if (!bill) return undefined;
  const details = {
    billNumber: payment.billNumber,
    paymentId: payment.paymentId,
    paidSar: payment.amountSar,
    billedSar: bill.amountSar,
    billedNumber: bill.billNumber,
  };
  if (payment.billNumber !== bill.billNumber) return { kind: 'PAYMENT_FOR_ANOTHER_BILL', details };
  if (payment.amountSar !== bill.amountSar) return { kind: 'PAYMENT_AMOUNT_MISMATCH', details };
  return undefined;
}

/** Finds the renewal each partner message is about, and the signal that tells its workflow. */
@Injectable()
export class WebhookRoutes {
  constructor(private readonly workflows: RenewalWorkflows) {}

  async sadad(tx: Persistence, payment: SadadPaymentDto): Promise<RoutedWebhook> {
    const renewalId = await this.renewalOfKey(tx, payment.billReference, 'bill-unknown', 'Unknown bill reference');
    const details = { billNumber: payment.billNumber, paymentId: payment.paymentId, amountSar: payment.amountSar };
    const anomaly = paymentAnomaly(await tx.bills.byKey(payment.billReference), payment);
    return {
      renewalId,
      action: 'webhook.sadad.payment',
      details,
      // The workflow still hears of it (and keeps its own rule: only the full amount of its bill counts).
      anomalies: anomaly ? [anomaly] : [],
      // Money received for a renewal that has ended must be refunded by hand.
      anomalyIfClosed: { kind: 'PAYMENT_FOR_CLOSED_RENEWAL', details },
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

  /**
   * Placed by the shipment key (or barcode) the carrier echoes, which we
   * record before asking the carrier, else by tracking number. An event we
   * cannot place yet gets a 503 with Retry-After, never a 404 a carrier drops.
   */
  async saudiPost(tx: Persistence, event: SaudiPostEventDto): Promise<RoutedWebhook> {
    const shipment = await tx.shipments.ofCarrierEvent(event);
    if (!shipment) {
      throw new RetryLaterProblem(
        'carrier-event-not-placed',
        'Carrier event not placed yet',
        'No shipment of ours has this shipment key, envelope barcode or tracking number yet; retry later',
        UNPLACED_EVENT_RETRY_AFTER_SECONDS,
      );
    }
    const renewalId = shipment.renewalId;
    const details = {
      eventId: event.eventId,
      type: event.type,
      trackingNumber: event.trackingNumber,
      shipmentKey: shipment.shipmentKey,
    };
    if (event.type === 'DELIVERED' && shipment.status === 'LOST')
      return this.deliveredAfterLoss(shipment, event.eventId, details);
    return {
      renewalId,
      action: 'webhook.saudi-post.carrier-event',
      details,
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

  /**
   * The carrier delivered an envelope already declared lost, whose passport
   * was voided and reissued at the carrier's cost: the claim is disputed (by
   * a workflow of its own, as the renewal may have ended) and operators
   * alerted. The renewal itself has moved on and is not told. Until our row
   * says LOST the event goes to the renewal, which decides the same from the
   * order of its own events (post.ts); both start the one dispute of the claim.
   */
  private deliveredAfterLoss(
    shipment: ShipmentRecord,
    carrierEventId: string,
    details: Record<string, unknown>,
  ): RoutedWebhook {
    const claimKey = lossClaimKey(shipment.renewalId, shipment.issueNumber);
    const reason = DELIVERED_AFTER_LOSS;
    return {
      renewalId: shipment.renewalId,
      action: 'webhook.saudi-post.carrier-event',
      details,
      anomalies: [{ kind: reason, details: { ...details, claimKey } }],
      deliver: async () => {
        await this.workflows.startLossClaimDispute({
          renewalId: shipment.renewalId,
          claimKey,
          reason,
          carrierEventId,
        });
        return 'LOSS_CLAIM_DISPUTED';
      },
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
