import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { requireDatabaseUrl } from '../config/database';
import type { ApiProcessConfig } from '../config/processes';
import { dataSourceOptions } from '../persistence/data-source';
import { AuthModule } from './auth/auth.module';
import { CarrierModule } from './carrier/carrier.module';
import { CodecModule, CodecModuleOptions } from './codec/codec.module';
import { ApiConfigModule } from './config-module/api-config.module';
import { CounterModule } from './counter/counter.module';
import { HealthModule } from './health/health.module';
import { IdempotencyModule } from './idempotency/idempotency.module';
import { IntegrationsFactory, IntegrationsModule } from './integrations-module/integrations.module';
import { LoggingModule, LoggingOptions } from './telemetry-module/logging.module';
import { MetricsModule } from './telemetry-module/metrics.module';
import type { ApiMetrics } from '../telemetry/metrics';
import { OperatorModule } from './operator/operator.module';
import { PagesModule } from './pages/pages.module';
import type { PagesOptions } from './pages/pages-options';
import { RenewalEventsModule } from './renewal-events/renewal-events.module';
import { RenewalsModule } from './renewals/renewals.module';
import { TemporalModule } from './temporal-module/temporal.module';
import { WebhooksModule } from './webhooks/webhooks.module';

/** The API: one module per actor, over shared configuration, persistence, Temporal and security. */
@Module({})
export class AppModule {
  /**
   * `config` is the one configuration its entry point loaded; `integrations` builds the partner ports;
   * `codec` adds what only `npm start` knows (its own Temporal UI's origins); so does `pages` (the development
   * sign-in); `telemetry` the metrics the entry point serves (a new set otherwise) and whether it traces.
   */
  static register(
    config: ApiProcessConfig,
    integrations: IntegrationsFactory,
    logging: LoggingOptions,
    codec: CodecModuleOptions = {},
    pages: PagesOptions = {},
    telemetry: { metrics?: ApiMetrics; tracing?: boolean } = {},
  ): DynamicModule {
    return {
      module: AppModule,
      imports: [
        // The loaded object is all there is: no .env file, and no look-ups in process.env behind its back.
        ConfigModule.forRoot({
          isGlobal: true,
          ignoreEnvFile: true,
          validatePredefined: false,
          skipProcessEnv: true,
          load: [() => config],
        }),
        ApiConfigModule,
        LoggingModule.register(logging),
        MetricsModule.register(telemetry.metrics, telemetry.tracing),
        TypeOrmModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (loaded: ConfigService<ApiProcessConfig, true>) =>
            dataSourceOptions(
              requireDatabaseUrl(loaded.get('databaseUrl', { infer: true })),
              loaded.get('api.databasePoolSize', { infer: true }),
              'renewals-api',
            ),
        }),
        IntegrationsModule.register(integrations),
        CodecModule.register(config, codec),
        TemporalModule,
        AuthModule,
        IdempotencyModule,
        RenewalsModule,
        CounterModule,
        OperatorModule,
        WebhooksModule,
        CarrierModule,
        HealthModule,
        RenewalEventsModule,
        PagesModule.register(config.pages, pages),
      ],
    };
  }
}
