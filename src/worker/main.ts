import 'reflect-metadata';
import { requireDatabaseUrl } from '../config/database';
import { loadWorkerProcessConfig } from '../config/processes';
import { startupWarnings } from '../config/production-refusals';
import { openDataSource } from '../persistence/data-source';
import { createLogger } from '../telemetry/logger';
import { startTracing } from '../telemetry/tracing';
import { startWorkerObservability } from './observability';
import { startRenewalWorker } from './worker';

/** `npm run start:worker`: a worker process on its own, for production. */
async function main(): Promise<void> {
  const config = loadWorkerProcessConfig(process.env);
  const logger = createLogger(config.telemetry);
  // What production was allowed but should not keep (a staging stack's simulated partners), said at every start.
  for (const warning of startupWarnings(config)) logger.warn(warning);
  const tracing = startTracing(config.telemetry.tracing, { serviceName: 'passport-renewal-worker' });
  const observability = await startWorkerObservability(config.telemetry, logger, tracing);
  if (observability.metricsPort) logger.info({ port: observability.metricsPort }, 'Worker metrics at /metrics');
  const dataSource = await openDataSource(
    requireDatabaseUrl(config.databaseUrl),
    config.worker.databasePoolSize,
    'renewals-worker',
  );
  const worker = await startRenewalWorker(config, dataSource, observability.telemetry);
  // The SDK stops polling on SIGINT/SIGTERM and lets running activities finish.
  await worker.done;
  await dataSource.destroy();
  await observability.stop();
  await tracing?.shutdown();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
