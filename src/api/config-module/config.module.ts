import { DynamicModule, Module } from '@nestjs/common';
import { requireDatabaseUrl } from '../../config/database';
import { requirePayloadKeys } from '../../config/payload-keys';
import { API_SLICES, type ApiProcessConfig, type ApiSlice } from '../../config/processes';
import { configToken } from './config.tokens';

/**
 * Slices the running API cannot do without. Checked when first injected, so a preview of the modules (`npm run
 * openapi`), which injects nothing, needs neither.
 */
const REQUIRED: { [Slice in ApiSlice]?: (value: ApiProcessConfig[Slice]) => unknown } = {
  databaseUrl: requireDatabaseUrl,
  payloadKeys: requirePayloadKeys,
};

/**
 * The configuration the entry point loaded, one provider per slice (`@InjectConfig('temporal')`), so each module
 * names the slices it depends on. The loaded object is all there is: no `.env` file, no look-up in `process.env`.
 */
@Module({})
export class ConfigModule {
  static register(config: ApiProcessConfig): DynamicModule {
    const providers = API_SLICES.map((slice) => {
      const required = REQUIRED[slice] as ((value: unknown) => unknown) | undefined;
      return { provide: configToken(slice), useFactory: () => (required ? required(config[slice]) : config[slice]) };
    });
    return {
      module: ConfigModule,
      global: true,
      providers,
      exports: providers.map((provider) => provider.provide),
    };
  }
}
