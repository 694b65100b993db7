import { Body, Req } from '@nestjs/common';
import type { Request } from 'express';
import {
  PrintCentreEventDto,
  SadadPaymentDto,
  SaudiPostEventDto,
  WaselSubscriptionDto,
  WebhookAckView,
} from './dto/webhook-payloads.dto';
import { WebhookReceipts } from './webhook-receipts.service';
import { WebhookRoutes } from './webhook-routes.service';
import { WebhookController, WebhookEndpoint } from './webhook-endpoint.decorators';
import type { VerifiedWebhook } from './webhook-signature.guard';

type WebhookRequest = Request & { webhook: VerifiedWebhook };

/**
 * Partner systems report facts here. Signed (Standard Webhooks), so no bearer
 * token; deduplicated by `webhook-id`, so no Idempotency-Key.
 */
@WebhookController('v1/webhooks')
export class WebhooksController {
  constructor(
    private readonly receipts: WebhookReceipts,
    private readonly routes: WebhookRoutes,
  ) {}

  @WebhookEndpoint('sadad', { summary: 'SADAD: a renewal fee bill was paid', problems: [404] })
  sadad(@Req() request: WebhookRequest, @Body() payment: SadadPaymentDto): Promise<WebhookAckView> {
    return this.receipts.process(request.webhook, (tx) => this.routes.sadad(tx, payment));
  }

  @WebhookEndpoint('wasel', { summary: 'Wasel: a citizen subscribed and has a national address' })
  wasel(@Req() request: WebhookRequest, @Body() subscription: WaselSubscriptionDto): Promise<WebhookAckView> {
    return this.receipts.process(request.webhook, (tx) => this.routes.wasel(tx, subscription));
  }

  @WebhookEndpoint('print-centre', {
    summary: 'Print centre: a print job completed (new passport number) or failed',
    problems: [404],
  })
  printCentre(@Req() request: WebhookRequest, @Body() event: PrintCentreEventDto): Promise<WebhookAckView> {
    return this.receipts.process(request.webhook, (tx) => this.routes.printCentre(tx, event));
  }

  @WebhookEndpoint('saudi-post', {
    summary: 'Saudi Post: a tracking event of a shipment',
    description:
      'Placed by the echoed shipment key or envelope barcode, else the tracking number. An event for a shipment ' +
      'not known yet answers 503 with Retry-After: send it again.',
    problems: [503],
  })
  saudiPost(@Req() request: WebhookRequest, @Body() event: SaudiPostEventDto): Promise<WebhookAckView> {
    return this.receipts.process(request.webhook, (tx) => this.routes.saudiPost(tx, event));
  }
}
