import { DynamicModule, Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Integrations } from '../../integrations';
import type { ApiMetrics, PartnerCallMetrics } from '../../telemetry/metrics';
import { API_METRICS } from '../telemetry-module/api-metrics.token';
import { CIVIL_REGISTRY, WASEL } from './integrations.tokens';

/** Builds the partner ports on the API's database connection; the entry point decides sandbox or HTTP. */
export type IntegrationsFactory = (dataSource: DataSource, metrics?: PartnerCallMetrics) => Integrations;

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
          inject: [getDataSourceToken(), API_METRICS],
          useFactory: (dataSource: DataSource, metrics: ApiMetrics) => factory(dataSource, metrics.partnerCalls),
        },
        { provide: CIVIL_REGISTRY, inject: [INTEGRATIONS], useFactory: (all: Integrations) => all.registry },
        { provide: WASEL, inject: [INTEGRATIONS], useFactory: (all: Integrations) => all.wasel },
      ],
      exports: [CIVIL_REGISTRY, WASEL],
    };
  }
}
