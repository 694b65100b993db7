import type { INestApplication } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import type { SandboxConfig } from '../../dev/sandboxes/config';
import { openSandboxDataSource } from '../../dev/sandboxes/database';
import { createSandboxes } from '../../dev/sandboxes/sandboxes';
import { mintAccessToken } from '../../src/api/auth/access-token';
import type { AccessClaims } from '../../src/api/auth/principal';
import { createApp, CreateAppOptions } from '../../src/api/create-app';
import { TEMPORAL_CLIENT } from '../../src/api/temporal-module/temporal.module';
import { requireDatabaseUrl } from '../../src/config/database';
import type { Env } from '../../src/config/env';
import type { EmbeddedProcessConfig } from '../../src/config/processes';
import { openDataSource } from '../../src/persistence/data-source';
import { integrationsFactory } from '../../src/wiring/integrations';
import { RunningWorker, startRenewalWorker, type WorkerTelemetry } from '../../src/worker/worker';
import { testConfiguration, testSandboxConfig } from './config';
import { installQuietRuntime } from './temporal-test-env';

export interface TestStack {
  config: EmbeddedProcessConfig;
  /** The partner simulator's settings, from the same environment. */
  sandboxConfig: SandboxConfig;
  app: INestApplication;
  http: ReturnType<INestApplication['getHttpServer']>;
  db: DataSource;
  /** The sandboxes' own pool (their schema, in the same database). */
  sandboxDb: DataSource;
  temporal: Client;
  /** `Authorization` header with a bearer token for these claims, as `npm run token` mints it. */
  auth(claims: AccessClaims): { Authorization: string };
  stop(): Promise<void>;
}

/**
 * The production API and worker, wired exactly as `npm start` wires them (each
 * handed sandbox adapters of its own), on the suite's PostgreSQL and Temporal
 * dev server (see global-setup.ts), with `env` over the suite's environment.
 */
export async function startStack(
  env: Env = {},
  appOptions: Pick<CreateAppOptions, 'pages' | 'metrics' | 'tracing' | 'logger'> = {},
  workerTelemetry: WorkerTelemetry = {},
): Promise<TestStack> {
  installQuietRuntime();
  // Tests poll a renewal's stage many times a second, far beyond a citizen's rate limit (tested in test/api).
  const config = testConfiguration({ API_RATE_LIMIT_CITIZEN: '1000000', ...env });
  const sandboxConfig = testSandboxConfig(env);
  const db = await openDataSource(requireDatabaseUrl(config.databaseUrl));
  const sandboxDb = await openSandboxDataSource(requireDatabaseUrl(config.databaseUrl), sandboxConfig.databasePoolSize);
  const worker: RunningWorker = await startRenewalWorker(
    config,
    db,
    workerTelemetry,
    createSandboxes(sandboxConfig, sandboxDb),
  );
  const app = await createApp(config, {
    integrations: integrationsFactory(config.integrations, createSandboxes(sandboxConfig, sandboxDb)),
    logger: false,
    ...appOptions,
  });
  await app.init();
  return {
    config,
    sandboxConfig,
    app,
    http: app.getHttpServer(),
    db,
    sandboxDb,
    temporal: app.get<Client>(TEMPORAL_CLIENT),
    auth: (claims) => ({ Authorization: `Bearer ${mintAccessToken(config.api.auth, claims)}` }),
    async stop() {
      await app.close();
      await worker.shutdown();
      await db.destroy();
      await sandboxDb.destroy();
    },
  };
}

/** Polls until `probe` returns a value, or fails with the last value seen. */
export async function eventually<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
