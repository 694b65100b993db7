import { ActivityFailure, ApplicationFailure, patched, setHandler } from '@temporalio/workflow';
import { delivery, registry } from './activities';
import {
  applyCarrierEvent,
  MAX_ATTEMPTS_REASON,
  type ShipmentOutcome,
  type ShipmentProgress,
  startShipment,
} from './carrier-events';
import {
  type CarrierEvent,
  carrierEventSignal,
  declareShipmentLostSignal,
  type DispatchedShipment,
  type LossDeclaration,
  type PrintJobCompleted,
  type Tracking,
} from './contract';
import type { RenewalContext } from './renewal-context';
import { after, StandingTimer, waitUntil } from './timing';

/**
 * Patch: an operator's loss declaration is first put to the carrier as a claim. The carrier may have delivered
 * the envelope while the operator was declaring it lost (its DELIVERED event still on its way to us): it then
 * refuses the claim, and the renewal goes on to the delivery instead of voiding a passport the citizen holds.
 */
export const CLAIM_DECLARED_LOSS_FIRST = 'claim-declared-loss-first';

/**
 * Home delivery by Saudi Post: the dedicated envelope is dispatched, the
 * carrier's events (by signal) move the stage, the 24-hour SLA runs from the
 * carrier's acceptance, and an envelope not delivered by the loss threshold, or
 * declared lost, is lost.
 */
export class Post {
  private shipment?: DispatchedShipment & { open: boolean };
  private progress?: ShipmentProgress;
  private readonly inbox: CarrierEvent[] = [];
  /** Every carrier event id ever received: the one place a repeated event is dropped. */
  private readonly seenEventIds = new Set<string>();
  private lossDeclaration?: LossDeclaration;
  /** The issue whose loss claim the carrier already accepted (a declared loss is claimed before it is acted on). */
  private claimedIssue?: number;

  constructor(private readonly renewal: RenewalContext) {}

  /**
   * Dispatches issue `issueNumber` and follows it until it is delivered,
   * returned or lost. An SLA breach alerts operators without giving up.
   * `liabilitySar` is what a loss claim asks the carrier for.
   */
  async deliver(issueNumber: number, liabilitySar: number): Promise<ShipmentOutcome> {
    const { input, tracker, compensation } = this.renewal;
    const shipment = await delivery.dispatchShipment({
      renewalId: input.renewalId,
      issueNumber,
      nationalId: input.nationalId,
      originOfficeId: tracker.officeId,
    });
    this.shipment = { ...shipment, open: true };
    compensation.push('SHIPMENT', 'SHIPMENT_RECALLED', async () => {
      await this.recall();
      this.closed();
    });
    this.progress = startShipment(shipment.trackingNumber);
    const lossDeadline = after(input.policy.lossThresholdMs);
    await tracker.enter('DISPATCHED', {
      deadline: lossDeadline,
      notice: { notice: 'DISPATCHED', params: { trackingNumber: shipment.trackingNumber } },
    });

    // Lean: one timer per deadline rather than one per carrier event (older renewals replay theirs).
    const timer = tracker.lean ? new StandingTimer() : undefined;
    try {
      return await this.follow(lossDeadline, { issueNumber, liabilitySar }, timer);
    } finally {
      timer?.cancel();
    }
  }

  /** Waits for the carrier's events (and the SLA and loss deadlines) until the shipment has an outcome. */
  private async follow(
    lossDeadline: Date,
    claim: { issueNumber: number; liabilitySar: number },
    timer?: StandingTimer,
  ): Promise<ShipmentOutcome> {
    const { tracker, channels } = this.renewal;
    const { trackingNumber } = this.shipment!;
    for (;;) {
      const slaDeadline = this.slaDeadline();
      const wakeAt = slaDeadline && !tracker.slaBreached && slaDeadline < lossDeadline ? slaDeadline : lossDeadline;
      const arrived = () => this.inbox.length > 0 || this.lossDeclaration !== undefined;
      const woke = timer ? await timer.waitUntil(arrived, wakeAt) : await waitUntil(arrived, wakeAt);
      if (this.lossDeclaration) {
        const declaration = this.lossDeclaration;
        this.lossDeclaration = undefined;
        if (
          patched(CLAIM_DECLARED_LOSS_FIRST) &&
          !(await this.claimDeclaredLoss(claim.issueNumber, claim.liabilitySar))
        ) {
          await channels.alertOperators('LOSS_DECLARATION_REFUSED_DELIVERED', {
            trackingNumber,
            operatorId: declaration.operatorId,
          });
          continue;
        }
        return { kind: 'LOST', reason: `DECLARED_LOST_BY_OPERATOR ${declaration.operatorId}` };
      }
      if (!woke) {
        if (Date.now() >= lossDeadline.getTime()) return { kind: 'LOST', reason: 'LOSS_THRESHOLD_ELAPSED' };
        await tracker.markSlaBreached({ kind: 'DELIVERY_SLA_BREACHED', details: { trackingNumber } });
        continue;
      }
      const outcome = await this.applyInbox(lossDeadline);
      if (outcome) return outcome;
    }
  }

  /** After the last failed attempt we ask the carrier to return the envelope; a RETURNED event means it already has. */
  async bringBackToOffice(reason: string): Promise<void> {
    if (reason === MAX_ATTEMPTS_REASON) {
      await this.recall();
      this.closed();
    } else {
      await this.close('RETURNED');
    }
  }

