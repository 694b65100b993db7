import { concatMap, defer, distinctUntilChanged, filter, map, merge, Observable, of, takeWhile, tap } from 'rxjs';
import { TERMINAL_STAGES } from '../../../workflows/contract';
import type { RenewalChange } from '../../persistence/renewal-changes';
import type { RenewalStatusView } from '../renewals/dto/renewal-status.view';

export interface StatusStreamOptions {
  /** Longest wait for the status to show the latest change the read model announced. */
  catchUpMs: number;
  /** First pause between two reads while catching up; it doubles up to `catchUpMaxPollMs`. */
  catchUpPollMs: number;
  catchUpMaxPollMs: number;
}

export const DEFAULT_STATUS_STREAM_OPTIONS: StatusStreamOptions = {
  catchUpMs: 30_000,
  catchUpPollMs: 100,
  catchUpMaxPollMs: 2_000,
};

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
 * ends. After a change, reads until the status shows the latest change
 * announced (a loaded worker may take seconds), so a stage is never left
 * showing one step behind. Reads are one at a time; an unchanged status is
 * not repeated.
 */
export function renewalStatusStream(
  renewalId: string,
  feed: { changes: Observable<RenewalChange>; resumed: Observable<void> },
  readStatus: () => Promise<RenewalStatusView>,
  options: StatusStreamOptions = DEFAULT_STATUS_STREAM_OPTIONS,
): Observable<RenewalStatusView> {
  let latest: RenewalChange | undefined;
  const readCaughtUp = async (): Promise<RenewalStatusView> => {
    const deadline = Date.now() + options.catchUpMs;
    for (let wait = options.catchUpPollMs; ; wait = Math.min(wait * 2, options.catchUpMaxPollMs)) {
      const status = await readStatus();
      if (!latest || showsChange(status, latest) || Date.now() >= deadline) return status;
      await pause(wait);
    }
  };
  const changes = feed.changes.pipe(
    filter((change) => change.renewalId === renewalId),
    tap((change) => (latest = change)),
  );
  return merge(of(undefined), changes, feed.resumed.pipe(map(() => undefined))).pipe(
    concatMap(() => defer(readCaughtUp)),
    distinctUntilChanged((a, b) => JSON.stringify(a) === JSON.stringify(b)),
    takeWhile((status) => !TERMINAL_STAGES.has(status.stage), true),
  );
}
