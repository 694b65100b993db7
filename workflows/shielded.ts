import { CancellationScope } from '@temporalio/workflow';

/**
 * What a message handler waits for, shielded from Temporal's own cancellation request. Handlers run in the
 * workflow's root scope, which that request cancels at once; the renewal decides on the request itself
 * (`PassportRenewal.run`), and a clerk's handover or an API call waiting for its answer must not fail meanwhile.
 */
export function shielded<T>(fn: () => Promise<T>): Promise<T> {
  return CancellationScope.nonCancellable(fn);
}