  /**
   * Compensation for a loss in transit: the lost passport is voided in the
   * registry (it was never valid), and a claim for the reissue cost is opened
   * against the carrier. The citizen pays nothing more.
   */
  async compensateLoss(
    passport: PrintJobCompleted,
    reason: string,
    issueNumber: number,
    liabilitySar: number,
  ): Promise<void> {
    const { tracker, channels, compensation } = this.renewal;
    await tracker.enter('LOST', { note: reason });
    await this.close('LOST');
    await registry.voidPassport({ passportNumber: passport.passportNumber, reason: 'LOST_IN_TRANSIT' });
    compensation.resolve('PRINTED_PASSPORT');
    if (this.claimedIssue !== issueNumber) await this.openLossClaim(issueNumber, liabilitySar);
    // Lean: the citizen is told with the REISSUING stage, once a replacement is certain (renewal.workflow.ts).
    if (!tracker.lean) channels.notify('LOST_AND_REISSUING');
  }

  private async openLossClaim(issueNumber: number, liabilitySar: number): Promise<void> {
    const { input } = this.renewal;
    await delivery.openLossClaim({
      renewalId: input.renewalId,
      issueNumber,
      trackingNumber: this.shipment!.trackingNumber,
      liabilitySar,
    });
    this.claimedIssue = issueNumber;
  }

  /** Whether the carrier accepted the claim for a declared loss; false when it says it delivered the envelope. */
  private async claimDeclaredLoss(issueNumber: number, liabilitySar: number): Promise<boolean> {
    try {
      await this.openLossClaim(issueNumber, liabilitySar);
      return true;
    } catch (error) {
      const refusal = error instanceof ActivityFailure ? error.cause : undefined;
      if (refusal instanceof ApplicationFailure && refusal.type === 'ShipmentDelivered') return false;
      throw error;
    }
  }

  async close(status: 'DELIVERED' | 'RETURNED' | 'LOST'): Promise<void> {
    const { shipmentKey } = this.shipment!;
    // Lean: our own row, closed by a progress write (with the tracking it ended on) instead of an activity.
    if (this.renewal.tracker.lean) await this.renewal.tracker.refresh({ closedShipment: { shipmentKey, status } });
    else await delivery.closeShipment({ shipmentKey, status });
    this.closed();
  }

  /** The current shipment as the status shows it. */
  tracking(): Tracking | undefined {
    const { shipment, progress } = this;
    if (!shipment || !progress) return undefined;
    return {
      trackingNumber: shipment.trackingNumber,
      envelopeBarcode: shipment.envelopeBarcode,
      lastEvent: progress.lastEvent,
      lastEventAt: progress.lastEventAt,
      deliveryAttempts: progress.deliveryAttempts,
      acceptedAt: progress.acceptedAt,
      slaDeadline: this.slaDeadline()?.toISOString(),
    };
  }

  /** Carrier events (each event id once) and an operator's loss declaration, whatever the stage. */
  listen(): void {
    setHandler(carrierEventSignal, (event: CarrierEvent) => {
      // Dropped here rather than in the reducer, so a repeat never even wakes the flow.
      if (this.seenEventIds.has(event.eventId)) return;
      this.seenEventIds.add(event.eventId);
      this.inbox.push(event);
    });

    setHandler(declareShipmentLostSignal, (declaration: LossDeclaration) => {
      if (this.shipment?.open) this.lossDeclaration = declaration;
    });
  }

  private async applyInbox(lossDeadline: Date): Promise<ShipmentOutcome | undefined> {
    const { tracker, input } = this.renewal;
    while (this.inbox.length > 0) {
      const event = this.inbox.shift()!;
      const wasAccepted = this.progress!.acceptedAt;
      const reduction = applyCarrierEvent(this.progress!, event, input.policy.maxDeliveryAttempts);
      this.progress = reduction.progress;
      if (!reduction.applied) continue;
      if (reduction.outcome) return reduction.outcome;
      const deadline = this.slaDeadline() ?? lossDeadline;
      if (this.progress.stage !== tracker.stage) {
        const notice = this.progress.stage === 'OUT_FOR_DELIVERY' ? 'OUT_FOR_DELIVERY' : undefined;
        await tracker.enter(this.progress.stage, { deadline, notice: notice && { notice, params: {} } });
      } else if (this.progress.acceptedAt !== wasAccepted) {
        await tracker.extendDeadline(deadline, 'ACCEPTED_BY_CARRIER');
      } else if (tracker.lean) {
        // Tracking moved within the stage (a failed attempt, a later event): the read model shows it.
        await tracker.refresh();
      }
    }
    return undefined;
  }

  private slaDeadline(): Date | undefined {
    const acceptedAt = this.progress?.acceptedAt;
    return acceptedAt ? new Date(new Date(acceptedAt).getTime() + this.renewal.input.policy.deliverySlaMs) : undefined;
  }

  private recall(): Promise<void> {
    const { shipmentKey, trackingNumber } = this.shipment!;
    return delivery.recallShipment({ shipmentKey, trackingNumber });
  }

  /** The shipment ended (delivered, returned, lost or recalled): nothing left to recall. */
  private closed(): void {
    this.shipment!.open = false;
    this.renewal.compensation.resolve('SHIPMENT');
  }
}
