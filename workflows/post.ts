import { condition, ParentClosePolicy, setHandler, startChild, WorkflowIdReusePolicy } from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import {
  applyCarrierEvent,
  MAX_ATTEMPTS_REASON,
  type ShipmentOutcome,
  type ShipmentProgress,
  startShipment,
} from './carrier-events';
import { answered } from './compensation';
import {
  type CarrierEvent,
  carrierEventSignal,
  declareShipmentLostSignal,
  DELIVERED_AFTER_LOSS,
  type DispatchedShipment,
  lossClaimDisputeWorkflowId,
  lossClaimKey,
  type LossDeclaration,
  type PrintJobCompleted,
  type Tracking,
} from './contract';
import { lossClaimDispute } from './maintenance.workflow';
import { refusedAs } from './refusal';
import type { RenewalContext } from './renewal-context';
import type { StageClock } from './stage-clock';
import { after, StandingTimer } from './timing';

/** How a home delivery ended: as the carrier's events say, or never dispatched (Saudi Post did not take it). */
export type DeliveryOutcome = ShipmentOutcome | { kind: 'NOT_DISPATCHED' };

/** A shipment written off as lost: the claim the carrier accepted for it, if it got that far. */
interface WrittenOff {
  claimKey?: string;
}

/**
 * Home delivery by Saudi Post: the dedicated envelope is dispatched (DISPATCHING,
 * on its own clock), the carrier's events (by signal) move the stage, the
 * 24-hour SLA runs from the carrier's acceptance, and an envelope not delivered
 * by the loss threshold, or declared lost, is lost once the carrier accepts the
 * claim (itself on a clock). A DELIVERED for an envelope already written off is
 * answered by the renewal itself: operators alerted and the claim disputed.
 */
export class Post {
  private shipment?: DispatchedShipment & { open: boolean };
  private progress?: ShipmentProgress;
  private readonly inbox: CarrierEvent[] = [];
  /** Every carrier event id ever received: the one place a repeated event is dropped. */
  private readonly seenEventIds = new Set<string>();
  private lossDeclaration?: LossDeclaration;
  /** The carrier refused a loss claim: it says it delivered, and its DELIVERED event is on its way. */
  private deliveredPerCarrier = false;
  /** Shipments written off as lost, by tracking number: their passports voided and reissued. */
  private readonly writtenOff = new Map<string, WrittenOff>();
  /** DELIVERED events for shipments written off, in the order they came, until answered. */
  private readonly deliveredAfterLoss: CarrierEvent[] = [];
  private answering = false;

  constructor(private readonly renewal: RenewalContext) {}

  /**
   * Dispatches issue `issueNumber` and follows it until it is delivered,
   * returned or lost. An SLA breach alerts operators without giving up; a
   * dispatch Saudi Post has not taken by DISPATCHING's hard limit is given up.
   */
  async deliver(issueNumber: number, liabilitySar: number): Promise<DeliveryOutcome> {
    const { input, tracker, compensation } = this.renewal;
    const request = {
      renewalId: input.renewalId,
      issueNumber,
      nationalId: input.nationalId,
      originOfficeId: tracker.officeId,
    };
    // Undone while the dispatch is in flight (or given up on), that call may still create the shipment: the
    // dispatch is repeated (idempotent by shipment key) to learn which shipment it is, and that one is recalled.
    compensation.push('SHIPMENT', 'SHIPMENT_RECALLED', async (_reason, undo) => {
      let dispatched;
      try {
        dispatched = await undo.call('dispatchShipment', request);
      } catch (error) {
        // No address any more: nothing can be dispatched now. (A call abandoned after its own look-up could
        // still create one: that rare case is not covered here.)
        if (refusedAs(error, 'AddressUnavailable')) return true;
        throw error;
      }
      return dispatched !== undefined && this.recall(undo, dispatched.answer);
    });
    const clock = tracker.startClock(input.policy.dispatchDeadlineMs, {
      kind: 'DISPATCH_OVERDUE',
      details: { issueNumber },
    });
    // Handing the envelope to Saudi Post is a stage of its own: the status says so while the carrier is asked.
    await tracker.enter('DISPATCHING', { deadline: clock.deadline });
    const dispatched = await clock.call('dispatchShipment', request);
    if (!dispatched) return { kind: 'NOT_DISPATCHED' };
    const shipment = dispatched.answer;
    this.shipment = { ...shipment, open: true };
    compensation.push('SHIPMENT', 'SHIPMENT_RECALLED', async (_reason, undo) => {
      const recalled = await this.recall(undo);
      if (recalled) this.closed();
      return recalled;
    });
    this.progress = startShipment(shipment.trackingNumber);
    this.deliveredPerCarrier = false;
    const lossDeadline = after(input.policy.lossThresholdMs);
    await tracker.enter('DISPATCHED', {
      deadline: lossDeadline,
      notice: { notice: 'DISPATCHED', params: { trackingNumber: shipment.trackingNumber } },
    });

    // One timer per deadline rather than one per carrier event.
    const timer = new StandingTimer();
    try {
      return await this.follow(
        lossDeadline,
        (reason) => this.carrierAcceptsLoss(reason, issueNumber, liabilitySar),
        timer,
      );
    } finally {
      timer.cancel();
    }
  }

