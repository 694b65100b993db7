import { applyDecorators, UseGuards } from '@nestjs/common';
import { SkipThrottle } from '@nestjs/throttler';
import { ApiProblems } from '../shared/problems/api-problems.decorator';
import { RATE_LIMIT_CLASSES, type RateLimitClass } from './rate-limit-classes';
import { RateLimitGuard } from './rate-limit.guard';

/**
 * The routes of a controller spend the budget of this class of caller (429 beyond it). Applied after the guards
 * that say who the caller is: the auth guard (global) and, for webhooks, the signature guard.
 */
export function RateLimited(kind: RateLimitClass): ClassDecorator {
  const others = RATE_LIMIT_CLASSES.filter((other) => other !== kind);
  return applyDecorators(
    SkipThrottle(Object.fromEntries(others.map((other) => [other, true]))),
    UseGuards(RateLimitGuard),
    ApiProblems(429),
  );
}
