import { Context } from '@temporalio/activity';

interface Progress {
  done: string[];
}

/**
 * Runs the steps of an activity that makes several partner calls, skipping those an earlier attempt finished.
 *
 * Each step done is recorded as the attempt's heartbeat details, which Temporal hands to the next attempt (the
 * last details of a failed attempt are flushed with its failure). Without this, a retry after the second call
 * failed repeats the first: every call is idempotent, so nothing is duplicated, but every attempt must then get
 * all its calls through at once, and with a partner failing 30% of calls, a two-call activity fails half its
 * attempts; at the retry policy's five-minute ceiling, a run of them kept a delivered renewal from completing for
 * over half an hour (the chaos run). With it, a retry only needs the calls still to be made.
 */
export async function inSteps(steps: ReadonlyArray<readonly [name: string, perform: () => Promise<void>]>) {
  const context = Context.current();
  const done = new Set((context.info.heartbeatDetails as Progress | undefined)?.done ?? []);
  for (const [name, perform] of steps) {
    if (done.has(name)) continue;
    await perform();
    done.add(name);
    context.heartbeat({ done: [...done] } satisfies Progress);
  }
}
