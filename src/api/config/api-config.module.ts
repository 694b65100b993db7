import { Global, Inject, Module } from '@nestjs/common';
import { loadApiConfig } from '../../config/api';

export const API_CONFIG = Symbol('API_CONFIG');

/** Injects the API's configuration: `@InjectApiConfig() config: ApiConfig`. */
export const InjectApiConfig = () => Inject(API_CONFIG);

/** The API's security and traffic settings (src/config/api.ts), read once at start. */
@Global()
@Module({
  providers: [{ provide: API_CONFIG, useFactory: () => loadApiConfig() }],
  exports: [API_CONFIG],
})
export class ApiConfigModule {}
