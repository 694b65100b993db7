import { CancellationScope, isCancellation, log } from '@temporalio/workflow';
import { notifications } from './activities';
import type { CitizenNotice, RenewalInput } from './contract';
import type { StageTracker } from './stage-tracker';

/**
 * How the renewal tells people, best effort: SMS notices to the citizen and
 * alerts to operators. Neither may hold the renewal up or fail it, and this is
 * the one place that decides how they are sent.
 */
export class SideChannels {
  private noticesSent = 0;
  private readonly noticesInFlight: Promise<void>[] = [];

  constructor(
    private readonly input: RenewalInput,
    private readonly tracker: StageTracker,
  ) {}

  /**
   * Tells the citizen, without holding the renewal up: the SMS goes out beside
   * the flow, and a notice that cannot be sent is given up, never the renewal.
   */
  notify(notice: CitizenNotice, params: Record<string, string | number | undefined> = {}): void {
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

  /** The notices still being sent: the workflow waits for them before it closes. */
  noticesSettled(): Promise<unknown> {
    return Promise.all(this.noticesInFlight);
  }

  async alertOperators(kind: string, details: Record<string, unknown> = {}): Promise<void> {
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
}
