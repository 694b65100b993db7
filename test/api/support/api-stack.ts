import type { INestApplication } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import type { DestinationStream } from 'pino';
import type { DataSource } from 'typeorm';
import { openSandboxDataSource } from '../../../dev/sandboxes/database';
import { createSandboxes } from '../../../dev/sandboxes/sandboxes';
import type { PagesOptions } from '../../../src/api/pages/pages-options';
import type { CodecModuleOptions } from '../../../src/api/codec/codec.module';
import { createApp } from '../../../src/api/create-app';
import { TEMPORAL_CLIENT } from '../../../src/api/temporal-module/temporal.module';
import { requireDatabaseUrl } from '../../../src/config/database';
import type { Env } from '../../../src/config/env';
import type { ApiProcessConfig } from '../../../src/config/processes';
import { openDataSource } from '../../../src/persistence/data-source';
import { integrationsFactory } from '../../../src/wiring/integrations';
import { testApiConfiguration, testSandboxConfig } from '../../support/config';
import { IDLE_TASK_QUEUE } from './fixtures';

export interface ApiStack {
  config: ApiProcessConfig;
  app: INestApplication;
  http: ReturnType<INestApplication['getHttpServer']>;
  db: DataSource;
  temporal: Client;
  stop(): Promise<void>;
}

export interface ApiStackOptions {
  /** Settings over the suite's environment, e.g. a rate limit. */
  env?: Env;
  /** Log here (tests that check what is logged); no logs at all otherwise. */
  logStream?: DestinationStream;
  /** No logs: the default unless `logStream` is given. */
  logger?: false;
  /** What only `npm start` passes: its own Temporal UI's origins. */
  codec?: CodecModuleOptions;
  /** What only `npm start` passes: the development sign-in's seeded citizens. */
  pages?: PagesOptions;
}

/**
 * The production API on the suite's PostgreSQL and Temporal dev server, with no
 * worker: workflows it starts or signals wait in Temporal, so these tests see
 * exactly what the API did (rows, audit lines, history events) and nothing more.
 */
export async function startApi(options: ApiStackOptions = {}): Promise<ApiStack> {
  // Renewals started here go to a queue no worker polls, even when another test file runs a worker.
  const config = testApiConfiguration({
    TEMPORAL_TASK_QUEUE: IDLE_TASK_QUEUE,
    // No worker answers a renewal's opening here: a creation answers at ELIGIBILITY_CHECK after this wait.
    API_CREATION_WAIT_MS: '300',
    ...options.env,
  });
  const db = await openDataSource(requireDatabaseUrl(config.databaseUrl));
  const sandboxDb = await openSandboxDataSource(requireDatabaseUrl(config.databaseUrl), 2);
  const app = await createApp(config, {
    integrations: integrationsFactory(config.integrations, createSandboxes(testSandboxConfig(options.env), sandboxDb)),
    codec: options.codec,
    pages: options.pages,
    ...(options.logStream ? { logStream: options.logStream } : { logger: false }),
  });
  await app.init();
  return {
    config,
    app,
    http: app.getHttpServer(),
    db,
    temporal: app.get<Client>(TEMPORAL_CLIENT),
    async stop() {
      await app.close();
      await db.destroy();
      await sandboxDb.destroy();
    },
  };
}
