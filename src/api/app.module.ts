import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { ApiConfig } from '../config/api';
import type { ApiProcessConfig } from '../config/processes';
import { dataSourceOptions } from '../persistence/data-source';
import { AdminModule } from './admin/admin.module';
import { AuthModule } from './auth/auth.module';
import { CarrierModule } from './carrier/carrier.module';
import { CodecModule, CodecModuleOptions } from './codec/codec.module';
import { ConfigModule } from './config-module/config.module';
import { configToken } from './config-module/config.tokens';
import { CounterModule } from './counter/counter.module';
import { HealthModule } from './health/health.module';
import { IdempotencyModule } from './idempotency/idempotency.module';
import { IntegrationsFactory, IntegrationsModule } from './integrations-module/integrations.module';
import { LoggingModule, LoggingOptions } from './telemetry-module/logging.module';
import { MetricsModule } from './telemetry-module/metrics.module';
import type { ApiMetrics } from '../telemetry/metrics';
import { OperatorModule } from './operator/operator.module';
import { PagesModule } from './pages/pages.module';
import { RateLimitsModule } from './rate-limits/rate-limits.module';
import { RenewalEventsModule } from './renewal-events/renewal-events.module';
import { RenewalsModule } from './renewals/renewals.module';
import { TemporalModule } from './temporal-module/temporal.module';
import { WebhooksModule } from './webhooks/webhooks.module';

/** The API: one module per actor, over shared configuration, persistence, Temporal and security. */
@Module({})
export class AppModule {
  /**
   * `config` is the one configuration its entry point loaded; `integrations` builds the partner ports;
   * `codec` adds what only `npm start` knows (its own Temporal UI's origins); `telemetry` the metrics the entry
   * point serves (a new set otherwise) and whether it traces.
   */
  static register(
    config: ApiProcessConfig,
    integrations: IntegrationsFactory,
    logging: LoggingOptions,
    codec: CodecModuleOptions = {},
    telemetry: { metrics?: ApiMetrics; tracing?: boolean } = {},
  ): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.register(config),
        LoggingModule.register(logging),
        MetricsModule.register(telemetry.metrics, telemetry.tracing),
        TypeOrmModule.forRootAsync({
          inject: [configToken('databaseUrl'), configToken('api')],
          useFactory: (databaseUrl: string, api: ApiConfig) =>
            dataSourceOptions(databaseUrl, api.databasePoolSize, 'renewals-api'),
        }),
        IntegrationsModule.register(integrations),
        CodecModule.register(codec),
        TemporalModule,
        AuthModule,
        RateLimitsModule,
        IdempotencyModule,
        RenewalsModule,
        CounterModule,
        OperatorModule,
        WebhooksModule,
        CarrierModule,
        HealthModule,
        RenewalEventsModule,
        PagesModule,
        AdminModule,
      ],
    };
  }
}
