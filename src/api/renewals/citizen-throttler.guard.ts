import { ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Principal } from '../auth/principal';
import { ProblemException } from '../shared/problems/problem';

/**
 * Rate limit per citizen over all citizen endpoints together (not per IP:
 * many citizens share a carrier-grade NAT). Runs after the auth guard, so the
 * caller is known; counts are kept per API replica.
 */
@Injectable()
export class CitizenThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(request: Record<string, unknown>): Promise<string> {
    return (request.principal as Principal).actor;
  }

  // The tracker is the citizen's pseudonym already: hashing it again (as the default key does) bought nothing.
  protected override generateKey(_context: ExecutionContext, tracker: string, throttlerName: string): string {
    return `citizen-${throttlerName}-${tracker}`;
  }

  protected override async throwThrottlingException(): Promise<void> {
    throw new ProblemException(
      HttpStatus.TOO_MANY_REQUESTS,
      'rate-limited',
      'Too many requests',
      'Slow down and retry after the number of seconds in Retry-After',
    );
  }
}
