import type { TelemetryConfig } from '../config/telemetry';
import type { Logger } from '../telemetry/logger';
import { createWorkerMetrics } from '../telemetry/metrics';
import type { Tracing } from '../telemetry/tracing';
import { serveWorkerMetrics } from './metrics-server';
import { installWorkerRuntime } from './runtime';
import type { WorkerTelemetry } from './worker';

export interface WorkerObservability {
  telemetry: WorkerTelemetry;
  /** Where the worker's /metrics listens (WORKER_METRICS_PORT), unless turned off. */
  metricsPort?: number;
  stop(): Promise<void>;
}

/**
 * What a worker process sets up before its worker, once: the SDK runtime
 * logging through pino with its Prometheus exporter, the business metrics,
 * and /metrics serving both on WORKER_METRICS_PORT.
 */
export async function startWorkerObservability(
  config: TelemetryConfig,
  logger: Logger,
  tracing?: Tracing,
  /** By default the SDK stops the worker on SIGINT/SIGTERM; a launcher that stops it in its own order passes []. */
  runtime: Parameters<typeof installWorkerRuntime>[1] = {},
): Promise<WorkerObservability> {
  const { sdkMetricsUrl } = await installWorkerRuntime(logger, runtime);
  const metrics = createWorkerMetrics();
  const server = config.workerMetricsPort
    ? await serveWorkerMetrics({ port: config.workerMetricsPort, registry: metrics.registry, sdkMetricsUrl })
    : undefined;
  return {
    telemetry: { metrics, tracing },
    metricsPort: server?.port,
    async stop() {
      await server?.close();
    },
  };
}
