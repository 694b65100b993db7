import type { CitizenNotice, NoticeParams } from './contract';
import type { StageTracker } from './stage-tracker';

/**
 * How the renewal tells people: SMS notices to the citizen and alerts to
 * operators. Neither may hold the renewal up or fail it, and this is the one
 * place that decides how they are sent: as rows written in the same
 * transaction as the change they go with (the SMS outbox, the audit trail), by
 * the tracker's next write. A sender in the worker delivers the SMS, so the
 * workflow never waits for a gateway.
 */
export class SideChannels {
  constructor(private readonly tracker: StageTracker) {}

  /** Tells the citizen of something that is not a stage change (those carry their notice: `tracker.enter`). */
  tell(notice: CitizenNotice, params: NoticeParams = {}): Promise<void> {
    return this.tracker.refresh({ notices: [{ notice, params }] });
  }

  /** Operators look at the renewal: an `operator.alert` line in the audit trail (and a warning in the log). */
  alertOperators(kind: string, details: Record<string, unknown> = {}): Promise<void> {
    return this.tracker.refresh({ alerts: [{ kind, details }] });
  }
}
