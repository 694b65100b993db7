import { condition, setHandler } from '@temporalio/workflow';
import {
  type AlertToRaise,
  COUNTER_MISMATCHES_BEFORE_ALERT,
  type CounterVerificationRequest,
  type HandoverRequest,
  handOverUpdate,
  verifyOldPassportUpdate,
} from './contract';
import { refuse } from './refusal';
import type { RenewalContext } from './renewal-context';
import { waitUntilLeavingTimer } from './timing';
import { endOfWorkingDays } from './working-days';
import { shielded } from './shielded';

/**
 * The passport office's counter: no appointment, the printed passport waits a
 * window of working days (with a reminder) for the citizen, whose old passport
 * the clerk matches against the record before handing the new one over.
 */
export class Counter {
  private oldPassportOnRecord?: string;
  private oldPassportVerified = false;
  private mismatchesSoFar = 0;
  private handoverBy?: string;
  private reminderAt?: Date;
  /** Where and until when the passport waits, as the citizen was told. */
  private window?: { officeId: string; until: string };

  constructor(private readonly renewal: RenewalContext) {}

  /** Mismatched old passports presented so far. */
  get mismatches(): number {
    return this.mismatchesSoFar;
  }

  get verified(): boolean {
    return this.oldPassportVerified;
  }

  /** A clerk has started the handover: the renewal can no longer be cancelled. */
  get handoverStarted(): boolean {
    return this.handoverBy !== undefined;
  }

  /**
   * Ready for pickup: the passport waits at the office for the window of working days, and the citizen is told
   * (with `alert`, if the counter is a fall-back operators should hear of). `awaitHandover` then waits.
   */
  async open(oldPassportOnRecord: string | undefined, note?: string, alert?: AlertToRaise): Promise<void> {
    const { tracker, input } = this.renewal;
    const { policy } = input;
    const now = new Date();
    const deadline = endOfWorkingDays(now, policy.pickupWindowWorkingDays, policy.holidays);
    const remindAfter = policy.pickupWindowWorkingDays - policy.pickupReminderWorkingDaysBefore;
    this.reminderAt =
      remindAfter > 0 && policy.pickupReminderWorkingDaysBefore > 0
        ? endOfWorkingDays(now, remindAfter, policy.holidays)
        : undefined;
    this.oldPassportOnRecord = oldPassportOnRecord;
    this.oldPassportVerified = false;
    this.window = { officeId: tracker.officeId, until: deadline.toISOString() };
    await tracker.enter('READY_FOR_PICKUP', {
      deadline,
      note,
      notice: { notice: 'READY_FOR_PICKUP', params: this.window },
      alert,
    });
  }

  /** The clerk who handed the passport over, or undefined if nobody came before the window closed. */
  async awaitHandover(): Promise<string | undefined> {
    const { channels } = this.renewal;
    const where = this.window!;
    const handedOver = () => this.handoverBy !== undefined;
    // After the handover only the activation and the last write remain, so the pending reminder or window timer
    // is left to end with the workflow rather than cancelled (one event fewer).
    if (this.reminderAt && !(await waitUntilLeavingTimer(handedOver, this.reminderAt))) {
      await channels.tell('PICKUP_REMINDER', where);
    }
    return (await waitUntilLeavingTimer(handedOver, new Date(where.until))) ? this.handoverBy : undefined;
  }

  /** The clerk's updates; their validators refuse anything but a renewal waiting at the counter. */
  listen(): void {
    setHandler(
      verifyOldPassportUpdate,
      async (request: CounterVerificationRequest) => {
        const { tracker } = this.renewal;
        const matched = request.presentedPassportNumber.toUpperCase() === this.oldPassportOnRecord;
        if (matched) {
          this.oldPassportVerified = true;
        } else {
          this.mismatchesSoFar += 1;
        }
        const alert =
          !matched && this.mismatchesSoFar === COUNTER_MISMATCHES_BEFORE_ALERT
            ? { kind: 'COUNTER_MISMATCHES', details: { clerkId: request.clerkId, mismatches: this.mismatchesSoFar } }
            : undefined;
        // The clerk's answer waits for the read model (mismatches, what is pending), with the alert if any.
        await shielded(() => tracker.refresh({ alerts: alert && [alert] }));
        return { matched, mismatchesSoFar: this.mismatchesSoFar };
      },
      {
        validator: (request: CounterVerificationRequest) => {
          this.renewal.requireStage('READY_FOR_PICKUP');
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
        await shielded(() => condition(() => this.renewal.outcome !== undefined));
        const { outcome } = this.renewal;
        if (!outcome!.newPassportNumber) refuse(`The renewal ended ${outcome!.stage}`, 'TooLate');
        return { newPassportNumber: outcome!.newPassportNumber };
      },
      {
        validator: (_request: HandoverRequest) => {
          this.renewal.requireStage('READY_FOR_PICKUP');
          if (!this.oldPassportVerified) refuse('The old passport has not been matched yet', 'OldPassportNotVerified');
          if (this.handoverBy) refuse('The passport is already being handed over', 'AlreadyHandedOver');
        },
      },
    );
  }
}
