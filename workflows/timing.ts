import { condition } from '@temporalio/workflow';

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
