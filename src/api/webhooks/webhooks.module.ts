import { Module } from '@nestjs/common';
import { SharedModule } from '../shared/shared.module';
import { WebhookReceipts } from './webhook-receipts.service';
import { WebhookRoutes } from './webhook-routes.service';
import { WebhooksController } from './webhooks.controller';
import { WebhookSignatureGuard } from './webhook-signature.guard';

/** Signed webhooks from SADAD, Wasel, the print centre and Saudi Post. */
@Module({
  imports: [SharedModule],
  controllers: [WebhooksController],
  providers: [WebhookReceipts, WebhookRoutes, WebhookSignatureGuard],
})
export class WebhooksModule {}
