import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import type { MaintenanceActivities, RenewalActivities } from '../../workflows/contract';
import { registerSearchAttributes } from '../../src/temporal/search-attribute-registration';
import { testDataConverter } from './payload-keys';
import { loadTemporalConfig } from '../../src/config/temporal';
import { temporalConnectionOptions } from '../../src/temporal/connection';

let runtimeInstalled = false;

/**
 * Worker logs at WARN and above, the SDK core's at ERROR: every time-skipping
 * server otherwise draws a warning about a server capability it lacks.
 */
export function installQuietRuntime(): void {
  if (runtimeInstalled) return;
  Runtime.install({
    logger: new DefaultLogger('WARN'),
    telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' } } },
  });
  runtimeInstalled = true;
}

/**
 * A test that looks at the worker's logs or SDK metrics installs the runtime
 * its own way, first; the quiet default then stands aside.
 */
export async function installRuntime<T>(install: () => Promise<T>): Promise<T> {
  if (runtimeInstalled) throw new Error('The Temporal runtime is already installed in this test file');
  const installed = await install();
  runtimeInstalled = true;
  return installed;
}

/** The time-skipping test server that the global setup located or installed. */
export async function createTimeSkippingEnvironment(): Promise<TestWorkflowEnvironment> {
  const path = requireEnv('TEMPORAL_TEST_SERVER_PATH');
  installQuietRuntime();
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path } },
    client: { dataConverter: testDataConverter() },
  });
  await registerSearchAttributes(env.connection.operatorService, env.namespace ?? 'default');
  return env;
}

export function createTestWorker(
  env: TestWorkflowEnvironment,
  taskQueue: string,
  activities: RenewalActivities & Partial<MaintenanceActivities>,
): Promise<Worker> {
  return Worker.create({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue,
    workflowBundle: { codePath: requireEnv('WORKFLOW_BUNDLE_PATH') },
    dataConverter: testDataConverter(),
    activities,
  });
}

/** Values the global setup puts in the environment for every test file. */
export function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the suite through Jest, whose global setup provides it`);
  return value;
}

/**
 * The suite's Temporal server as the product connects to it: its address, and on the cluster (`npm run
 * test:cluster`) the API's certificate from TEMPORAL_TLS_*, which the launcher sets.
 */
export function suiteConnectionOptions() {
  return temporalConnectionOptions(loadTemporalConfig(process.env));
}
