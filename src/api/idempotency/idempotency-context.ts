import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { createHash } from 'node:crypto';

/** The Idempotency-Key of the request being executed, with the caller it belongs to. */
export interface IdempotencyContext {
  /** The caller's audit actor (`<role>:<id or pseudonym>`). */
  scope: string;
  key: string;
}

function digest(context: IdempotencyContext, purpose: string): Buffer {
  return createHash('sha256').update(`${purpose}\n${context.scope}\n${context.key}`).digest();
}

/**
 * A name-based UUID (RFC 9562 version 5 layout) derived from the key: a retry
 * that re-executes a request (after its first attempt died half-way) names the
 * same renewal, so Temporal refuses to start it twice.
 */
export function derivedUuid(context: IdempotencyContext, purpose: string): string {
  const bytes = digest(context, purpose).subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** An opaque id derived from the key, e.g. a Temporal update id (Temporal runs an update id once). */
export function derivedId(context: IdempotencyContext, purpose: string): string {
  return `${purpose}-${digest(context, purpose).toString('hex').slice(0, 32)}`;
}

/** The idempotency context the interceptor attached to this POST. */
export const Idempotency = createParamDecorator(
  (_: unknown, context: ExecutionContext): IdempotencyContext => context.switchToHttp().getRequest().idempotency,
);
