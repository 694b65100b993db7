import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { OPAQUE_KEY_SCHEMA } from '../shared/validation/opaque-key';

export const SKIP_IDEMPOTENCY_KEY = 'passport-renewal:skip-idempotency-key';

/** For webhooks, which are deduplicated by the partner's `webhook-id` instead. */
export const SkipIdempotencyKey = () => SetMetadata(SKIP_IDEMPOTENCY_KEY, true);

/**
 * Documents the Idempotency-Key header every other POST requires (the interceptor enforces it). The
 * operation documents its 400 (key missing) and 409 (key reused) with its other problems.
 */
export function ApiIdempotencyKey(): MethodDecorator {
  return applyDecorators(
    ApiHeader({
      name: 'Idempotency-Key',
      required: true,
      description:
        'Unique per intended action, chosen by the client (a UUID is best). Repeating a request with the same key ' +
        'and body returns the first response (header `Idempotent-Replayed: true`) without acting again; the same ' +
        'key with a different body is a 409.',
      schema: { ...OPAQUE_KEY_SCHEMA, example: '5f0c6a3e-8d0b-4b7e-9f43-2c8e7d1a9b10' },
    }),
  );
}
