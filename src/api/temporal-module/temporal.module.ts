import { Global, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Client } from '@temporalio/client';
import { OpenTelemetryWorkflowClientInterceptor } from '@temporalio/interceptors-opentelemetry';
import type { ApiProcessConfig } from '../../config/processes';
import type { PayloadKeysConfig } from '../../config/payload-keys';
import { createDataConverter } from '../../temporal/data-converter';
import { PAYLOAD_KEYS } from '../codec/payload-keys.token';
import { TRACING_ON } from '../telemetry-module/api-metrics.token';
import { connectTemporalClient } from '../../temporal/connection';
import { RenewalWorkflows } from './renewal-workflows';
import { InjectTemporalClient, TEMPORAL_CLIENT } from './temporal-client.token';

export { InjectTemporalClient, TEMPORAL_CLIENT };

@Injectable()
class TemporalConnectionCloser implements OnApplicationShutdown {
  constructor(@InjectTemporalClient() private readonly client: Client) {}

  async onApplicationShutdown(): Promise<void> {
    await this.client.connection.close();
  }
}

@Global()
@Module({
  providers: [
    {
      provide: TEMPORAL_CLIENT,
      inject: [ConfigService, PAYLOAD_KEYS, TRACING_ON],
      // Traced: starts, updates and signals open spans under the request's and carry them to the workflow.
      // Untraced: no interceptor, so histories hold no trace headers.
      useFactory: (config: ConfigService<ApiProcessConfig, true>, keys: PayloadKeysConfig, tracing: boolean) =>
        connectTemporalClient(
          config.get('temporal', { infer: true }),
          createDataConverter(keys),
          tracing ? { workflow: [new OpenTelemetryWorkflowClientInterceptor()] } : undefined,
        ),
    },
    TemporalConnectionCloser,
    RenewalWorkflows,
  ],
  exports: [TEMPORAL_CLIENT, RenewalWorkflows],
})
export class TemporalModule {}