  /** Waits for the carrier's events (and the SLA and loss deadlines) until the shipment has an outcome. */
  private async follow(
    lossDeadline: Date,
    claimLoss: (reason: string) => Promise<boolean>,
    timer: StandingTimer,
  ): Promise<ShipmentOutcome> {
    const { tracker } = this.renewal;
    const { trackingNumber } = this.shipment!;
    for (;;) {
      const slaDeadline = this.slaDeadline();
      const slaPending = slaDeadline && !tracker.slaBreached ? slaDeadline : undefined;
      // Once the carrier says it delivered, no deadline makes the envelope lost: only its events end the wait.
      const lossAt = this.deliveredPerCarrier ? undefined : lossDeadline;
      const wakeAt = slaPending && (!lossAt || slaPending < lossAt) ? slaPending : lossAt;
      const arrived = () => this.inbox.length > 0 || this.lossDeclaration !== undefined;
      let woke: boolean;
      if (!wakeAt) woke = await condition(arrived).then(() => true);
      else woke = await timer.waitUntil(arrived, wakeAt);
      if (this.lossDeclaration) {
        const declaration = this.lossDeclaration;
        this.lossDeclaration = undefined;
        const reason = `DECLARED_LOST_BY_OPERATOR ${declaration.operatorId}`;
        if (await claimLoss(reason)) return { kind: 'LOST', reason };
        continue;
      }
      if (!woke) {
        if (lossAt && Date.now() >= lossAt.getTime()) {
          if (await claimLoss('LOSS_THRESHOLD_ELAPSED')) return { kind: 'LOST', reason: 'LOSS_THRESHOLD_ELAPSED' };
          continue;
        }
        await tracker.markSlaBreached({ kind: 'DELIVERY_SLA_BREACHED', details: { trackingNumber } });
        continue;
      }
      const outcome = await this.applyInbox(lossDeadline);
      if (outcome?.kind === 'LOST' && !(await claimLoss(outcome.reason))) continue;
      if (outcome) return outcome;
    }
  }

  /**
   * After the last failed attempt we ask the carrier to return the envelope (an undo step: on the compensation
   * window, handed to operators if the carrier does not answer); a RETURNED event means it already has.
   */
  async bringBackToOffice(reason: string): Promise<void> {
    if (reason === MAX_ATTEMPTS_REASON) {
      await this.renewal.compensation.undo('SHIPMENT', reason);
    } else {
      await this.close('RETURNED');
    }
  }

  /**
   * Compensation for a loss in transit, once the carrier has accepted the
   * claim for the reissue cost (`carrierAcceptsLoss`): the lost passport is
   * voided in the registry (it was never valid). The citizen pays nothing more,
   * and is told with the REISSUING stage, once a replacement is certain.
   */
  async compensateLoss(_passport: PrintJobCompleted, reason: string): Promise<void> {
    const { tracker, compensation } = this.renewal;
    await tracker.enter('LOST', { note: reason });
    await this.close('LOST');
    // The lost passport was never valid; voiding it is an undo step (handed to operators if the registry is down).
    await compensation.undo('PRINTED_PASSPORT', 'LOST_IN_TRANSIT');
  }

  /**
   * Whether the carrier accepts the loss: nothing is written off (the passport voided, a replacement printed)
   * before it does. A carrier that has delivered the envelope refuses the claim (ShipmentDelivered): then the
   * loss is not one, operators are told why it was refused, and the renewal waits for the carrier's DELIVERED
   * event (retried until we take it) to complete as delivered. The claim runs on a clock: a carrier that has
   * not answered by its hard limit has the loss written off all the same and the claim left to operators, so
   * the citizen's replacement never waits on the carrier's claims desk.
   */
  private async carrierAcceptsLoss(reason: string, issueNumber: number, liabilitySar: number): Promise<boolean> {
    const { input, tracker } = this.renewal;
    const { trackingNumber } = this.shipment!;
    const before = tracker.stageDeadline;
    const clock: StageClock = tracker.startClock(input.policy.lossClaimDeadlineMs, {
      kind: 'LOSS_CLAIM_OVERDUE',
      details: { loss: reason, trackingNumber },
    });
    try {
      const claim = await clock.call('openLossClaim', {
        renewalId: input.renewalId,
        issueNumber,
        trackingNumber,
        liabilitySar,
      });
      if (!claim) {
        await this.renewal.channels.alertOperators('LOSS_CLAIM_HANDED_TO_OPERATOR', {
          loss: reason,
          trackingNumber,
          liabilitySar,
        });
      }
      this.writeOff(trackingNumber, claim ? lossClaimKey(input.renewalId, issueNumber) : undefined);
      return true;
    } catch (error) {
      if (!refusedAs(error, 'ShipmentDelivered')) throw error;
      this.deliveredPerCarrier = true;
      // Back on the shipment's own deadline, should the claim have run late.
      const refused = {
        kind: 'LOSS_CLAIM_REFUSED',
        details: { reason: 'ShipmentDelivered', loss: reason, trackingNumber },
      };
      await tracker.moveDeadline(before ?? clock.deadline, { alerts: [refused] });
      return false;
    }
  }

