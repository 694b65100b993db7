import { concatMap, defer, distinctUntilChanged, filter, map, merge, Observable, of, takeWhile } from 'rxjs';
import { TERMINAL_STAGES } from '../../../workflows/contract';
import type { RenewalChange } from '../../persistence/renewal-changes';
import type { RenewalStatusView } from '../renewals/dto/renewal-status.view';

export interface StatusStreamOptions {
  /** Longest wait for the status to show a change the read model announced. */
  catchUpMs: number;
  /** Pause between two reads while catching up. */
  catchUpPollMs: number;
}

export const DEFAULT_STATUS_STREAM_OPTIONS: StatusStreamOptions = { catchUpMs: 3_000, catchUpPollMs: 100 };

const sameInstant = (a: string | null | undefined, b: string | null | undefined) =>
  (a ? Date.parse(a) : null) === (b ? Date.parse(b) : null);

/** The status shows what the read model announced (it may lag by one activity completion). */
function showsChange(status: RenewalStatusView, change: RenewalChange): boolean {
  return (
    status.stage === change.stage &&
    status.slaBreached === change.slaBreached &&
    sameInstant(status.stageDeadline, change.stageDeadline)
  );
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One renewal's status as it changes: once at once, then again after every
 * change of its read-model row (and after the feed was interrupted), until it
 * ends. Reads are one at a time and an unchanged status is not repeated.
 */
export function renewalStatusStream(
  renewalId: string,
  feed: { changes: Observable<RenewalChange>; resumed: Observable<void> },
  readStatus: () => Promise<RenewalStatusView>,
  options: StatusStreamOptions = DEFAULT_STATUS_STREAM_OPTIONS,
): Observable<RenewalStatusView> {
  const readShowing = async (change: RenewalChange | undefined): Promise<RenewalStatusView> => {
    const deadline = Date.now() + options.catchUpMs;
    for (;;) {
      const status = await readStatus();
      if (!change || showsChange(status, change) || Date.now() >= deadline) return status;
      await pause(options.catchUpPollMs);
    }
  };
  const triggers = merge(
    of(undefined),
    feed.changes.pipe(filter((change) => change.renewalId === renewalId)),
    feed.resumed.pipe(map(() => undefined)),
  );
  return triggers.pipe(
    concatMap((change) => defer(() => readShowing(change))),
    distinctUntilChanged((a, b) => JSON.stringify(a) === JSON.stringify(b)),
    takeWhile((status) => !TERMINAL_STAGES.has(status.stage), true),
  );
}
