import { DynamicModule, Global, MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { RenewalsRepository } from '../../persistence/repositories/renewals.repository';
import { type ApiMetrics, createApiMetrics, RenewalsByStageGauge } from '../../telemetry/metrics';
import { PersistenceModule } from '../persistence-module/persistence.module';
import { API_METRICS, TRACING_ON } from './api-metrics.token';
import { MetricsController } from './metrics.controller';
import { RequestTelemetryMiddleware } from './request-telemetry.middleware';

/**
 * The API's metrics and request telemetry: `/metrics` for Prometheus (HTTP
 * requests, partner calls, counter mismatches, renewals by stage from the read
 * model) and a server span per request. Global, so any module can count, and
 * the Temporal client knows whether to trace.
 */
@Global()
@Module({})
export class MetricsModule implements NestModule {
  /** `metrics`: the set the entry point keeps (a new one otherwise, as tests want); `tracing`: whether it traces. */
  static register(metrics: ApiMetrics = createApiMetrics(), tracing = false): DynamicModule {
    return {
      module: MetricsModule,
      imports: [PersistenceModule],
      controllers: [MetricsController],
      providers: [
        { provide: API_METRICS, useValue: metrics },
        { provide: TRACING_ON, useValue: tracing },
        {
          provide: RenewalsByStageGauge,
          inject: [RenewalsRepository],
          useFactory: (renewals: RenewalsRepository) =>
            new RenewalsByStageGauge(metrics.registry, () => renewals.countByStage()),
        },
        RequestTelemetryMiddleware,
      ],
      exports: [API_METRICS, TRACING_ON],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestTelemetryMiddleware).forRoutes({ path: '*path', method: RequestMethod.ALL });
  }
}
