import { createParser } from 'eventsource-parser';
import { TERMINAL_STAGES } from '../../../workflows/contract/stages';
import { ApiProblem, authHeaders, problemOf } from './http';
import type { RenewalStatus } from './types';

export type StreamState = 'connecting' | 'live' | 'reconnecting' | 'ended';

export interface StatusFollower {
  onStatus(status: RenewalStatus): void;
  onState(state: StreamState): void;
  /** A refusal that reconnecting will not cure (signed out, not found). */
  onProblem(problem: ApiProblem): void;
}

const RETRY_MS = [500, 1_000, 2_000, 5_000, 10_000];

/**
 * Follows a renewal's server-sent events. EventSource cannot send the bearer
 * header, so the stream is read with fetch and parsed here; the token never
 * goes into a URL (where logs and browser history would keep it). Reconnects
 * with a growing pause until the renewal ends; every event is a whole status,
 * so nothing is lost by reconnecting. The API ends a stream when the token it
 * was opened with expires: the next connection carries the renewed one.
 * Returns the function that stops it.
 */
export function followStatus(renewalId: string, follower: StatusFollower): () => void {
  const controller = new AbortController();
  let failures = 0;
  let ended = false;

  const connectOnce = async (): Promise<void> => {
    const response = await fetch(`/v1/renewals/${encodeURIComponent(renewalId)}/events`, {
      headers: { Accept: 'text/event-stream', ...(await authHeaders()) },
      signal: controller.signal,
      cache: 'no-store',
    });
    if (!response.ok || !response.body) {
      const problem = await problemOf(response);
      if ([401, 403, 404].includes(problem.status)) {
        ended = true;
        follower.onProblem(problem);
      }
      return;
    }
    follower.onState('live');
    const parser = createParser({
      onEvent: (event) => {
        if (event.event !== 'status') return;
        failures = 0;
        const status = JSON.parse(event.data) as RenewalStatus;
        if (TERMINAL_STAGES.has(status.stage)) ended = true;
        follower.onStatus(status);
      },
    });
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      parser.feed(value);
    }
  };

  void (async () => {
    follower.onState('connecting');
    while (!ended && !controller.signal.aborted) {
      try {
        await connectOnce();
      } catch {
        if (controller.signal.aborted) return;
      }
      if (ended || controller.signal.aborted) break;
      follower.onState('reconnecting');
      const pause = RETRY_MS[Math.min(failures, RETRY_MS.length - 1)];
      failures += 1;
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
    if (!controller.signal.aborted) follower.onState('ended');
  })();

  return () => controller.abort();
}
