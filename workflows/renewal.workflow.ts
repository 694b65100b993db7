import {
  ApplicationFailure,
  CancellationScope,
  condition,
  isCancellation,
  setHandler,
  setWorkflowOptions,
} from '@temporalio/workflow';
import { registry } from './activities';
import { validateCancellation } from './cancellation';
import { Compensation } from './compensation';
import {
  type AcceptanceRequest,
  acceptTermsUpdate,
  type AlertToRaise,
  type CancellationRequest,
  cancelRenewalUpdate,
  type CitizenFacts,
  type CitizenNotice,
  type Fee,
  feeFor,
  openRenewalUpdate,
  type PrintJobCompleted,
  type RenewalInput,
  type RenewalOpened,
  type RenewalOutcome,
  type RenewalStage,
  type RenewalStatus,
  statusQuery,
} from './contract';
import { Counter } from './counter';
import { eligibilityProblem, validateAcceptance } from './eligibility';
import { NationalAddress } from './national-address';
import { Payment } from './payment';
import { Post } from './post';
import { PassportPrinting } from './printing';
import { permanentFailureType, refuse } from './refusal';
import { shielded } from './shielded';
import type { RenewalContext } from './renewal-context';
import { SideChannels } from './side-channels';
import { type SnapshotDetails, StageTracker } from './stage-tracker';
import { pendingActionAt } from './status';
import { versioningBehavior } from './versioning';
import { after, waitUntil } from './timing';

/**
 * One passport renewal, from the eligibility check to a valid new passport in
 * the citizen's hands (docs/design.md §3). `PassportRenewal.flow` below is the
 * whole state machine, read top to bottom; it decides, and activities do the I/O.
 * Payment, address, printing, the counter and the post are parts beside it, each
 * with its own state and messages; every side effect pushes its undo onto
 * `compensation`, so cancelling or failing undoes exactly what was done.
 *
 * No stage stalls silently: each one that waits on a partner runs on its own
 * clock from the moment it is entered (StageClock), alerting operators at its
 * deadline and reaching its designed ending by its hard limit, whatever the
 * partner does (docs/architecture.md, "Every stage on its own clock").
 *
 * Versions: this code is v1, the first released behaviour, with no branch for
 * an older one. A change that only new renewals need ships as a new worker
 * version (Worker Versioning) and needs nothing here. `patched()` is only for a
 * change that must reach renewals already running: each use names its patch id
 * beside it and says when it can go (once no execution started before it
 * remains), then becomes plain code (docs/architecture.md, "Versions").
 */
export async function passportRenewal(input: RenewalInput): Promise<RenewalOutcome> {
  return new PassportRenewal(input).run();
}

/**
 * Worker Versioning: a renewal moves to the current version at its next workflow task (docs/operations.md, "Worker
 * versions"). It lives for weeks, so PINNED would keep every build's workers running until its last renewal
 * ended, and no fix would reach a renewal already running. The price is the rule above: every build must replay
 * the histories of the builds before it, which `npm run deploy:check` proves against live histories before a
 * version is made current.
 */
setWorkflowOptions(versioningBehavior('AUTO_UPGRADE'), passportRenewal);

class PassportRenewal implements RenewalContext {
  readonly tracker: StageTracker;
  readonly channels: SideChannels;
  readonly compensation: Compensation;
  outcome?: RenewalOutcome;

  private readonly payment: Payment;
  private readonly address: NationalAddress;
  private readonly printing: PassportPrinting;
  private readonly counter: Counter;
  private readonly post: Post;
  /** Cancelling this scope stops the flow wherever it waits; compensation then runs outside it. */
  /** The flow's scope: cancelled by the renewal's own decision only (`requestCancellation`). */
  private flowScope!: CancellationScope;

  private facts?: CitizenFacts;
  private acceptance?: AcceptanceRequest;
  private fee?: Fee;
  /** 1 for the first passport, +1 for each replacement printed after a loss. */
  private issueNumber = 1;
  /** The new passport is being activated: past this point the renewal can only complete. */
  private activating = false;
  private cancellation?: CancellationRequest;
  /** Why the renewal ended (rejected, expired, cancelled, failed, or how it completed). */
  private outcomeReason?: string;

