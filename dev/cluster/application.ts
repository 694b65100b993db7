import { hostname } from 'node:os';
import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import type { WorkerDeploymentVersion } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { PROJECT_ROOT } from '../../src/config/paths';
import { httpOk, tcpListening } from '../launcher/readiness';
import type { ProcessSpec } from '../launcher/supervisor';
import { partnerHttpEnv } from '../sandboxes/http/server';
import { WORKER_NODE_FLAGS } from '../../src/worker/heap';
import { temporalTls } from '../../src/temporal/connection';
import { type ClusterTls, type TemporalIdentity, tlsEnv } from './tls';

/** The production entry points, as `npm run build` compiles them. */
const entryPoint = (path: string) => join(PROJECT_ROOT, 'dist', path);
export const ENTRY_POINTS = {
  migrate: entryPoint('src/persistence/migrate.js'),
  api: entryPoint('src/api/main.js'),
  worker: entryPoint('src/worker/main.js'),
  sandboxes: entryPoint('dev/sandboxes/main.js'),
};

export interface ApplicationEnv {
  /** The launcher's environment, which every application process starts from. */
  base: NodeJS.ProcessEnv;
  /** Each process's PostgreSQL role (dev/infra/database-roles.ts): none runs as the superuser. */
  databaseUrls: Record<'migrator' | 'api' | 'worker' | 'sandboxes', string>;
  temporalAddress: string;
  /** The data folder's certificates: each process presents its own identity's. None on the dev server. */
  temporalTls?: ClusterTls;
  namespace: string;
  taskQueue: string;
  workflowBundlePath: string;
  /** The balancer in front of the API replicas, where the sandboxes send their webhooks. */
  webhookBaseUrl: string;
  /** The sandboxes' process: the partners of the API and the workers, reached over HTTP. */
  sandboxesUrl: string;
  /** The same payload keys for every API and worker (the launcher's own development key when none is set). */
  payloadKeys: { PAYLOAD_KEYS: string; PAYLOAD_KEY_CURRENT?: string };
  /** Origins of the Temporal UI, whose codec calls the API answers. */
  codecCorsOrigins: string[];
  /** The OpenID provider every API replica trusts (the launcher's sandbox provider unless the user named one). */
  oidcIssuerUrl: string;
  /** The Worker Deployment Version the workers serve (Worker Versioning). */
  workerVersion: WorkerDeploymentVersion;
}

/**
 * The partners of the API and the workers: the sandboxes' process over HTTP (the product's processes run no
 * sandbox of their own), for every system the user has not pointed at an endpoint of their own.
 */
function partnerEnv(app: ApplicationEnv): Record<string, string> {
  const env = partnerHttpEnv(app.sandboxesUrl);
  for (const name of Object.keys(env).filter((key) => key.endsWith('_MODE'))) {
    if (app.base[name] === 'http') {
      delete env[name];
      delete env[name.replace(/_MODE$/, '_BASE_URL')];
    }
  }
  return env;
}

/** The environment every application process gets: the user's own (policy, secrets, faults), then ours. */
function appEnv(
  app: ApplicationEnv,
  role: keyof ApplicationEnv['databaseUrls'],
  extra: Record<string, string> = {},
  identity?: TemporalIdentity,
): NodeJS.ProcessEnv {
  return {
    ...app.base,
    ...(identity && app.temporalTls ? tlsEnv(app.temporalTls.client(identity)) : {}),
    ...partnerEnv(app),
    ...app.payloadKeys,
    CODEC_CORS_ORIGINS: app.codecCorsOrigins.join(','),
    OIDC_ISSUER_URL: app.oidcIssuerUrl,
    DATABASE_URL: app.databaseUrls[role],
    TEMPORAL_ADDRESS: app.temporalAddress,
    TEMPORAL_NAMESPACE: app.namespace,
    TEMPORAL_TASK_QUEUE: app.taskQueue,
    WORKFLOW_BUNDLE_PATH: app.workflowBundlePath,
    SANDBOX_WEBHOOK_BASE_URL: app.webhookBaseUrl,
    ...extra,
  };
}

const node = (
  name: string,
  script: string,
  env: NodeJS.ProcessEnv,
  ready?: ProcessSpec['ready'],
  nodeFlags: string[] = [],
): ProcessSpec => ({
  name,
  command: process.execPath,
  args: [...nodeFlags, script],
  env,
  ready,
});

export const migrateSpec = (app: ApplicationEnv) => node('migrate', ENTRY_POINTS.migrate, appEnv(app, 'migrator'));

export const apiSpec = (app: ApplicationEnv, name: string, port: number) =>
  node(
    name,
    ENTRY_POINTS.api,
    appEnv(app, 'api', { PORT: String(port) }, 'passport-api'),
    httpOk(`http://127.0.0.1:${port}/health/ready`),
  );

/** Ready once Temporal has seen it poll: the SDK's default worker identity is `<pid>@<hostname>`. */
export const workerSpec = (app: ApplicationEnv, name: string) =>
  // Several workers share this host, so none takes the default metrics port (WORKER_METRICS_PORT, 9464).
  node(
    name,
    ENTRY_POINTS.worker,
    appEnv(
      app,
      'worker',
      {
        WORKER_METRICS_PORT: '0',
        TEMPORAL_DEPLOYMENT_NAME: app.workerVersion.deploymentName,
        TEMPORAL_BUILD_ID: app.workerVersion.buildId,
      },
      'passport-worker',
    ),
    (pid) => pollsWorkflowTasks(app, `${pid}@${hostname()}`),
    WORKER_NODE_FLAGS,
  );

export const sandboxesSpec = (app: ApplicationEnv, port: number) =>
  node(
    'sandboxes',
    ENTRY_POINTS.sandboxes,
    appEnv(app, 'sandboxes', { SANDBOX_HTTP_PORT: String(port) }),
    tcpListening(port),
  );

async function pollsWorkflowTasks(app: ApplicationEnv, identity: string): Promise<boolean> {
  const tls = app.temporalTls?.client('temporal-admin');
  const connection = await Connection.connect({
    address: app.temporalAddress,
    connectTimeout: 2_000,
    ...(tls ? { tls: temporalTls(tls) } : {}),
  });
  try {
    const { pollers } = await connection.workflowService.describeTaskQueue({
      namespace: app.namespace,
      taskQueue: { name: app.taskQueue },
      taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
    });
    return (pollers ?? []).some((poller) => poller.identity === identity);
  } finally {
    await connection.close();
  }
}
