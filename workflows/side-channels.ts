import { CancellationScope, isCancellation, log } from '@temporalio/workflow';
import { notifications } from './activities';
import type { CitizenNotice, NoticeParams, RenewalInput } from './contract';
import type { LegacySideChannels, StageTracker } from './stage-tracker';

/**
 * How the renewal tells people: SMS notices to the citizen and alerts to
 * operators. Neither may hold the renewal up or fail it, and this is the one
 * place that decides how they are sent.
 *
 * With the lean history (`tracker.lean`), a notice or an alert is a row written
 * in the same transaction as the change it goes with (the SMS outbox, the audit
 * trail); a sender in the worker delivers the SMS, and the workflow never waits
 * for a gateway. Renewals started before keep their recorded commands: an
 * activity per notice, beside the flow, and one per alert.
 */
export class SideChannels implements LegacySideChannels {
  private noticesSent = 0;
  private readonly noticesInFlight: Promise<void>[] = [];

  constructor(
    private readonly input: RenewalInput,
    private readonly tracker: () => StageTracker,
  ) {}

  /** Tells the citizen of something that is not a stage change (those carry their notice: `tracker.enter`). */
  async tell(notice: CitizenNotice, params: NoticeParams = {}): Promise<void> {
    if (this.tracker().lean) return this.tracker().refresh({ notices: [{ notice, params }] });
    this.notify(notice, params);
  }

  /** Operators look at the renewal: an `operator.alert` line in the audit trail (and a warning in the log). */
  async alertOperators(kind: string, details: Record<string, unknown> = {}): Promise<void> {
    if (this.tracker().lean) return this.tracker().refresh({ alerts: [{ kind, details }] });
    try {
      await notifications.alertOperators({
        renewalId: this.input.renewalId,
        alertKey: `${this.input.renewalId}/${kind}/${this.tracker().timeline.length}`,
        kind,
        details,
      });
    } catch (error) {
      if (isCancellation(error)) throw error;
      log.warn('Operator alert not recorded', { renewalId: this.input.renewalId, kind });
    }
  }

  /**
   * Renewals started before the lean history: the SMS goes out beside the
   * flow, and a notice that cannot be sent is given up, never the renewal.
   */
  notify(notice: CitizenNotice, params: NoticeParams = {}): void {
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

  /** The notices still being sent (older renewals): the workflow waits for them before it closes. */
  noticesSettled(): Promise<unknown> {
    return Promise.all(this.noticesInFlight);
  }
}