  constructor(readonly input: RenewalInput) {
    this.compensation = new Compensation(input.policy.compensationWindowMs, (compensation, reason, refusal) =>
      this.channels.alertOperators('COMPENSATION_HANDED_TO_OPERATOR', {
        compensation,
        reason,
        ...(refusal ? { refusal } : {}),
      }),
    );
    this.payment = new Payment(this);
    this.address = new NationalAddress(this);
    this.printing = new PassportPrinting(this);
    this.counter = new Counter(this);
    this.post = new Post(this);
    // After the parts: the tracker reads their state for its first snapshot.
    this.tracker = new StageTracker(input, this.snapshotDetails);
    this.channels = new SideChannels(this.tracker);
  }

  async run(): Promise<RenewalOutcome> {
    // Temporal's own cancellation (the UI's "Request Cancellation", `temporal workflow cancel`: an operator's right in
    // the namespace) is an operator's cancel like the API's, under the same rules and with the same undoing. The
    // renewal runs shielded from it, so that one it must refuse (a passport being handed over) leaves it going and is
    // told to operators, instead of cancelling whatever is in flight and failing every workflow task after.
    CancellationScope.current().cancelRequested.catch(() =>
      this.requestCancellation(
        { requestedBy: { role: 'OPERATOR', id: 'temporal' }, reason: 'requested through Temporal' },
        { throughTemporal: true },
      ),
    );
    return CancellationScope.nonCancellable(async () => {
      // Created inside the shield: only the renewal's own decision cancels the flow.
      this.flowScope = new CancellationScope();
      this.handleMessages();
      // Beside the flow, outside its scope: a delivery reported after a loss is answered even if the renewal is cancelled.
      void this.post.answerDeliveriesAfterLoss();
      try {
        this.outcome = await this.flowScope.run(() => this.flow());
      } catch (error) {
        if (this.cancellation && isCancellation(error)) {
          this.outcome = await this.cancel();
        } else {
          const reason = permanentFailureType(error);
          // Anything else is a bug: rethrowing fails the workflow task, which retries once the code is fixed.
          if (!reason) throw error;
          this.outcome = await this.fail(reason);
        }
      }
      await condition(() => this.post.settled);
      return this.outcome;
    });
  }

  /**
   * A cancellation the renewal takes (the flow's scope is cancelled and `run` undoes what was done), or refuses as
   * the cancel update's validator would: a request through Temporal cannot be answered, so operators are told.
   */
  private requestCancellation(request: CancellationRequest, { throughTemporal = false } = {}): void {
    try {
      validateCancellation(request, this.cancellationState());
    } catch (refusal) {
      if (!throughTemporal || this.outcome) throw refusal;
      const { type, message } = refusal as ApplicationFailure;
      void CancellationScope.nonCancellable(() =>
        this.channels.alertOperators('CANCEL_REQUEST_REFUSED', { refusal: type, message, through: 'temporal' }),
      );
      return;
    }
    this.cancellation = request;
    this.flowScope.cancel();
  }

  private cancellationState() {
    return {
      stage: this.tracker.stage,
      ended: this.outcome !== undefined,
      cancelling: this.cancellation !== undefined,
      handingOver: this.activating || this.counter.handoverStarted,
    };
  }

  // ---- the state machine -------------------------------------------------------------

