import type { INestApplication } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { SandboxConfig } from '../../dev/sandboxes/config';
import { openSandboxDataSource } from '../../dev/sandboxes/database';
import { type EmbeddedSandboxes, startEmbeddedSandboxes } from '../../dev/sandboxes/embedded';
import { createSandboxes } from '../../dev/sandboxes/sandboxes';
import { createApp, type CreateAppOptions } from '../../src/api/create-app';
import { TEMPORAL_CLIENT } from '../../src/api/temporal-module/temporal.module';
import { requireDatabaseUrl } from '../../src/config/database';
import type { Env } from '../../src/config/env';
import type { ApiProcessConfig } from '../../src/config/processes';
import { openDataSource } from '../../src/persistence/data-source';
import type { ApiMetrics, WorkerMetrics } from '../../src/telemetry/metrics';
import { integrationsFactory } from '../../src/wiring/integrations';
import { freePort } from '../../src/worker/free-port';
import { type MetricsServer, serveWorkerMetrics } from '../../src/worker/metrics-server';
import { installWorkerRuntime } from '../../src/worker/runtime';
import { type RunningWorker, startRenewalWorker, type WorkerTelemetry } from '../../src/worker/worker';
import { testApiConfiguration, testConfiguration, testSandboxConfig } from './config';
import { createDatabase } from './databases';
import { installQuietRuntime, installRuntime, requireEnv } from './temporal-test-env';
import { authFor, type Caller } from './tokens';

/** No worker polls this queue: a workflow started here only collects what it is sent, in its history. */
export const IDLE_TASK_QUEUE = 'api-tests-no-worker';

export interface StackOptions {
  /**
   * A worker beside the API, as `npm start` runs them (the default). `false`: the API alone, as
   * `npm run start:api` runs it; renewals it starts wait on IDLE_TASK_QUEUE, so a test sees exactly what the
   * API did (rows, audit lines, history events) and nothing more.
   */
  worker?: boolean;
  /**
   * The partner sandboxes at work, as `npm start` runs them: their runner (print completions, carrier events,
   * webhooks) and HTTP server, the API listening on a free port for their webhooks, and a database and task
   * queue of the stack's own, since other test files run sandboxes with other faults at the same time. Without,
   * the partner ports are sandboxes that only answer calls.
   */
  sandboxes?: boolean;
  /**
   * With `sandboxes`, the port the API listens on, for what must know it before the stack starts (a Temporal
   * UI's codec endpoint); a free one otherwise.
   */
  apiPort?: number;
  /** Settings over the suite's environment (the product's and the sandboxes'). */
  env?: Env;
  /** What only some entry points hand the API; `logStream` to read its logs (none otherwise). */
  api?: Pick<CreateAppOptions, 'codec' | 'metrics' | 'tracing' | 'logger' | 'logStream'>;
  /** The worker's metrics and tracing. */
  workerTelemetry?: WorkerTelemetry;
  /** Everything logged through `logger` (the Temporal SDK's runtime included) and the worker's /metrics served. */
  observe?: ObserveOptions;
}

export interface ObserveOptions {
  logger: Logger;
  apiMetrics?: ApiMetrics;
  workerMetrics: WorkerMetrics;
}

export interface Stack {
  /** The API's configuration (a worker's, when one runs, is loaded from the same environment). */
  config: ApiProcessConfig;
  /** The partner simulator's settings, from the same environment. */
  sandboxConfig: SandboxConfig;
  app: INestApplication;
  http: ReturnType<INestApplication['getHttpServer']>;
  db: DataSource;
  /** The sandboxes' own pool (their schema, in the same database). */
  sandboxDb: DataSource;
  temporal: Client;
  /** `Authorization` header with this caller's access token from the suite's identity provider. */
  auth(caller: Caller): Promise<{ Authorization: string }>;
  stop(): Promise<void>;
}

/** What a stack started with `sandboxes: true` has besides. */
export interface WithRunningSandboxes {
  /** Where the API listens (partner webhooks, browsers). */
  baseUrl: string;
  sandboxes: EmbeddedSandboxes;
  /** Calls a sandbox control endpoint (pay a bill, subscribe to Wasel), as a partner's own UI would. */
  sandboxControl(path: string, body?: object): Promise<unknown>;
  /** Stops the API alone (the worker and the sandboxes run on), as a deployment's API process going down would. */
  stopApi(): Promise<void>;
  /** A new API on the same port, as the process restarted; `app` and `http` are then its. */
  startApi(): Promise<void>;
}

/** What a stack started with `observe` has besides. */
export interface Observed {
  /** The worker's /metrics: its business metrics and the Temporal SDK's. */
  metricsServer: MetricsServer;
}

/** The handle `startStack(options)` returns: the parts those options started. */
export type StackOf<O extends StackOptions> = Stack &
  (O extends { sandboxes: true } ? WithRunningSandboxes : unknown) &
  (O extends { observe: ObserveOptions } ? Observed : unknown);

export type SandboxStack = StackOf<{ sandboxes: true }>;
export type ObservedStack = StackOf<{ sandboxes: true; observe: ObserveOptions }>;