  /**
   * The shipment is written off: from here a DELIVERED for it is one after the loss, whether it came while the
   * claim was being made, before our row says LOST (the API then still signals it), or after. The decision is
   * the renewal's, in the order its events came, not the row's.
   */
  private writeOff(trackingNumber: string, claimKey: string | undefined): void {
    this.writtenOff.set(trackingNumber, { claimKey });
    for (let i = this.inbox.length - 1; i >= 0; i--) {
      const event = this.inbox[i];
      if (event.type === 'DELIVERED' && event.trackingNumber === trackingNumber) {
        this.inbox.splice(i, 1);
        this.deliveredAfterLoss.unshift(event);
      }
    }
  }

  /**
   * Runs beside the renewal for as long as it lives: each DELIVERED for a shipment written off alerts operators
   * (DELIVERED_AFTER_LOSS) and disputes the loss claim, by the dispute workflow the API starts for one reported
   * after our row closed: one dispute per claim, whoever asks first.
   */
  async answerDeliveriesAfterLoss(): Promise<never> {
    const { input, channels } = this.renewal;
    for (;;) {
      await condition(() => this.deliveredAfterLoss.length > 0);
      this.answering = true;
      const event = this.deliveredAfterLoss[0];
      const { claimKey } = this.writtenOff.get(event.trackingNumber)!;
      await channels.alertOperators(DELIVERED_AFTER_LOSS, {
        eventId: event.eventId,
        type: event.type,
        trackingNumber: event.trackingNumber,
        ...(claimKey ? { claimKey } : {}),
      });
      if (claimKey) {
        try {
          await startChild(lossClaimDispute, {
            workflowId: lossClaimDisputeWorkflowId(claimKey),
            workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
            // It outlives the renewal if need be: the carrier's claims desk may answer after the renewal ends.
            parentClosePolicy: ParentClosePolicy.ABANDON,
            args: [
              { renewalId: input.renewalId, claimKey, reason: DELIVERED_AFTER_LOSS, carrierEventId: event.eventId },
            ],
          });
        } catch (error) {
          if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
        }
      }
      this.deliveredAfterLoss.shift();
      this.answering = false;
    }
  }

  /** No DELIVERED after a loss is waiting to be answered: the renewal may end. */
  get settled(): boolean {
    return this.deliveredAfterLoss.length === 0 && !this.answering;
  }

  async close(status: 'DELIVERED' | 'RETURNED' | 'LOST'): Promise<void> {
    const { shipmentKey } = this.shipment!;
    // Our own row, closed by a progress write (with the tracking it ended on).
    await this.renewal.tracker.refresh({ closedShipment: { shipmentKey, status } });
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
      if (event.type === 'DELIVERED' && this.writtenOff.has(event.trackingNumber)) {
        this.deliveredAfterLoss.push(event);
        return;
      }
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
      } else if (!wasAccepted && this.progress.acceptedAt) {
        // The carrier's acceptance starts the SLA: one line, once per shipment.
        await tracker.extendDeadline(deadline, 'ACCEPTED_BY_CARRIER');
      } else if (this.progress.acceptedAt !== wasAccepted) {
        // Another ACCEPTED (a new event id) with an earlier time: the SLA's start moves, with no second line.
        await tracker.moveDeadline(deadline);
      } else {
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

  /** Asks the carrier to bring the shipment back; false if it did not answer on `clock`. */
  private async recall(clock: StageClock, { shipmentKey, trackingNumber }: DispatchedShipment = this.shipment!) {
    return answered(await clock.call('recallShipment', { shipmentKey, trackingNumber }));
  }

  /** The shipment ended (delivered, returned, lost or recalled): nothing left to recall. */
  private closed(): void {
    this.shipment!.open = false;
    this.renewal.compensation.resolve('SHIPMENT');
  }
}
