import { Context } from '@temporalio/activity';

/** What the steps done so far returned, by step name: the heartbeat details an attempt leaves to the next. */
interface Progress {
  done: Record<string, unknown>;
}

/**
 * The steps of an activity that makes several partner calls, each made once across the activity's attempts.
 *
 * Each step done is recorded, with what it returned, as the attempt's heartbeat details, which Temporal hands to
 * the next attempt (a failed attempt's last details are flushed with its failure; they cross the data converter,
 * so they are encrypted like any payload). Without this, a retry after the second call failed repeats the first:
 * every call is idempotent, so nothing is duplicated, but every attempt must then get all its calls through at
 * once, and with a partner failing 30% of calls, a two-call activity fails half its attempts. At the retry policy's
 * five-minute ceiling, a run of such failures kept a delivered renewal from completing for over half an hour (the
 * chaos run). With this, a retry makes only the calls still to be made.
 */
export function attemptProgress() {
  const context = Context.current();
  const done: Record<string, unknown> = { ...(context.info.heartbeatDetails as Progress | undefined)?.done };
  return {
    /** Runs `perform` unless an earlier attempt did; then returns what it returned then (JSON, `null` for nothing). */
    async step<T>(name: string, perform: () => Promise<T>): Promise<T> {
      if (name in done) return done[name] as T;
      const value = await perform();
      done[name] = value ?? null;
      context.heartbeat({ done } satisfies Progress);
      return value;
    },
  };
}
