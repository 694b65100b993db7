import { normalizeIp, type ThrottlerOptions } from '@nestjs/throttler';
import type { Request } from 'express';
import type { ApiConfig } from '../../config/api';
import { pseudonymOf } from '../auth/pseudonym';
import type { Principal } from '../auth/principal';
import type { VerifiedWebhook } from '../webhooks/webhook-signature.guard';

/** The classes of caller the API limits, each with its own budget per window, over all of its routes together. */
export const RATE_LIMIT_CLASSES = ['citizen', 'staff', 'webhook', 'public'] as const;
export type RateLimitClass = (typeof RATE_LIMIT_CLASSES)[number];

type LimitedRequest = Request & { principal?: Principal; webhook?: VerifiedWebhook };

/**
 * Who a request counts against, per class: a citizen by pseudonym, staff by role and subject (the auth guard ran
 * first), a partner by name (its signature verified first, so nobody else spends its budget), and a caller with no
 * credentials by address, as `trust proxy` reads it, an IPv6 client by its /64, as a keyed hash: the counters hold
 * no address, as the audit trail holds no national ID.
 */
function trackerOf(kind: RateLimitClass, request: LimitedRequest, pseudonymKey: string): string {
  switch (kind) {
    case 'citizen':
    case 'staff':
      return request.principal!.actor;
    case 'webhook':
      return `partner:${request.webhook!.partner}`;
    case 'public':
      return `ip:${pseudonymOf(pseudonymKey, normalizeIp(request.ip ?? request.socket.remoteAddress ?? ''))}`;
  }
}

/** The throttlers of @nestjs/throttler, one per class, with their budgets, window and trackers. */
export function rateLimitThrottlers(config: ApiConfig): ThrottlerOptions[] {
  const limits: Record<RateLimitClass, number> = {
    citizen: config.rateLimit.citizenLimit,
    staff: config.rateLimit.staffLimit,
    webhook: config.rateLimit.webhookLimit,
    public: config.rateLimit.publicLimit,
  };
  return RATE_LIMIT_CLASSES.map((kind) => ({
    name: kind,
    limit: limits[kind],
    ttl: config.rateLimit.windowMs,
    getTracker: (request) => trackerOf(kind, request as LimitedRequest, config.pseudonymKey),
    // One budget for the class's routes together (the library's default key is per route).
    generateKey: (_context, tracker, name) => `${name}:${tracker}`,
  }));
}
