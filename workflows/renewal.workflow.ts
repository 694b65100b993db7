import {
  ActivityFailure,
  ApplicationFailure,
  CancellationScope,
  condition,
  isCancellation,
  log,
  patched,
  setHandler,
} from '@temporalio/workflow';
import { address, delivery, notifications, payments, printing, registry } from './activities';
import {
  applyCarrierEvent,
  MAX_ATTEMPTS_REASON,
  ShipmentOutcome,
  ShipmentProgress,
  startShipment,
} from './carrier-events';
import { eligibilityProblem, validateAcceptance } from './eligibility';
import { Fee, feeFor } from './fees';
import {
  AcceptanceRequest,
  acceptTermsUpdate,
  addressRegisteredSignal,
  CancellationRequest,
  cancelRenewalUpdate,
  CarrierEvent,
  carrierEventSignal,
  type CitizenFacts,
  type CitizenNotice,
  CounterVerificationRequest,
  declareShipmentLostSignal,
  type DispatchedShipment,
  HandoverRequest,
  handOverUpdate,
  LossDeclaration,
  PaymentReceived,
  paymentReceivedSignal,
  PrintJobCompleted,
  printJobCompletedSignal,
  printJobFailedSignal,
  printJobKey,
  type RenewalInput,
  type RenewalOutcome,
  type RenewalPolicy,
  RenewalStage,
  type RenewalStatus,
  statusQuery,
  TERMINAL_STAGES,
  verifyOldPassportUpdate,
} from './contract';
import { StageTracker } from './stage-tracker';
import { endOfWorkingDays } from './working-days';

/** Stages in which the citizen may still withdraw: nothing has been printed yet. */
const CITIZEN_CANCELLABLE: ReadonlySet<RenewalStage> = new Set([
  'ELIGIBILITY_CHECK',
  'AWAITING_ACCEPTANCE',
  'AWAITING_PAYMENT',
  'AWAITING_ADDRESS',
]);

/** Marks histories recorded after the daily Wasel re-check was added (older ones replay without it). */
const DAILY_ADDRESS_RECHECK = 'daily-address-recheck';
const ADDRESS_RECHECK_MS = 24 * 60 * 60 * 1000;

/** Counter mismatches after which operators look at the renewal (possible fraud). */
const MISMATCHES_BEFORE_ALERT = 3;

type PrintResult = { ok: true; passport: PrintJobCompleted } | { ok: false; reason: string };

/**
 * One passport renewal, from the eligibility check to a valid new passport in
 * the citizen's hands (DESIGN.md section 3). `PassportRenewal.flow` below is the
 * whole state machine, read top to bottom; it decides, and activities do the I/O.
 */
export async function passportRenewal(input: RenewalInput): Promise<RenewalOutcome> {
  return new PassportRenewal(input).run();
}

class PassportRenewal {
  private readonly policy: RenewalPolicy;
  private readonly tracker: StageTracker;
  /** Cancelling this scope stops the flow wherever it waits; compensation then runs outside it. */
  private readonly flowScope = new CancellationScope();

  private facts?: CitizenFacts;
  private acceptance?: AcceptanceRequest;
  private fee?: Fee;
  private bill?: { billNumber: string; amountSar: number; expiresAt: string };
  private payment?: PaymentReceived;
  private addressRegistered = false;
  /** 1 for the first passport, +1 for each replacement printed after a loss. */
  private issueNumber = 1;
  private readonly printResults = new Map<string, PrintResult>();
  /** The print job submitted and not yet finished (to cancel on compensation). */
  private pendingPrintJob?: string;
  /** The printed passport not yet handed over, delivered or voided. */
  private printed?: PrintJobCompleted;
  private shipment?: DispatchedShipment & { open: boolean };
  private progress?: ShipmentProgress;
  private readonly carrierInbox: CarrierEvent[] = [];
  private readonly seenCarrierEvents = new Set<string>();
  private lossDeclaration?: LossDeclaration;
  private oldPassportVerified = false;
  private counterMismatches = 0;
  private handoverBy?: string;
  /** The new passport is being activated: past this point the renewal can only complete. */
  private handingOver = false;
  private cancellation?: CancellationRequest;
  private readonly compensations: string[] = [];
  private outcome?: RenewalOutcome;
  /** Why the renewal ended (rejected, expired, cancelled, failed, or how it completed). */
  private outcomeReason?: string;
  private noticesSent = 0;
  private readonly noticesInFlight: Promise<void>[] = [];

