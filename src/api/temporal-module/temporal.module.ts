import { Global, Injectable, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { OpenTelemetryWorkflowClientInterceptor } from '@temporalio/interceptors-opentelemetry';
import type { PayloadKeysConfig } from '../../config/payload-keys';
import type { TemporalConfig } from '../../config/temporal';
import { createDataConverter } from '../../temporal/data-converter';
import { configToken } from '../config-module/config.tokens';
import { API_METRICS, TRACING_ON } from '../telemetry-module/api-metrics.token';
import type { ApiMetrics } from '../../telemetry/metrics';
import { plaintextAlert } from '../../temporal/plaintext-alert';
import { connectTemporalClient } from '../../temporal/connection';
import { RenewalWorkflows } from './renewal-workflows';
import { InjectTemporalClient, TEMPORAL_CLIENT } from './temporal-client.token';

export { InjectTemporalClient, TEMPORAL_CLIENT };

const logger = new Logger('temporal');

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
      inject: [configToken('temporal'), configToken('payloadKeys'), TRACING_ON, API_METRICS],
      // Traced: starts, updates and signals open spans under the request's and carry them to the workflow.
      // Untraced: no interceptor, so histories hold no trace headers.
      useFactory: (temporal: TemporalConfig, keys: PayloadKeysConfig, tracing: boolean, metrics: ApiMetrics) =>
        connectTemporalClient(
          temporal,
          createDataConverter(keys, {
            onPlaintextRefused: plaintextAlert(metrics.payloadIntegrity, (message, fields) =>
              logger.warn({ message, ...fields }),
            ),
          }),
          tracing ? { workflow: [new OpenTelemetryWorkflowClientInterceptor()] } : undefined,
        ),
    },
    TemporalConnectionCloser,
    RenewalWorkflows,
  ],
  exports: [TEMPORAL_CLIENT, RenewalWorkflows],
})
export class TemporalModule {}
