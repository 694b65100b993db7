import { Runtime, type RuntimeOptions } from '@temporalio/worker';
import type { Logger } from '../telemetry/logger';
import { PinoSdkLogger } from '../telemetry/temporal-logger';
import { freePort } from './free-port';

export interface WorkerRuntime {
  /** Where the Temporal SDK's own Prometheus exporter answers (loopback only); the worker's /metrics serves it on. */
  sdkMetricsUrl: string;
}

/**
 * The Temporal SDK's process-wide runtime, installed once by the entry point
 * before any worker exists: its logs (Core's included) go to the process's pino
 * logger, and its metrics (workflow completions, task latencies, slots, polls)
 * to a Prometheus exporter on a loopback port of its own, which the worker's
 * /metrics joins to the business metrics (src/worker/metrics-server.ts), so
 * Prometheus scrapes one port per worker.
 */
export async function installWorkerRuntime(
  logger: Logger,
  options: Pick<RuntimeOptions, 'shutdownSignals'> = {},
): Promise<WorkerRuntime> {
  const sdkMetricsAddress = `127.0.0.1:${await freePort()}`;
  Runtime.install({
    ...options,
    logger: new PinoSdkLogger(logger.child({ component: 'temporal' })),
    telemetryOptions: {
      logging: { filter: { core: 'WARN', other: 'ERROR' }, forward: {} },
      metrics: { prometheus: { bindAddress: sdkMetricsAddress, useSecondsForDurations: true } },
    },
  });
  return { sdkMetricsUrl: `http://${sdkMetricsAddress}/metrics` };
}