  constructor(private readonly input: RenewalInput) {
    this.policy = input.policy;
    this.tracker = new StageTracker(input);
  }

  async run(): Promise<RenewalOutcome> {
    this.handleMessages();
    try {
      this.outcome = await this.flowScope.run(() => this.flow());
    } catch (error) {
      if (this.cancellation && isCancellation(error)) {
        this.outcome = await CancellationScope.nonCancellable(() => this.cancel());
      } else {
        const reason = permanentFailureType(error);
        // Anything else is a bug: rethrowing fails the workflow task, which retries once the code is fixed.
        if (!reason) throw error;
        this.outcome = await CancellationScope.nonCancellable(() => this.fail(reason));
      }
    }
    await Promise.all(this.noticesInFlight);
    return this.outcome;
  }

  // ---- the state machine -------------------------------------------------------------

  private async flow(): Promise<RenewalOutcome> {
    const { policy, input } = this;

    await this.tracker.enter('ELIGIBILITY_CHECK');
    this.facts = await registry.lookUpCitizen(input.nationalId);
    const rejection = eligibilityProblem(this.facts, new Date(), policy);
    if (rejection) return this.finish('REJECTED', rejection);

    const acceptBy = after(policy.acceptanceWindowMs);
    await this.tracker.enter('AWAITING_ACCEPTANCE', { deadline: acceptBy });
    this.notify('ACCEPTANCE_REQUESTED');
    if (!(await waitUntil(() => this.acceptance !== undefined, acceptBy))) {
      return this.finish('EXPIRED', 'ACCEPTANCE_WINDOW_ELAPSED');
    }

    if (!(await this.collectPayment())) return this.finish('CANCELLED', 'BILL_EXPIRED');

    if (this.tracker.deliveryMethod === 'POST' && !(await this.secureNationalAddress())) {
      this.tracker.deliveryMethod = 'PICKUP';
      this.notify('ADDRESS_FALLBACK_TO_PICKUP', { officeId: this.tracker.officeId });
    }

    // Print, then hand over or deliver; a passport lost in transit is replaced and sent again.
    for (;;) {
      const passport = await this.printPassport();
      if (!passport) return this.fail('PRINTING_FAILED');
      if (this.tracker.deliveryMethod === 'PICKUP') return this.handOverAtCounter(passport);

      const shipped = await this.deliverByPost();
      if (shipped.kind === 'DELIVERED') return this.completeDelivery(passport, shipped.proof);
      if (shipped.kind === 'RETURNED') {
        await this.bringBackToOffice(shipped.reason);
        this.tracker.deliveryMethod = 'PICKUP';
        this.notify('RETURNED_TO_OFFICE', { officeId: this.tracker.officeId });
        return this.handOverAtCounter(passport, shipped.reason);
      }
      await this.compensateLoss(passport, shipped.reason);
      if (this.issueNumber > policy.maxReissues) return this.fail('REISSUE_LIMIT_REACHED');
      this.issueNumber += 1;
      // The last replacement allowed is handed over at the counter rather than risked in the post again.
      if (this.issueNumber - 1 >= policy.maxReissues) this.tracker.deliveryMethod = 'PICKUP';
      await this.tracker.enter('REISSUING', { note: `replacement issue ${this.issueNumber}` });
    }
  }

