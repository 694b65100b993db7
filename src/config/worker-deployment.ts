import { type Env, readEnv } from './env';

/**
 * Which Worker Deployment Version a worker serves (Temporal Worker Versioning, docs/operations.md, "Worker
 * versions"). A build id names the code the worker runs, so it comes from the build (the Dockerfile bakes the commit
 * into the image, the cluster launcher passes it), never from the environment a process happens to start in.
 *
 *   TEMPORAL_DEPLOYMENT_NAME   the deployment every build of this worker belongs to (passport-renewal)
 *   TEMPORAL_BUILD_ID          the build; unset: an unversioned worker (npm start and the tests), refused in production
 */
export interface WorkerDeploymentConfig {
  deploymentName: string;
  /** Unset: the worker polls unversioned and takes whatever task the queue has, as before Worker Versioning. */
  buildId?: string;
}

export const DEFAULT_DEPLOYMENT_NAME = 'passport-renewal';

/**
 * The server names a version `<deployment>.<build id>` and splits at the first dot, so a deployment name has none;
 * both stay within what a Docker tag or a git ref can carry, and within the server's 255 characters.
 */
const deploymentName = (raw: string) => (/^[A-Za-z0-9_-]{1,100}$/.test(raw) ? raw : undefined);
const buildId = (raw: string) => (/^[A-Za-z0-9_.-]{1,100}$/.test(raw) ? raw : undefined);

export function loadWorkerDeploymentConfig(env: Env): WorkerDeploymentConfig {
  return {
    deploymentName: readEnv(
      env,
      'TEMPORAL_DEPLOYMENT_NAME',
      DEFAULT_DEPLOYMENT_NAME,
      deploymentName,
      'letters, digits, _ or - (no dot)',
    ),
    buildId: readEnv(
      env,
      'TEMPORAL_BUILD_ID',
      undefined,
      buildId,
      'letters, digits, ., _ or - (a commit or image tag)',
    ),
  };
}
