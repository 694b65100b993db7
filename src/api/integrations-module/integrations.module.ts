import { DynamicModule, Module } from '@nestjs/common';
import type { Integrations } from '../../integrations';
import type { ApiMetrics, PartnerCallMetrics } from '../../telemetry/metrics';
import { API_METRICS } from '../telemetry-module/api-metrics.token';
import { CIVIL_REGISTRY, WASEL } from './integrations.tokens';

/** Builds the partner ports, measured into the API's metrics; the entry point decides sandbox or HTTP. */
export type IntegrationsFactory = (metrics?: PartnerCallMetrics) => Integrations;

const INTEGRATIONS = Symbol('INTEGRATIONS');

/**
 * The partner ports the API reads from itself (the workflow's activities use
 * the rest). The entry point hands in how to build them (src/wiring), so the
 * API never knows whether a port is a sandbox or the real partner.
 */
@Module({})
export class IntegrationsModule {
  static register(factory: IntegrationsFactory): DynamicModule {
    return {
      module: IntegrationsModule,
      global: true,
      providers: [
        {
          provide: INTEGRATIONS,
          inject: [API_METRICS],
          useFactory: (metrics: ApiMetrics) => factory(metrics.partnerCalls),
        },
        { provide: CIVIL_REGISTRY, inject: [INTEGRATIONS], useFactory: (all: Integrations) => all.registry },
        { provide: WASEL, inject: [INTEGRATIONS], useFactory: (all: Integrations) => all.wasel },
      ],
      exports: [CIVIL_REGISTRY, WASEL],
    };
  }
}