  /** A SADAD bill for the fee (plus postage); unpaid by its expiry, the renewal is cancelled. */
  private async collectPayment(): Promise<boolean> {
    const { input, fee } = this;
    this.bill = await payments.issueBill({
      renewalId: input.renewalId,
      nationalId: input.nationalId,
      amountSar: fee!.totalSar,
      expiresAt: after(this.policy.paymentWindowMs).toISOString(),
    });
    const expiresAt = new Date(this.bill.expiresAt);
    await this.tracker.enter('AWAITING_PAYMENT', { deadline: expiresAt });
    this.notify('BILL_ISSUED', {
      billNumber: this.bill.billNumber,
      amountSar: this.bill.amountSar,
      until: expiresAt.toISOString(),
    });
    if (!(await waitUntil(() => this.payment !== undefined, expiresAt))) {
      await payments.cancelBill({ renewalId: input.renewalId, billNumber: this.bill.billNumber });
      this.compensations.push('BILL_CANCELLED');
      return false;
    }
    await payments.recordPayment({ billNumber: this.bill.billNumber });
    this.notify('PAYMENT_RECEIVED');
    return true;
  }

  /**
   * Home delivery needs a Wasel national address; the citizen gets a window to
   * subscribe. Wasel's webhook wakes the renewal, and since that webhook can
   * arrive before the renewal is seen waiting (and be dropped), the address is
   * also re-checked daily.
   */
  private async secureNationalAddress(): Promise<boolean> {
    const { nationalId } = this.input;
    if ((await address.checkNationalAddress(nationalId)) === 'FOUND') return true;
    const deadline = after(this.policy.addressWindowMs);
    await this.tracker.enter('AWAITING_ADDRESS', { deadline });
    this.notify('WASEL_SUBSCRIPTION_NEEDED', { until: deadline.toISOString() });
    const recheckDaily = patched(DAILY_ADDRESS_RECHECK);
    for (;;) {
      const wakeAt = recheckDaily ? earliest(deadline, after(ADDRESS_RECHECK_MS)) : deadline;
      const signalled = await waitUntil(() => this.addressRegistered, wakeAt);
      if (!signalled && (!recheckDaily || Date.now() >= deadline.getTime())) return false;
      this.addressRegistered = false;
      if ((await address.checkNationalAddress(nationalId)) === 'FOUND') return true;
    }
  }

  /** One print job per attempt; overdue jobs are escalated, failed ones reprinted up to the policy's limit. */
  private async printPassport(): Promise<PrintJobCompleted | undefined> {
    const { input, policy } = this;
    for (let attempt = 1; attempt <= policy.maxPrintAttempts; attempt++) {
      const jobKey = printJobKey(input.renewalId, this.issueNumber, attempt);
      let deadline = after(policy.printDeadlineMs);
      await this.tracker.enter('PRINTING', { deadline, note: attempt > 1 ? `print attempt ${attempt}` : undefined });
      this.pendingPrintJob = jobKey;
      await printing.submitPrintJob({
        jobKey,
        renewalId: input.renewalId,
        issueNumber: this.issueNumber,
        attempt,
        officeId: this.tracker.officeId,
        nationalId: input.nationalId,
        validityYears: this.acceptance!.validityYears,
      });
      if (this.issueNumber === 1 && attempt === 1) this.notify('PRINTING');

      if (!(await waitUntil(() => this.printResults.has(jobKey), deadline))) {
        await this.alertOperators('PRINT_OVERDUE', { jobKey });
        deadline = after(policy.printDeadlineMs);
        await this.tracker.extendDeadline(deadline, 'PRINT_OVERDUE_ESCALATED');
        if (!(await waitUntil(() => this.printResults.has(jobKey), deadline))) {
          await printing.cancelPrintJob(jobKey);
          this.pendingPrintJob = undefined;
          return undefined;
        }
      }
      this.pendingPrintJob = undefined;
      const result = this.printResults.get(jobKey)!;
      if (result.ok) {
        await registry.recordPrintedPassport({ ...result.passport, nationalId: input.nationalId });
        this.printed = result.passport;
        return result.passport;
      }
      await printing.recordPrintFailure({ jobKey, reason: result.reason });
    }
    return undefined;
  }

