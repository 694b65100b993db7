import { NativeConnection, Worker } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import { createActivities } from '../../activities';
import { AppConfig, requireTemporalAddress } from '../config/configuration';
import { loadIntegrationsConfig } from '../config/integrations';
import { loadPayloadKeys, PayloadKeysConfig, requirePayloadKeys } from '../config/payload-keys';
import { createDataConverter } from '../temporal/data-converter';
import { createIntegrations } from '../integrations';
import { createPersistence } from '../persistence/persistence';

export const WORKFLOWS_PATH = require.resolve('../../workflows');

export interface RunningWorker {
  worker: Worker;
  /** Resolves when the worker has stopped (after `shutdown`). */
  done: Promise<void>;
  shutdown(): Promise<void>;
}

/**
 * Builds the worker: the renewal workflows plus activities wired to their
 * adapters. Setup is split from `run` so tests and the embedded launcher can
 * start it next to other components.
 */
export async function createRenewalWorker(
  config: AppConfig,
  dataSource: DataSource,
  // The embedded launcher passes the key it generated; everyone else configures PAYLOAD_KEYS.
  payloadKeys: PayloadKeysConfig = requirePayloadKeys(loadPayloadKeys(process.env)),
): Promise<Worker> {
  const connection = await NativeConnection.connect({ address: requireTemporalAddress(config.temporal) });
  return Worker.create({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    ...workflowSource(config.temporal.workflowBundlePath),
    dataConverter: createDataConverter(payloadKeys),
    // Sandbox or HTTP adapter per system, from INTEGRATION_<SYSTEM>_MODE (docs/integrations.md).
    activities: createActivities({
      persistence: createPersistence(dataSource),
      ...createIntegrations(loadIntegrationsConfig(), dataSource),
    }),
  });
}

function workflowSource(bundlePath: string | undefined) {
  return bundlePath ? { workflowBundle: { codePath: bundlePath } } : { workflowsPath: WORKFLOWS_PATH };
}

export async function startRenewalWorker(
  config: AppConfig,
  dataSource: DataSource,
  payloadKeys?: PayloadKeysConfig,
): Promise<RunningWorker> {
  const worker = await createRenewalWorker(config, dataSource, payloadKeys);
  const done = worker.run();
  return {
    worker,
    done,
    async shutdown() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await done;
      await worker.options.connection?.close();
    },
  };
}
