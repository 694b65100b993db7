import { applyDecorators, Controller, HttpCode, HttpStatus, Post, UseGuards } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { WebhookPartner } from '../../../workflows/contract';
import { Public } from '../auth/access.decorators';
import { SkipIdempotencyKey } from '../idempotency/idempotency.decorators';
import { RateLimited } from '../rate-limits/rate-limited.decorator';
import { ApiProblems } from '../shared/problems/api-problems.decorator';
import { OPAQUE_KEY_SCHEMA } from '../shared/validation/opaque-key';
import { WebhookAckView } from './dto/webhook-payloads.dto';
import { WebhookFrom, WebhookSignatureGuard } from './webhook-signature.guard';

export const WEBHOOK_SIGNATURE_SCHEME = 'webhookSignature';

/**
 * The controller partner systems report to: signed (Standard Webhooks), so no bearer token; deduplicated by
 * `webhook-id`, so no Idempotency-Key.
 */
export function WebhookController(path: string): ClassDecorator {
  return applyDecorators(
    ApiTags('webhooks'),
    Public(),
    SkipIdempotencyKey(),
    UseGuards(WebhookSignatureGuard),
    // After the signature: only the partner itself spends its budget.
    RateLimited('webhook'),
    ApiSecurity(WEBHOOK_SIGNATURE_SCHEME),
    // Headers are listed in the order they are applied: the timestamp, then the id, as the document has them.
    ApiHeader({
      name: 'webhook-timestamp',
      required: true,
      description: 'Unix seconds; at most 5 minutes from now',
      schema: { type: 'string', pattern: '^[0-9]{1,12}$' },
    }),
    ApiHeader({
      name: 'webhook-id',
      required: true,
      description: 'Unique per message; a replay is acknowledged, not acted on',
      schema: OPAQUE_KEY_SCHEMA,
    }),
    ApiProblems(400, 401, 413, 415, 422),
    Controller(path),
  );
}

/** One partner's webhook: `POST <partner>`, signed with that partner's secret, acknowledged with 200. */
export function WebhookEndpoint(
  partner: WebhookPartner,
  doc: { summary: string; description?: string; problems?: number[] },
): MethodDecorator {
  return applyDecorators(
    Post(partner),
    HttpCode(HttpStatus.OK),
    WebhookFrom(partner),
    ApiOperation({ summary: doc.summary, description: doc.description }),
    ApiOkResponse({ type: WebhookAckView, description: 'Processed, or already processed (`duplicate: true`)' }),
    ...(doc.problems?.length ? [ApiProblems(...doc.problems)] : []),
  );
}