  /** No appointment: the passport waits at the office for a window of working days, with a reminder. */
  private async handOverAtCounter(passport: PrintJobCompleted, note?: string): Promise<RenewalOutcome> {
    const { policy } = this;
    const now = new Date();
    const deadline = endOfWorkingDays(now, policy.pickupWindowWorkingDays, policy.holidays);
    const remindAfter = policy.pickupWindowWorkingDays - policy.pickupReminderWorkingDaysBefore;
    const reminderAt =
      remindAfter > 0 && policy.pickupReminderWorkingDaysBefore > 0
        ? endOfWorkingDays(now, remindAfter, policy.holidays)
        : undefined;
    this.oldPassportVerified = false;
    await this.tracker.enter('READY_FOR_PICKUP', { deadline, note });
    const where = { officeId: this.tracker.officeId, until: deadline.toISOString() };
    this.notify('READY_FOR_PICKUP', where);

    const handedOver = () => this.handoverBy !== undefined;
    if (reminderAt && !(await waitUntil(handedOver, reminderAt))) this.notify('PICKUP_REMINDER', where);
    if (!(await waitUntil(handedOver, deadline))) {
      await registry.voidPassport({ passportNumber: passport.passportNumber, reason: 'PICKUP_WINDOW_ELAPSED' });
      this.printed = undefined;
      this.compensations.push('PASSPORT_VOIDED');
      return this.finish('EXPIRED', 'PICKUP_WINDOW_ELAPSED');
    }
    // Safety rule: the new passport becomes valid only now, on a confirmed handover.
    await this.activate(passport);
    return this.finish('COMPLETED', `handed over by clerk ${this.handoverBy}`, passport.passportNumber);
  }

  /**
   * The dedicated envelope goes out with Saudi Post. Carrier events move the
   * stage; the 24-hour SLA runs from the carrier's acceptance, and its breach
   * alerts operators without giving up; past the loss threshold the envelope is lost.
   */
  private async deliverByPost(): Promise<ShipmentOutcome> {
    const { input, policy } = this;
    const shipment = await delivery.dispatchShipment({
      renewalId: input.renewalId,
      issueNumber: this.issueNumber,
      nationalId: input.nationalId,
      originOfficeId: this.tracker.officeId,
    });
    this.shipment = { ...shipment, open: true };
    this.progress = startShipment(shipment.trackingNumber);
    const lossDeadline = after(policy.lossThresholdMs);
    await this.tracker.enter('DISPATCHED', { deadline: lossDeadline });
    this.notify('DISPATCHED', { trackingNumber: shipment.trackingNumber });

    for (;;) {
      const slaDeadline = this.slaDeadline();
      const wakeAt =
        slaDeadline && !this.tracker.slaBreached && slaDeadline < lossDeadline ? slaDeadline : lossDeadline;
      const woke = await waitUntil(() => this.carrierInbox.length > 0 || this.lossDeclaration !== undefined, wakeAt);
      if (this.lossDeclaration) {
        const declaration = this.lossDeclaration;
        this.lossDeclaration = undefined;
        return { kind: 'LOST', reason: `DECLARED_LOST_BY_OPERATOR ${declaration.operatorId}` };
      }
      if (!woke) {
        if (Date.now() >= lossDeadline.getTime()) return { kind: 'LOST', reason: 'LOSS_THRESHOLD_ELAPSED' };
        await this.tracker.markSlaBreached();
        await this.alertOperators('DELIVERY_SLA_BREACHED', { trackingNumber: shipment.trackingNumber });
        continue;
      }
      const outcome = await this.applyCarrierEvents(lossDeadline);
      if (outcome) return outcome;
    }
  }

