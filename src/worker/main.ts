import 'reflect-metadata';
import { requireDatabaseUrl } from '../config/configuration';
import { loadWorkerConfiguration } from '../config/process-configuration';
import { openDataSource } from '../persistence/data-source';
import { startRenewalWorker } from './worker';

/** `npm run start:worker`: a worker process on its own, for production. */
async function main(): Promise<void> {
  const config = loadWorkerConfiguration(process.env);
  const dataSource = await openDataSource(requireDatabaseUrl(config.databaseUrl));
  const worker = await startRenewalWorker(config, dataSource);
  // The SDK stops polling on SIGINT/SIGTERM and lets running activities finish.
  await worker.done;
  await dataSource.destroy();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
