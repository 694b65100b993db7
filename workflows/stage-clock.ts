import { RetryState } from '@temporalio/common';
import { ActivityFailure, sleep, TimeoutFailure } from '@temporalio/workflow';
import { type PartnerActivities, partnerCallWithin } from './activities';
import { after, waitUntil } from './timing';

/** A partner's answer, once it came in time (a void call answers `undefined`). */
export interface Answered<T> {
  answer: T;
}

type Answer<N extends keyof PartnerActivities> = Awaited<ReturnType<PartnerActivities[N]>>;

/**
 * The clock of one stage (or one step of it, or one undo step), started when
 * it is entered and running alongside whatever it does: the partner calls it
 * makes and the partner reports it waits for. At the deadline `escalate` runs
 * once (operators alerted, the renewal marked overdue) and the stage goes on
 * trying; at the hard limit the stage stops waiting, whatever the partner does,
 * and takes its designed ending (docs/architecture.md, "Every stage on its own
 * clock").
 *
 * Partner calls carry the clock in their schedule-to-close timeout, one window
 * up to the deadline and one up to the hard limit: the server gives the call up
 * at the window's end, a hanging attempt included, and retries nothing behind
 * the renewal's back. While the partner answers, the clock costs no timer and
 * no event in the history. Waiting for a partner's report is a `condition`
 * with the same two marks, as printing always had.
 */
export class StageClock {
  private escalated = false;

  constructor(
    readonly deadline: Date,
    readonly hardLimit: Date,
    /** What the deadline raises; without it the deadline is the hard limit (a wait that simply ends). */
    private readonly escalate?: () => Promise<void>,
  ) {}

  /** A clock for a stage that gives its partner `deadlineMs`, and as long again before its ending. */
  static of(deadlineMs: number, escalate: () => Promise<void>): StageClock {
    return new StageClock(after(deadlineMs), after(2 * deadlineMs), escalate);
  }

  /** A clock with no escalation: the stage ends at `hardLimit`. */
  static until(hardLimit: Date): StageClock {
    return new StageClock(hardLimit, hardLimit);
  }

  /** The deadline has passed (and was escalated). */
  get overdue(): boolean {
    return this.escalated;
  }

  /** Calls the partner until it answers or the hard limit passes (then undefined); a refusal for good is thrown. */
  async call<N extends keyof PartnerActivities>(
    name: N,
    ...args: Parameters<PartnerActivities[N]>
  ): Promise<Answered<Answer<N>> | undefined> {
    for (;;) {
      const mark = this.nextMark();
      const window = mark.getTime() - Date.now();
      if (window > 0) {
        const call = partnerCallWithin(name, window) as (...a: typeof args) => Promise<Answer<N>>;
        try {
          return { answer: await call(...args) };
        } catch (error) {
          if (!givenUp(error)) throw error;
        }
        // The server gives up early when its next retry would come after the window's end (the retry
        // policy would have waited that long anyway): the rest of the window is waited out, then the mark.
        const rest = mark.getTime() - Date.now();
        if (rest > 0) await sleep(rest);
      }
      if (!(await this.pass(mark))) return undefined;
    }
  }

  /** Waits for `done` until the hard limit (escalating at the deadline); false if the hard limit came first. */
  async wait(done: () => boolean): Promise<boolean> {
    for (;;) {
      const mark = this.nextMark();
      if (await waitUntil(done, mark)) return true;
      if (!(await this.pass(mark))) return false;
    }
  }

  private nextMark(): Date {
    return this.escalate && !this.escalated && this.deadline < this.hardLimit ? this.deadline : this.hardLimit;
  }

  /** `mark` has passed: true to go on (the deadline, now escalated), false at the hard limit. */
  private async pass(mark: Date): Promise<boolean> {
    if (mark.getTime() >= this.hardLimit.getTime()) return false;
    this.escalated = true;
    await this.escalate?.();
    return true;
  }
}

/** The server gave the call up at the end of its window (timed out, or no retry left in it). */
function givenUp(error: unknown): boolean {
  return (
    error instanceof ActivityFailure &&
    (error.retryState === RetryState.TIMEOUT || error.cause instanceof TimeoutFailure)
  );
}