  private async applyCarrierEvents(lossDeadline: Date): Promise<ShipmentOutcome | undefined> {
    while (this.carrierInbox.length > 0) {
      const event = this.carrierInbox.shift()!;
      const wasAccepted = this.progress!.acceptedAt;
      const reduction = applyCarrierEvent(this.progress!, event, this.policy.maxDeliveryAttempts);
      this.progress = reduction.progress;
      if (!reduction.applied) continue;
      if (reduction.outcome) return reduction.outcome;
      const deadline = this.slaDeadline() ?? lossDeadline;
      if (this.progress.stage !== this.tracker.stage) {
        await this.tracker.enter(this.progress.stage, { deadline });
        if (this.progress.stage === 'OUT_FOR_DELIVERY') this.notify('OUT_FOR_DELIVERY');
      } else if (this.progress.acceptedAt !== wasAccepted) {
        await this.tracker.extendDeadline(deadline, 'ACCEPTED_BY_CARRIER');
      }
    }
    return undefined;
  }

  private slaDeadline(): Date | undefined {
    const acceptedAt = this.progress?.acceptedAt;
    return acceptedAt ? new Date(new Date(acceptedAt).getTime() + this.policy.deliverySlaMs) : undefined;
  }

  /** Delivered with proof: the courier collected the old passport, so it is cancelled and the new one activated. */
  private async completeDelivery(passport: PrintJobCompleted, proof: string): Promise<RenewalOutcome> {
    await this.closeShipment('DELIVERED');
    await this.activate(passport);
    return this.finish('COMPLETED', `delivered (${proof})`, passport.passportNumber);
  }

  /**
   * Compensation for a loss in transit: the lost passport is voided in the
   * registry (it was never valid), and a claim for the reissue cost is opened
   * against the carrier. The citizen pays nothing more.
   */
  private async compensateLoss(passport: PrintJobCompleted, reason: string): Promise<void> {
    await this.tracker.enter('LOST', { note: reason });
    await this.closeShipment('LOST');
    await registry.voidPassport({ passportNumber: passport.passportNumber, reason: 'LOST_IN_TRANSIT' });
    this.printed = undefined;
    await delivery.openLossClaim({
      renewalId: this.input.renewalId,
      issueNumber: this.issueNumber,
      trackingNumber: this.shipment!.trackingNumber,
      liabilitySar: this.fee!.feeSar,
    });
    this.notify('LOST_AND_REISSUING');
  }

  /** After the last failed attempt we ask the carrier to return the envelope; a RETURNED event means it already has. */
  private async bringBackToOffice(reason: string): Promise<void> {
    if (reason === MAX_ATTEMPTS_REASON) {
      await delivery.recallShipment({
        shipmentKey: this.shipment!.shipmentKey,
        trackingNumber: this.shipment!.trackingNumber,
      });
      this.shipment!.open = false;
    } else {
      await this.closeShipment('RETURNED');
    }
  }

  private async activate(passport: PrintJobCompleted): Promise<void> {
    this.handingOver = true;
    await registry.activateNewPassport({
      renewalId: this.input.renewalId,
      newPassportNumber: passport.passportNumber,
      oldPassportNumber: this.facts?.currentPassport?.passportNumber,
    });
    this.printed = undefined;
  }

  private async closeShipment(status: 'DELIVERED' | 'RETURNED' | 'LOST'): Promise<void> {
    await delivery.closeShipment({ shipmentKey: this.shipment!.shipmentKey, status });
    this.shipment!.open = false;
  }

  // ---- endings and compensation -----------------------------------------------------

  private async finish(stage: RenewalStage, reason?: string, newPassportNumber?: string): Promise<RenewalOutcome> {
    this.outcomeReason = reason;
    await this.tracker.enter(stage, { note: reason });
    this.notify(stage as CitizenNotice, { reason });
    return { stage, ...(reason ? { reason } : {}), ...(newPassportNumber ? { newPassportNumber } : {}) };
  }

