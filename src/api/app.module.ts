import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig, loadConfig, requireDatabaseUrl } from '../config/configuration';
import { dataSourceOptions } from '../persistence/data-source';
import { AuthModule } from './auth/auth.module';
import { CarrierModule } from './carrier/carrier.module';
import { CodecModule, CodecModuleOptions } from './codec/codec.module';
import { ApiConfigModule } from './config/api-config.module';
import { CounterModule } from './counter/counter.module';
import { HealthModule } from './health/health.module';
import { IdempotencyModule } from './idempotency/idempotency.module';
import { LoggingModule, LoggingOptions } from './logging/logging.module';
import { OperatorModule } from './operator/operator.module';
import { RenewalsModule } from './renewals/renewals.module';
import { TemporalModule } from './temporal/temporal.module';
import { WebhooksModule } from './webhooks/webhooks.module';

/** The API: one module per actor, over shared configuration, persistence, Temporal and security. */
@Module({})
export class AppModule {
  static register(logging: LoggingOptions, codec: CodecModuleOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [() => ({ ...loadConfig() })] }),
        ApiConfigModule,
        LoggingModule.register(logging),
        TypeOrmModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (config: ConfigService<AppConfig, true>) =>
            dataSourceOptions(requireDatabaseUrl(config.get('databaseUrl', { infer: true }))),
        }),
        CodecModule.register(codec),
        TemporalModule,
        AuthModule,
        IdempotencyModule,
        RenewalsModule,
        CounterModule,
        OperatorModule,
        WebhooksModule,
        CarrierModule,
        HealthModule,
      ],
    };
  }
}
