import { ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import type { Response } from 'express';
import { ProblemException } from '../shared/problems/problem';

/**
 * @nestjs/throttler's guard with the API's answer: a 429 problem with `Retry-After`, the seconds until the window
 * ends. Which budget a route spends is its class's (`RateLimited`); the others are skipped.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(
    context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(detail.timeToBlockExpire));
    throw new ProblemException(
      HttpStatus.TOO_MANY_REQUESTS,
      'rate-limited',
      'Too many requests',
      'Slow down and retry after the number of seconds in Retry-After',
    );
  }
}
