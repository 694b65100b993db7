import { Global, Inject, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { ApiProcessConfig } from '../../config/processes';

export const API_CONFIG = Symbol('API_CONFIG');

/** Injects the API's configuration: `@InjectApiConfig() config: ApiConfig`. */
export const InjectApiConfig = () => Inject(API_CONFIG);

/** The API's security and traffic settings (src/config/api.ts): the `api` part of the loaded configuration. */
@Global()
@Module({
  providers: [
    {
      provide: API_CONFIG,
      inject: [ConfigService],
      useFactory: (config: ConfigService<ApiProcessConfig, true>) => config.get('api', { infer: true }),
    },
  ],
  exports: [API_CONFIG],
})
export class ApiConfigModule {}
