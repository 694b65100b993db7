import type { WorkerOptions } from '@temporalio/worker';
import type { WorkerDeploymentConfig } from '../config/worker-deployment';

/**
 * The worker's place in Worker Versioning: with a build id it serves that version of the deployment and takes only
 * the tasks the server routes to it (new renewals go to the current version); without one it polls unversioned, as
 * `npm start` and the tests do.
 *
 * Each workflow type declares its own behaviour beside its definition (setWorkflowOptions in workflows/); the default here
 * only covers a type that forgot to: PINNED, which never asks a build to replay another build's history.
 */
export function workerDeploymentOptionsOf(
  config: WorkerDeploymentConfig,
): Pick<WorkerOptions, 'workerDeploymentOptions'> {
  if (!config.buildId) return {};
  return {
    workerDeploymentOptions: {
      useWorkerVersioning: true,
      version: { deploymentName: config.deploymentName, buildId: config.buildId },
      defaultVersioningBehavior: 'PINNED',
    },
  };
}