  private async flow(): Promise<RenewalOutcome> {
    const { input, tracker, channels } = this;
    const { policy } = input;

    // The API created the renewal in this stage; its timeline line goes with the next write.
    await tracker.enter('ELIGIBILITY_CHECK', { deferred: true });
    const clock = tracker.startClock(policy.eligibilityDeadlineMs, { kind: 'ELIGIBILITY_CHECK_OVERDUE', details: {} });
    const lookedUp = await clock.call('lookUpCitizen', input.nationalId);
    if (!lookedUp) return this.fail('ELIGIBILITY_CHECK_TIMED_OUT');
    this.facts = lookedUp.answer;
    const rejection = eligibilityProblem(this.facts, new Date(), policy);
    if (rejection) return this.finish('REJECTED', rejection);

    const acceptBy = after(policy.acceptanceWindowMs);
    await tracker.enter('AWAITING_ACCEPTANCE', {
      deadline: acceptBy,
      notice: { notice: 'ACCEPTANCE_REQUESTED', params: {} },
    });
    if (!(await waitUntil(() => this.acceptance !== undefined, acceptBy))) {
      return this.finish('EXPIRED', 'ACCEPTANCE_WINDOW_ELAPSED');
    }

    const collected = await this.payment.collect(this.fee!.totalSar);
    if (collected === 'NOT_ISSUED') return this.fail('BILL_NOT_ISSUED');
    if (collected === 'EXPIRED') return this.finish('CANCELLED', 'BILL_EXPIRED');

    if (tracker.deliveryMethod === 'POST') {
      // The payment is told before Wasel is asked, which may take long; for pickup it goes with PRINTING.
      await tracker.flush();
      if (!(await this.address.secure())) {
        tracker.changeDelivery('PICKUP');
        await channels.tell('ADDRESS_FALLBACK_TO_PICKUP', { officeId: tracker.officeId });
      }
    }

    // Print, then hand over or deliver; a passport lost in transit is replaced and sent again.
    for (;;) {
      const passport = await this.printing.print(this.issueNumber, this.acceptance!.validityYears);
      if (!passport) return this.fail('PRINTING_FAILED');
      if (tracker.deliveryMethod === 'PICKUP') return this.handOverAtCounter(passport);

      const shipped = await this.post.deliver(this.issueNumber, this.fee!.feeSar);
      if (shipped.kind === 'NOT_DISPATCHED') {
        // Saudi Post never took the envelope: it is still at the office, so the citizen collects it there; a
        // shipment the carrier may have created after all is recalled meanwhile.
        tracker.changeDelivery('PICKUP');
        const alert = { kind: 'DISPATCH_TIMED_OUT', details: { issueNumber: this.issueNumber } };
        return this.handOverAtCounter(passport, 'DISPATCH_TIMED_OUT', alert, () =>
          this.compensation.undo('SHIPMENT', 'DISPATCH_TIMED_OUT'),
        );
      }
      if (shipped.kind === 'DELIVERED') return this.completeDelivery(passport, shipped.proof);
      if (shipped.kind === 'RETURNED') {
        await this.post.bringBackToOffice(shipped.reason);
        tracker.changeDelivery('PICKUP');
        await channels.tell('RETURNED_TO_OFFICE', { officeId: tracker.officeId });
        return this.handOverAtCounter(passport, shipped.reason);
      }
      await this.post.compensateLoss(passport, shipped.reason);
      if (this.issueNumber > policy.maxReissues) return this.fail('REISSUE_LIMIT_REACHED');
      this.issueNumber += 1;
      // The last replacement allowed is handed over at the counter rather than risked in the post again.
      if (this.issueNumber - 1 >= policy.maxReissues) tracker.changeDelivery('PICKUP');
      // The citizen is told once a replacement is certain.
      await tracker.enter('REISSUING', {
        note: `replacement issue ${this.issueNumber}`,
        notice: { notice: 'LOST_AND_REISSUING', params: {} },
      });
    }
  }

  /** No appointment: the passport waits at the office; never collected, it is voided. */
  private async handOverAtCounter(
    passport: PrintJobCompleted,
    note?: string,
    alert?: AlertToRaise,
    meanwhile?: () => Promise<unknown>,
  ): Promise<RenewalOutcome> {
    await this.counter.open(this.facts?.currentPassport?.passportNumber, note, alert);
    await meanwhile?.();
    const clerkId = await this.counter.awaitHandover();
    if (clerkId === undefined) {
      await this.compensation.undo('PRINTED_PASSPORT', 'PICKUP_WINDOW_ELAPSED');
      return this.finish('EXPIRED', 'PICKUP_WINDOW_ELAPSED');
    }
    // Safety rule: the new passport becomes valid only now, on a confirmed handover.
    await this.activate(passport);
    return this.finish('COMPLETED', `handed over by clerk ${clerkId}`, passport.passportNumber);
  }

  /** Delivered with proof: the courier collected the old passport, so it is cancelled and the new one activated. */
  private async completeDelivery(passport: PrintJobCompleted, proof: string): Promise<RenewalOutcome> {
    await this.post.close('DELIVERED');
    await this.activate(passport);
    return this.finish('COMPLETED', `delivered (${proof})`, passport.passportNumber);
  }

  /**
   * On its own clock, from the handover or delivery: past its hard limit operators take the activation over and
   * the renewal keeps asking the registry until it answers. It never fails the citizen, who holds the passport.
   */
  private async activate(passport: PrintJobCompleted): Promise<void> {
    this.activating = true;
    const request = {
      renewalId: this.input.renewalId,
      newPassportNumber: passport.passportNumber,
      oldPassportNumber: this.facts?.currentPassport?.passportNumber,
    };
    const { policy } = this.input;
    const clock = this.tracker.startClock(policy.activationDeadlineMs, { kind: 'ACTIVATION_OVERDUE', details: {} });
    if (!(await clock.call('activateNewPassport', request))) {
      await this.channels.alertOperators('ACTIVATION_HANDED_TO_OPERATOR', {});
      await registry.activateNewPassport(request);
    }
    this.compensation.resolve('PRINTED_PASSPORT');
  }

