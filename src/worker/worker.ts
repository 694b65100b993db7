import { NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import { type ActivityDependencies, createActivities } from '../../activities';
import { requirePayloadKeys } from '../config/payload-keys';
import type { WorkerProcessConfig } from '../config/processes';
import { workerOptionsOf } from '../config/worker';
import { housekeepingScheduleId } from '../../workflows/contract';
import { connectTemporalClient, temporalConnectionOptions } from '../temporal/connection';
import { createDataConverter, FAILURE_CONVERTER_PATH } from '../temporal/data-converter';
import { ensureHousekeepingSchedule } from '../temporal/housekeeping-schedule';
import { plaintextAlert } from '../temporal/plaintext-alert';
import { createPersistence } from '../persistence/persistence';
import { PersonalDataProtection } from '../persistence/personal-data';
import { createIntegrations, type HandedAdapters } from '../wiring/integrations';
import { createWorkerMetrics, type WorkerMetrics } from '../telemetry/metrics';
import type { Tracing } from '../telemetry/tracing';
import { applyWorkerHeapTuning } from './heap';
import { SmsOutboxSender } from './sms-outbox-sender';
import { tracingWorkerOptions } from './tracing';
import { workerDeploymentOptionsOf } from './versioning';

export const WORKFLOWS_PATH = require.resolve('../../workflows');

/**
 * What every workflow bundle is built from: the workflows and the failure converter, which runs inside the
 * workflow sandbox and so is bundled with them (a bundle without it would write failures in clear text).
 */
export const WORKFLOW_BUNDLE_OPTIONS = { workflowsPath: WORKFLOWS_PATH, failureConverterPath: FAILURE_CONVERTER_PATH };

export interface RunningWorker {
  worker: Worker;
  /** Resolves when the worker has stopped (on a signal, or after `shutdown`) and its connection is closed. */
  done: Promise<void>;
  shutdown(): Promise<void>;
}

/** What the worker measures into (served by its entry point) and, when tracing is on, where its spans go. */
export interface WorkerTelemetry {
  metrics?: WorkerMetrics;
  tracing?: Tracing;
}

/**
 * Builds the worker: the renewal workflows plus activities wired to their
 * adapters (HTTP ones from configuration unless `dependencies` are given).
 * Setup is split from `run` so tests and the embedded launcher can start it
 * next to other components.
 */
export async function createRenewalWorker(
  config: WorkerProcessConfig,
  dataSource: DataSource,
  telemetry: WorkerTelemetry = {},
  dependencies?: ActivityDependencies,
): Promise<Worker> {
  // Every process but `npm start`, which generates a development key, must be given PAYLOAD_KEYS: checked
  // before connecting anywhere.
  const dataConverter = createDataConverter(requirePayloadKeys(config.payloadKeys), {
    onPlaintextRefused: plaintextAlert(telemetry.metrics?.payloadIntegrity, (message, fields) =>
      Runtime.instance().logger.warn(message, fields),
    ),
  });
  const connection = await NativeConnection.connect(temporalConnectionOptions(config.temporal));
  return Worker.create({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    ...workflowSource(config.temporal.workflowBundlePath),
    dataConverter,
    ...workerOptionsOf(config.worker),
    ...workerDeploymentOptionsOf(config.workerDeployment),
    ...tracingWorkerOptions(telemetry.tracing, Boolean(config.temporal.workflowBundlePath)),
    activities: createActivities(dependencies ?? activityDependencies(config, dataSource, telemetry, {})),
  });
}

/** Repositories, and the handed or HTTP adapter per system from INTEGRATION_<SYSTEM>_MODE (docs/integrations.md). */
function activityDependencies(
  config: WorkerProcessConfig,
  dataSource: DataSource,
  telemetry: WorkerTelemetry,
  handed: HandedAdapters,
): ActivityDependencies {
  const metrics = telemetry.metrics ?? createWorkerMetrics();
  return {
    // The keys to read a citizen's national ID back (SMS) and re-encrypt after a rotation; no look-up key.
    persistence: createPersistence(dataSource, new PersonalDataProtection(config.personalDataKeys)),
    ...createIntegrations(config.integrations, metrics.partnerCalls, handed),
    stageChanges: metrics.stageChanges,
  };
}

function workflowSource(bundlePath: string | undefined) {
  return bundlePath ? { workflowBundle: { codePath: bundlePath } } : { workflowsPath: WORKFLOWS_PATH };
}

/** The maintenance job is a Temporal Schedule: durable, visible in the UI, and kept in place by every worker. */
async function keepHousekeepingScheduled(config: WorkerProcessConfig): Promise<void> {
  const client = await connectTemporalClient(
    config.temporal,
    createDataConverter(requirePayloadKeys(config.payloadKeys)),
  );
  try {
    const change = await ensureHousekeepingSchedule(client, config.temporal.taskQueue, config.housekeeping);
    Runtime.instance().logger.info(`Housekeeping schedule ${change}`, {
      scheduleId: housekeepingScheduleId(config.temporal.taskQueue),
    });
  } finally {
    await client.connection.close();
  }
}

/**
 * The worker, polling, with the SMS outbox sender beside it; both stop on `shutdown` (or on a signal).
 * `handed`: adapters for the systems configured `sandbox`, which only the development harness has.
 */
export async function startRenewalWorker(
  config: WorkerProcessConfig,
  dataSource: DataSource,
  telemetry: WorkerTelemetry = {},
  handed: HandedAdapters = {},
): Promise<RunningWorker> {
  // Before the SDK starts the workflow thread, whose heap takes the flags when it is made.
  applyWorkerHeapTuning(config.worker.heapGrowthPercent);
  const dependencies = activityDependencies(config, dataSource, telemetry, handed);
  const worker = await createRenewalWorker(config, dataSource, telemetry, dependencies);
  try {
    await keepHousekeepingScheduled(config);
  } catch (error) {
    await worker.options.connection?.close();
    throw error;
  }
  const sender = new SmsOutboxSender(
    dependencies.persistence.smsOutbox,
    dependencies.registry,
    dependencies.sms,
    config.smsSender,
    Runtime.instance().logger,
  );
  sender.start();
  // The SDK stops polling on SIGINT/SIGTERM: the sender stops with it, its round in flight recorded; then the
  // connection to Temporal is closed, whose native handle would otherwise keep a stopped process alive.
  const done = worker.run().finally(async () => {
    await sender.stop();
    await worker.options.connection?.close();
  });
  return {
    worker,
    done,
    async shutdown() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await done;
    },
  };
}