/**
 * The production API (and, unless `worker: false`, a worker), wired exactly as `npm start` wires them (each
 * handed sandbox adapters of its own), on the suite's PostgreSQL and Temporal dev server (see global-setup.ts),
 * with `env` over the suite's environment.
 */
export async function startStack<const O extends StackOptions = Record<string, never>>(
  options: O = {} as O,
): Promise<StackOf<O>> {
  const { worker: withWorker = true, sandboxes: withSandboxes = false, observe } = options;
  const sdkMetricsUrl = observe
    ? (await installRuntime(() => installWorkerRuntime(observe.logger))).sdkMetricsUrl
    : undefined;
  if (withWorker && !observe) installQuietRuntime();

  const apiPort = withSandboxes ? (options.apiPort ?? (await freePort())) : undefined;
  const env: Env = {
    ...(withWorker
      ? // Tests poll a renewal's stage many times a second, far beyond a citizen's rate limit (tested in test/api).
        { API_RATE_LIMIT_CITIZEN: '1000000' }
      : // No worker answers a renewal's opening: a creation answers at ELIGIBILITY_CHECK after this wait.
        { TEMPORAL_TASK_QUEUE: IDLE_TASK_QUEUE, API_CREATION_WAIT_MS: '300' }),
    ...(withSandboxes && (await isolatedDatabaseAndQueue())),
    ...(apiPort !== undefined && {
      SANDBOX_WEBHOOK_BASE_URL: `http://127.0.0.1:${apiPort}`,
      SANDBOX_HTTP_PORT: '0',
      SANDBOX_POLL_INTERVAL_MS: '100',
    }),
    ...options.env,
  };
  const workerConfig = withWorker ? testConfiguration(env) : undefined;
  const config: ApiProcessConfig = workerConfig ?? testApiConfiguration(env);
  const sandboxConfig = testSandboxConfig(env);
  const databaseUrl = requireDatabaseUrl(config.databaseUrl);
  const db = await openDataSource(databaseUrl);
  const sandboxDb = await openSandboxDataSource(databaseUrl, sandboxConfig.databasePoolSize);

  const worker: RunningWorker | undefined = workerConfig
    ? await startRenewalWorker(
        workerConfig,
        db,
        { ...options.workerTelemetry, ...(observe && { metrics: observe.workerMetrics }) },
        createSandboxes(sandboxConfig, sandboxDb),
      )
    : undefined;
  const newApp = async () => {
    const created = await createApp(config, {
      integrations: integrationsFactory(config.integrations, createSandboxes(sandboxConfig, sandboxDb)),
      logger: options.api?.logStream ? undefined : false,
      ...options.api,
      ...(observe && { logger: observe.logger, metrics: observe.apiMetrics }),
    });
    await created.init();
    return created;
  };
  let app: INestApplication | undefined = await newApp();

  const stack: Stack & Partial<WithRunningSandboxes & Observed> = {
    config,
    sandboxConfig,
    app,
    http: app.getHttpServer(),
    db,
    sandboxDb,
    temporal: app.get<Client>(TEMPORAL_CLIENT),
    auth: authFor,
    async stop() {
      await stack.metricsServer?.close();
      await stack.sandboxes?.stop();
      await app?.close();
      await worker?.shutdown();
      await db.destroy();
      await sandboxDb.destroy();
    },
  };
  if (apiPort !== undefined) {
    await app.listen(apiPort, '127.0.0.1');
    const ignore = () => undefined;
    const sandboxes = await startEmbeddedSandboxes(sandboxConfig, sandboxDb, {
      log: ignore,
      warn: ignore,
      error: ignore,
    });
    Object.assign(stack, {
      baseUrl: `http://127.0.0.1:${apiPort}`,
      sandboxes,
      sandboxControl: (path: string, body?: object) => sandboxControl(sandboxes.url, path, body),
      async stopApi() {
        await app?.close();
        app = undefined;
      },
      async startApi() {
        app = await newApp();
        await app.listen(apiPort, '127.0.0.1');
        Object.assign(stack, { app, http: app.getHttpServer() });
      },
    });
  }
  if (observe) {
    stack.metricsServer = await serveWorkerMetrics({
      port: 0,
      host: '127.0.0.1',
      registry: observe.workerMetrics.registry,
      sdkMetricsUrl,
    });
  }
  return stack as StackOf<O>;
}

/** A database (migrated) and a task queue no other test file uses. */
async function isolatedDatabaseAndQueue(): Promise<Env> {
  const isolated = randomUUID().replace(/-/g, '').slice(0, 12);
  return {
    DATABASE_URL: await createDatabase(requireEnv('DATABASE_URL'), `renewals_${isolated}`),
    TEMPORAL_TASK_QUEUE: `passport-renewals-${isolated}`,
  };
}

async function sandboxControl(sandboxUrl: string, path: string, body?: object): Promise<unknown> {
  const response = await fetch(`${sandboxUrl}/sandbox${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!response.ok) throw new Error(`sandbox ${path} answered ${response.status}`);
  return response.json();
}