  // ---- endings ----------------------------------------------------------------------

  private async finish(
    stage: RenewalStage,
    reason?: string,
    newPassportNumber?: string,
    alert?: AlertToRaise,
  ): Promise<RenewalOutcome> {
    this.outcomeReason = reason;
    const notice = { notice: stage as CitizenNotice, params: { reason } };
    await this.tracker.enter(stage, { note: reason, notice, alert });
    return { stage, ...(reason ? { reason } : {}), ...(newPassportNumber ? { newPassportNumber } : {}) };
  }

  private async cancel(): Promise<RenewalOutcome> {
    const { requestedBy } = this.cancellation!;
    await this.compensation.unwind(`cancelled by ${requestedBy.role.toLowerCase()} ${requestedBy.id}`);
    return this.finish('CANCELLED', `CANCELLED_BY_${requestedBy.role}`);
  }

  /**
   * The ending first, when it is decided (a hard limit passing is one), with the operators' alert; then what was
   * done is undone, each step on its own window, so a partner that is down delays no one's ending.
   */
  private async fail(reason: string): Promise<RenewalOutcome> {
    const outcome = await this.finish('FAILED', reason, undefined, { kind: 'RENEWAL_FAILED', details: { reason } });
    await this.compensation.unwind(reason);
    return outcome;
  }

  private handleMessages(): void {
    setHandler(statusQuery, () => this.status());

    // The API's update-with-start: it answers once eligibility is decided. Waiting adds no command to history.
    setHandler(openRenewalUpdate, async (): Promise<RenewalOpened> => {
      await shielded(() => condition(() => this.tracker.stage !== 'ELIGIBILITY_CHECK'));
      const { stage, stageDeadline } = this.tracker;
      return { stage, reason: this.outcomeReason, stageDeadline: stageDeadline?.toISOString() };
    });

    setHandler(
      acceptTermsUpdate,
      (request: AcceptanceRequest) => {
        this.acceptance = request;
        const { delivery } = request;
        this.tracker.changeDelivery(delivery.method, delivery.method === 'PICKUP' ? delivery.officeId : undefined);
        this.fee = feeFor(request.validityYears, delivery.method, this.input.policy.fees);
        return this.fee;
      },
      {
        validator: (request: AcceptanceRequest) => {
          if (this.acceptance) refuse('The renewal has already been accepted', 'AlreadyAccepted');
          this.requireStage('AWAITING_ACCEPTANCE');
          validateAcceptance(request, this.facts!, new Date(), this.input.policy);
        },
      },
    );

    setHandler(
      cancelRenewalUpdate,
      async (request: CancellationRequest) => {
        this.requestCancellation(request);
        await shielded(() => condition(() => this.outcome !== undefined));
        if (this.outcome!.stage !== 'CANCELLED') refuse(`The renewal ended ${this.outcome!.stage} first`, 'TooLate');
        return { stage: 'CANCELLED' as const, compensations: this.compensation.done() };
      },
      {
        validator: (request: CancellationRequest) => validateCancellation(request, this.cancellationState()),
      },
    );

    // The parts' own messages, still before the first await so that none is missed.
    this.counter.listen();
    this.payment.listen();
    this.address.listen();
    this.printing.listen();
    this.post.listen();
  }

  requireStage(expected: RenewalStage): void {
    if (this.tracker.stage !== expected || this.outcome || this.cancellation) {
      refuse(`The renewal is ${this.tracker.stage}, not ${expected}`, 'WrongStage');
    }
  }

  /** What the status snapshot holds besides the tracker's own fields. */
  private readonly snapshotDetails: SnapshotDetails = (stage) => ({
    issueNumber: this.issueNumber,
    validityYears: this.acceptance?.validityYears,
    tracking: this.post.tracking(),
    pendingAction: pendingActionAt(stage, {
      oldPassportVerified: this.counter.verified,
      billIssued: this.payment.billNumber !== undefined,
    }),
    outcomeReason: this.outcomeReason,
    counterMismatches: this.counter.mismatches,
    amountDueSar: this.payment.amountDueSar,
    billNumber: this.payment.billNumber,
  });

  /** What the read model holds: `GET …/status` answers the same from PostgreSQL. */
  private status(): RenewalStatus {
    const { snapshot, timeline } = this.tracker.writtenStatus();
    return { renewalId: this.input.renewalId, ...snapshot, timeline };
  }
}