  private async cancel(): Promise<RenewalOutcome> {
    const { requestedBy } = this.cancellation!;
    await this.undoSideEffects(`cancelled by ${requestedBy.role.toLowerCase()} ${requestedBy.id}`);
    return this.finish('CANCELLED', `CANCELLED_BY_${requestedBy.role}`);
  }

  private async fail(reason: string): Promise<RenewalOutcome> {
    await this.alertOperators('RENEWAL_FAILED', { reason });
    await this.undoSideEffects(reason);
    return this.finish('FAILED', reason);
  }

  /** Undoes what was done, in reverse order of doing it; every step is idempotent. */
  private async undoSideEffects(reason: string): Promise<void> {
    const renewalId = this.input.renewalId;
    if (this.shipment?.open) {
      await delivery.recallShipment({
        shipmentKey: this.shipment.shipmentKey,
        trackingNumber: this.shipment.trackingNumber,
      });
      this.shipment.open = false;
      this.compensations.push('SHIPMENT_RECALLED');
    }
    if (this.printed) {
      await registry.voidPassport({ passportNumber: this.printed.passportNumber, reason });
      this.printed = undefined;
      this.compensations.push('PASSPORT_VOIDED');
    }
    if (this.pendingPrintJob) {
      await printing.cancelPrintJob(this.pendingPrintJob);
      this.pendingPrintJob = undefined;
      this.compensations.push('PRINT_JOB_CANCELLED');
    }
    if (this.bill && this.payment) {
      await payments.refundBill({ renewalId, billNumber: this.bill.billNumber, reason });
      this.compensations.push('PAYMENT_REFUNDED');
    } else if (this.bill && !this.compensations.includes('BILL_CANCELLED')) {
      await payments.cancelBill({ renewalId, billNumber: this.bill.billNumber });
      this.compensations.push('BILL_CANCELLED');
    }
  }

  // ---- side channels: notices and alerts (best effort) ----------------------------

  /**
   * Tells the citizen, without holding the renewal up: the SMS goes out beside
   * the flow, and a notice that cannot be sent is given up, never the renewal.
   * `run` waits for the last notices before the workflow closes.
   */
  private notify(notice: CitizenNotice, params: Record<string, string | number | undefined> = {}): void {
    this.noticesSent += 1;
    // Outside the flow's scope: cancelling the renewal must not stop the notice that says so.
    const sending = CancellationScope.nonCancellable(() =>
      notifications.notifyCitizen({
        renewalId: this.input.renewalId,
        nationalId: this.input.nationalId,
        messageKey: `${this.input.renewalId}/notice-${this.noticesSent}`,
        notice,
        params,
      }),
    ).catch(() => log.warn('Citizen notification not sent', { renewalId: this.input.renewalId, notice }));
    this.noticesInFlight.push(sending);
  }

  private async alertOperators(kind: string, details: Record<string, unknown> = {}): Promise<void> {
    try {
      await notifications.alertOperators({
        renewalId: this.input.renewalId,
        alertKey: `${this.input.renewalId}/${kind}/${this.tracker.timeline.length}`,
        kind,
        details,
      });
    } catch (error) {
      if (isCancellation(error)) throw error;
      log.warn('Operator alert not recorded', { renewalId: this.input.renewalId, kind });
    }
  }

  // ---- messages ---------------------------------------------------------------------------

