import { CancellationScope, condition, sleep } from '@temporalio/workflow';

/** `ms` from now, in workflow time. */
export function after(ms: number): Date {
  return new Date(Date.now() + ms);
}

export function earliest(a: Date, b: Date): Date {
  return a < b ? a : b;
}

/** Waits for `done` until `deadline` (workflow time); true if it happened in time. */
export async function waitUntil(done: () => boolean, deadline: Date): Promise<boolean> {
  const remaining = deadline.getTime() - Date.now();
  if (remaining <= 0) return done();
  return condition(done, remaining);
}

/**
 * One timer per deadline, however many times the flow waits for it: each
 * `condition` with a timeout starts a timer of its own (two history events,
 * started and cancelled), so a loop woken by many messages before the same
 * deadline keeps this one instead. `cancel` it when the loop ends.
 */
export class StandingTimer {
  private deadline?: number;
  private scope?: CancellationScope;
  private elapsed = false;

  /** Waits for `done` until `deadline` (workflow time); true if it happened in time. */
  async waitUntil(done: () => boolean, deadline: Date): Promise<boolean> {
    const remaining = deadline.getTime() - Date.now();
    if (remaining <= 0) return done();
    if (this.deadline !== deadline.getTime()) this.start(deadline.getTime(), remaining);
    await condition(() => done() || this.elapsed);
    return done();
  }

  cancel(): void {
    this.scope?.cancel();
    this.scope = undefined;
    this.deadline = undefined;
  }

  private start(deadline: number, ms: number): void {
    this.cancel();
    const scope = new CancellationScope();
    this.scope = scope;
    this.deadline = deadline;
    this.elapsed = false;
    scope
      .run(() => sleep(ms))
      .then(
        () => {
          if (this.scope === scope) this.elapsed = true;
        },
        () => undefined, // cancelled: a later deadline replaced it, or the wait is over
      );
  }
}
