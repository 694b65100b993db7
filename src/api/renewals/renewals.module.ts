import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import type { ApiConfig } from '../../config/api';
import { configToken } from '../config-module/config.tokens';
import { SharedModule } from '../shared/shared.module';
import { CitizenThrottlerGuard } from './citizen-throttler.guard';
import { RenewalsController } from './renewals.controller';
import { RenewalsService } from './renewals.service';

/** The citizen's side: start a renewal, review, accept, follow and cancel it. */
@Module({
  imports: [
    SharedModule,
    ThrottlerModule.forRootAsync({
      inject: [configToken('api')],
      useFactory: (config: ApiConfig) => ({
        throttlers: [{ name: 'default', ttl: config.rateLimit.windowMs, limit: config.rateLimit.citizenLimit }],
      }),
    }),
  ],
  controllers: [RenewalsController],
  providers: [RenewalsService, CitizenThrottlerGuard],
  exports: [RenewalsService],
})
export class RenewalsModule {}
