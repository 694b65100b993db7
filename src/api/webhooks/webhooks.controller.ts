import { Body, Controller, HttpCode, HttpStatus, Post, Req, UseGuards } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Public } from '../auth/access.decorators';
import { ApiProblems } from '../shared/problems/api-problems.decorator';
import { OPAQUE_KEY_SCHEMA } from '../shared/validation/opaque-key';
import { SkipIdempotencyKey } from '../idempotency/idempotency.decorators';
import {
  PrintCentreEventDto,
  SadadPaymentDto,
  SaudiPostEventDto,
  WaselSubscriptionDto,
  WebhookAckView,
} from './dto/webhook-payloads.dto';
import { WebhookReceipts } from './webhook-receipts.service';
import { WebhookRoutes } from './webhook-routes.service';
import { VerifiedWebhook, WebhookFrom, WebhookSignatureGuard } from './webhook-signature.guard';

export const WEBHOOK_SIGNATURE_SCHEME = 'webhookSignature';

type WebhookRequest = Request & { webhook: VerifiedWebhook };

/**
 * Partner systems report facts here. Signed (Standard Webhooks), so no bearer
 * token; deduplicated by `webhook-id`, so no Idempotency-Key.
 */
@ApiTags('webhooks')
@Public()
@SkipIdempotencyKey()
@UseGuards(WebhookSignatureGuard)
@ApiSecurity(WEBHOOK_SIGNATURE_SCHEME)
@ApiHeader({
  name: 'webhook-id',
  required: true,
  description: 'Unique per message; a replay is acknowledged, not acted on',
  schema: OPAQUE_KEY_SCHEMA,
})
@ApiHeader({
  name: 'webhook-timestamp',
  required: true,
  description: 'Unix seconds; at most 5 minutes from now',
  schema: { type: 'string', pattern: '^[0-9]{1,12}$' },
})
@ApiProblems(400, 401, 413, 415, 422)
@Controller('v1/webhooks')
export class WebhooksController {
  constructor(
    private readonly receipts: WebhookReceipts,
    private readonly routes: WebhookRoutes,
  ) {}

  @Post('sadad')
  @HttpCode(HttpStatus.OK)
  @WebhookFrom('sadad')
  @ApiOperation({ summary: 'SADAD: a renewal fee bill was paid' })
  @ApiOkResponse({ type: WebhookAckView, description: 'Processed, or already processed (`duplicate: true`)' })
  @ApiProblems(404)
  sadad(@Req() request: WebhookRequest, @Body() payment: SadadPaymentDto): Promise<WebhookAckView> {
    return this.receipts.process(request.webhook, (tx) => this.routes.sadad(tx, payment));
  }

  @Post('wasel')
  @HttpCode(HttpStatus.OK)
  @WebhookFrom('wasel')
  @ApiOperation({ summary: 'Wasel: a citizen subscribed and has a national address' })
  @ApiOkResponse({ type: WebhookAckView, description: 'Processed, or already processed (`duplicate: true`)' })
  wasel(@Req() request: WebhookRequest, @Body() subscription: WaselSubscriptionDto): Promise<WebhookAckView> {
    return this.receipts.process(request.webhook, (tx) => this.routes.wasel(tx, subscription));
  }

  @Post('print-centre')
  @HttpCode(HttpStatus.OK)
  @WebhookFrom('print-centre')
  @ApiOperation({ summary: 'Print centre: a print job completed (new passport number) or failed' })
  @ApiOkResponse({ type: WebhookAckView, description: 'Processed, or already processed (`duplicate: true`)' })
  @ApiProblems(404)
  printCentre(@Req() request: WebhookRequest, @Body() event: PrintCentreEventDto): Promise<WebhookAckView> {
    return this.receipts.process(request.webhook, (tx) => this.routes.printCentre(tx, event));
  }

  @Post('saudi-post')
  @HttpCode(HttpStatus.OK)
  @WebhookFrom('saudi-post')
  @ApiOperation({
    summary: 'Saudi Post: a tracking event of a shipment',
    description:
      'Placed by the echoed shipment key or envelope barcode, else the tracking number. An event for a shipment ' +
      'not known yet answers 503 with Retry-After: send it again.',
  })
  @ApiOkResponse({ type: WebhookAckView, description: 'Processed, or already processed (`duplicate: true`)' })
  @ApiProblems(503)
  saudiPost(@Req() request: WebhookRequest, @Body() event: SaudiPostEventDto): Promise<WebhookAckView> {
    return this.receipts.process(request.webhook, (tx) => this.routes.saudiPost(tx, event));
  }
}
