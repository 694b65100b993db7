import type { Logger } from 'pino';
import type { SeedPerson } from '../../src/sandboxes/seed-people';
import type { ApiMetrics, WorkerMetrics } from '../../src/telemetry/metrics';
import { type MetricsServer, serveWorkerMetrics } from '../../src/worker/metrics-server';
import { installWorkerRuntime } from '../../src/worker/runtime';
import { type SandboxStack, startSandboxStack } from './sandbox-stack';
import { installRuntime } from './temporal-test-env';

export interface ObservedStack {
  stack: SandboxStack;
  /** The worker's /metrics: its business metrics and the Temporal SDK's. */
  metricsServer: MetricsServer;
  stop(): Promise<void>;
}

/**
 * The whole system against the partner sandboxes, logging through `logger`
 * (the Temporal SDK's runtime included) and measuring into the given metrics,
 * with the worker's /metrics served as its entry point serves it.
 */
export async function startObservedStack(
  logger: Logger,
  metrics: { api?: ApiMetrics; worker: WorkerMetrics },
): Promise<ObservedStack> {
  const { sdkMetricsUrl } = await installRuntime(() => installWorkerRuntime(logger));
  const stack = await startSandboxStack(
    { SANDBOX_PRINT_CENTRE_DELAY_MS: '200' },
    { logger, ...(metrics.api ? { metrics: metrics.api } : {}) },
    { metrics: metrics.worker },
  );
  const metricsServer = await serveWorkerMetrics({
    port: 0,
    host: '127.0.0.1',
    registry: metrics.worker.registry,
    sdkMetricsUrl,
  });
  return {
    stack,
    metricsServer,
    async stop() {
      await metricsServer.close();
      await stack.stop();
    },
  };
}

/** Everything that identifies the person, as the registry and Wasel sandboxes hold it, in every written form. */
export function personalDataOf(person: SeedPerson): string[] {
  return [
    person.nationalId,
    person.nameAr,
    person.nameEn,
    ...person.nameEn.split(' '),
    person.dateOfBirth,
    person.mobile,
    person.mobile.slice(1),
    person.mobile.replace(/^\+966/, '0'),
    ...Object.values(person.address ?? {}).map(String),
  ];
}
