import { Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { loadIntegrationsConfig } from '../../config/integrations';
import { createIntegrations, Integrations } from '../../integrations';
import { CIVIL_REGISTRY, WASEL } from './integrations.tokens';

const INTEGRATIONS = Symbol('INTEGRATIONS');

/**
 * The partner ports the API reads from itself (the workflow's activities use
 * the rest): sandbox or HTTP adapter per system, as the worker chooses them.
 */
@Module({
  providers: [
    {
      provide: INTEGRATIONS,
      inject: [getDataSourceToken()],
      useFactory: (db: DataSource) => createIntegrations(loadIntegrationsConfig(), db),
    },
    { provide: CIVIL_REGISTRY, inject: [INTEGRATIONS], useFactory: (all: Integrations) => all.registry },
    { provide: WASEL, inject: [INTEGRATIONS], useFactory: (all: Integrations) => all.wasel },
  ],
  exports: [CIVIL_REGISTRY, WASEL],
})
export class IntegrationsModule {}