  private handleMessages(): void {
    setHandler(statusQuery, () => this.status());

    setHandler(
      acceptTermsUpdate,
      (request: AcceptanceRequest) => {
        this.acceptance = request;
        this.tracker.deliveryMethod = request.delivery.method;
        if (request.delivery.method === 'PICKUP') this.tracker.officeId = request.delivery.officeId;
        this.fee = feeFor(request.validityYears, request.delivery.method, this.policy.fees);
        return this.fee;
      },
      {
        validator: (request: AcceptanceRequest) => {
          if (this.acceptance) refuse('The renewal has already been accepted', 'AlreadyAccepted');
          this.requireStage('AWAITING_ACCEPTANCE');
          validateAcceptance(request, this.facts!, new Date(), this.policy);
        },
      },
    );

    setHandler(
      cancelRenewalUpdate,
      async (request: CancellationRequest) => {
        this.cancellation = request;
        this.flowScope.cancel();
        await condition(() => this.outcome !== undefined);
        if (this.outcome!.stage !== 'CANCELLED') refuse(`The renewal ended ${this.outcome!.stage} first`, 'TooLate');
        return { stage: 'CANCELLED' as const, compensations: [...this.compensations] };
      },
      {
        validator: (request: CancellationRequest) => {
          if (TERMINAL_STAGES.has(this.tracker.stage) || this.outcome) refuse('The renewal has ended', 'AlreadyEnded');
          if (this.cancellation) refuse('The renewal is already being cancelled', 'AlreadyCancelling');
          if (this.handingOver || this.handoverBy) {
            refuse('The new passport is being handed over or delivered', 'HandoverInProgress');
          }
          if (request.requestedBy.role === 'CITIZEN' && !CITIZEN_CANCELLABLE.has(this.tracker.stage)) {
            refuse('Printing has started: the renewal can no longer be withdrawn online', 'PrintingStarted');
          }
        },
      },
    );

    setHandler(
      verifyOldPassportUpdate,
      async (request: CounterVerificationRequest) => {
        const onRecord = this.facts?.currentPassport?.passportNumber;
        const matched = request.presentedPassportNumber.toUpperCase() === onRecord;
        if (matched) {
          this.oldPassportVerified = true;
        } else {
          this.counterMismatches += 1;
          if (this.counterMismatches === MISMATCHES_BEFORE_ALERT) {
            await this.alertOperators('COUNTER_MISMATCHES', {
              clerkId: request.clerkId,
              mismatches: this.counterMismatches,
            });
          }
        }
        return { matched, mismatchesSoFar: this.counterMismatches };
      },
      {
        validator: (request: CounterVerificationRequest) => {
          this.requireStage('READY_FOR_PICKUP');
          if (request.identityConfirmed !== true) {
            refuse("The clerk must confirm the holder's identity first", 'IdentityNotConfirmed');
          }
        },
      },
    );

    setHandler(
      handOverUpdate,
      async (request: HandoverRequest) => {
        this.handoverBy = request.clerkId;
        // Answer once the handover is recorded everywhere, so what the clerk sees next is final.
        await condition(() => this.outcome !== undefined);
        if (!this.outcome!.newPassportNumber) refuse(`The renewal ended ${this.outcome!.stage}`, 'TooLate');
        return { newPassportNumber: this.outcome!.newPassportNumber };
      },
      {
        validator: (_request: HandoverRequest) => {
          this.requireStage('READY_FOR_PICKUP');
          if (!this.oldPassportVerified) refuse('The old passport has not been matched yet', 'OldPassportNotVerified');
          if (this.handoverBy) refuse('The passport is already being handed over', 'AlreadyHandedOver');
        },
      },
    );

    setHandler(paymentReceivedSignal, (payment: PaymentReceived) => {
      // Only a full payment of this renewal's bill counts; anything else is left for reconciliation.
      if (this.payment || !this.bill || payment.billNumber !== this.bill.billNumber) return;
      if (payment.amountSar < this.bill.amountSar) return;
      this.payment = payment;
    });

    setHandler(addressRegisteredSignal, () => {
      this.addressRegistered = true;
    });

    setHandler(printJobCompletedSignal, (completed: PrintJobCompleted) => {
      if (!this.printResults.has(completed.jobKey))
        this.printResults.set(completed.jobKey, { ok: true, passport: completed });
    });

    setHandler(printJobFailedSignal, (failed) => {
      if (!this.printResults.has(failed.jobKey))
        this.printResults.set(failed.jobKey, { ok: false, reason: failed.reason });
    });

    setHandler(carrierEventSignal, (event: CarrierEvent) => {
      if (this.seenCarrierEvents.has(event.eventId)) return;
      this.seenCarrierEvents.add(event.eventId);
      this.carrierInbox.push(event);
    });

    setHandler(declareShipmentLostSignal, (declaration: LossDeclaration) => {
      if (this.shipment?.open) this.lossDeclaration = declaration;
    });
  }

