import { HttpStatus, Injectable } from '@nestjs/common';
import type { ApiConfig } from '../../config/api';
import { InjectConfig } from '../config-module/config.tokens';
import { RetryLaterProblem } from '../shared/problems/problem';
import type { Principal } from '../auth/principal';

/** How long a refused follower should wait: about as long as a page takes to notice a stream it left. */
const RETRY_AFTER_SECONDS = 10;

/**
 * The live streams this replica holds open: each holds a connection and a share of the change feed, so one person
 * holds at most API_STREAMS_PER_PERSON of them and the replica at most API_STREAMS_PER_REPLICA; beyond either, a
 * 429 with Retry-After. Counted per replica: a balancer that spreads one person over N replicas lets them hold N
 * times as many.
 */
@Injectable()
export class StreamSlots {
  private readonly perActor = new Map<string, number>();
  private total = 0;

  constructor(@InjectConfig('api') private readonly config: ApiConfig) {}

  /** Takes a slot for this caller, or refuses; returns the function that gives it back (once). */
  take(principal: Principal): () => void {
    const held = this.perActor.get(principal.actor) ?? 0;
    if (held >= this.config.streams.perPerson) {
      throw new RetryLaterProblem(
        'too-many-streams',
        'Too many live streams',
        `At most ${this.config.streams.perPerson} live streams at once; close one (another tab) and retry`,
        RETRY_AFTER_SECONDS,
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
    if (this.total >= this.config.streams.perReplica) {
      throw new RetryLaterProblem(
        'streams-at-capacity',
        'Live streams at capacity',
        'This server holds all the live streams it may; retry shortly',
        RETRY_AFTER_SECONDS,
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
    this.perActor.set(principal.actor, held + 1);
    this.total += 1;
    let given = false;
    return () => {
      if (given) return;
      given = true;
      this.total -= 1;
      const left = (this.perActor.get(principal.actor) ?? 1) - 1;
      if (left > 0) this.perActor.set(principal.actor, left);
      else this.perActor.delete(principal.actor);
    };
  }

  /** Streams open now (for tests and metrics). */
  get open(): number {
    return this.total;
  }
}
