import { CanActivate, ExecutionContext, HttpStatus, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { WEBHOOK_PARTNERS, WebhookPartner } from '../../../workflows/contract';
import type { ApiConfig } from '../../config/api';
import { OPAQUE_KEY } from '../shared/validation/opaque-key';
import { ProblemException, ValidationProblem } from '../shared/problems/problem';
import { InjectConfig } from '../config-module/config.tokens';

const PARTNER_METADATA = 'passport-renewal:webhook-partner';

/** Which partner's secret signs the webhook a route receives. */
export const WebhookFrom = (partner: WebhookPartner) => SetMetadata(PARTNER_METADATA, partner);

/** A verified partner message: its `webhook-id` is the deduplication key. */
export interface VerifiedWebhook {
  partner: WebhookPartner;
  id: string;
}

function header(request: Request, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Standard Webhooks verification (HMAC-SHA256 over `webhook-id`, timestamp and
 * the raw body as received, within 5 minutes of now), before anything reads
 * the body. Partners authenticate this way, not with bearer tokens.
 */
@Injectable()
export class WebhookSignatureGuard implements CanActivate {
  private readonly verifiers: Record<WebhookPartner, Webhook>;

  constructor(
    private readonly reflector: Reflector,
    @InjectConfig('api') config: ApiConfig,
  ) {
    this.verifiers = Object.fromEntries(
      WEBHOOK_PARTNERS.map((partner) => [partner, new Webhook(config.webhookSecrets[partner])]),
    ) as Record<WebhookPartner, Webhook>;
  }

  canActivate(context: ExecutionContext): boolean {
    const partner = this.reflector.get<WebhookPartner>(PARTNER_METADATA, context.getHandler());
    const request = context.switchToHttp().getRequest<Request & { rawBody?: Buffer; webhook?: VerifiedWebhook }>();
    if (!request.rawBody) {
      throw new ProblemException(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        'unsupported-media-type',
        'Unsupported media type',
        'Webhooks must be sent as application/json',
      );
    }
    const id = header(request, 'webhook-id');
    try {
      this.verifiers[partner].verify(request.rawBody, {
        'webhook-id': id ?? '',
        'webhook-timestamp': header(request, 'webhook-timestamp') ?? '',
        'webhook-signature': header(request, 'webhook-signature') ?? '',
      });
    } catch (error) {
      if (!(error instanceof WebhookVerificationError)) throw error;
      if (/timestamp too (old|new)/.test(error.message)) {
        throw new ProblemException(
          HttpStatus.UNAUTHORIZED,
          'webhook-timestamp-out-of-tolerance',
          'Webhook timestamp outside the tolerance',
          'webhook-timestamp must be within 5 minutes of now',
        );
      }
      throw new ProblemException(
        HttpStatus.UNAUTHORIZED,
        'webhook-signature-invalid',
        'Invalid webhook signature',
        'webhook-id, webhook-timestamp and webhook-signature must sign the body with the partner secret',
      );
    }
    if (!OPAQUE_KEY.test(id!)) {
      throw new ValidationProblem([{ field: 'webhook-id', message: 'webhook-id must be 1 to 255 visible characters' }]);
    }
    request.webhook = { partner, id: id! };
    return true;
  }
}