  private requireStage(expected: RenewalStage): void {
    if (this.tracker.stage !== expected || this.outcome || this.cancellation) {
      refuse(`The renewal is ${this.tracker.stage}, not ${expected}`, 'WrongStage');
    }
  }

  private status(): RenewalStatus {
    const { tracker } = this;
    return {
      renewalId: this.input.renewalId,
      stage: tracker.stage,
      deliveryMethod: tracker.deliveryMethod,
      officeId: tracker.officeId,
      issueNumber: this.issueNumber,
      validityYears: this.acceptance?.validityYears,
      timeline: tracker.timeline,
      stageDeadline: tracker.stageDeadline?.toISOString(),
      slaBreached: tracker.slaBreached,
      tracking:
        this.shipment && this.progress
          ? {
              trackingNumber: this.shipment.trackingNumber,
              envelopeBarcode: this.shipment.envelopeBarcode,
              lastEvent: this.progress.lastEvent,
              lastEventAt: this.progress.lastEventAt,
              deliveryAttempts: this.progress.deliveryAttempts,
              acceptedAt: this.progress.acceptedAt,
              slaDeadline: this.slaDeadline()?.toISOString(),
            }
          : undefined,
      pendingAction: this.pendingAction(),
      outcomeReason: this.outcomeReason,
      counterMismatches: this.counterMismatches,
      amountDueSar: this.bill && !this.payment ? this.bill.amountSar : undefined,
      billNumber: this.bill?.billNumber,
    };
  }

  private pendingAction(): string | undefined {
    switch (this.tracker.stage) {
      case 'AWAITING_ACCEPTANCE':
        return 'CITIZEN_REVIEW_AND_ACCEPT';
      case 'AWAITING_PAYMENT':
        return 'CITIZEN_PAY_BILL';
      case 'AWAITING_ADDRESS':
        return 'CITIZEN_SUBSCRIBE_TO_WASEL';
      case 'READY_FOR_PICKUP':
        return this.oldPassportVerified ? 'CLERK_HAND_OVER_NEW_PASSPORT' : 'CITIZEN_VISIT_OFFICE_WITH_OLD_PASSPORT';
      case 'OUT_FOR_DELIVERY':
        return 'CITIZEN_RECEIVE_COURIER_WITH_OLD_PASSPORT';
      default:
        return undefined;
    }
  }
}

function refuse(message: string, type: string): never {
  throw ApplicationFailure.nonRetryable(message, type);
}

function earliest(a: Date, b: Date): Date {
  return a < b ? a : b;
}

function after(ms: number): Date {
  return new Date(Date.now() + ms);
}

/** Waits for `done` until `deadline` (workflow time); true if it happened in time. */
async function waitUntil(done: () => boolean, deadline: Date): Promise<boolean> {
  const remaining = deadline.getTime() - Date.now();
  if (remaining <= 0) return done();
  return condition(done, remaining);
}

/** The type of a failure a partner system refused for good (non-retryable), if that is what ended the flow. */
function permanentFailureType(error: unknown): string | undefined {
  if (error instanceof ActivityFailure && error.cause instanceof ApplicationFailure) {
    return error.cause.type ?? 'PermanentFailure';
  }
  return undefined;
}
