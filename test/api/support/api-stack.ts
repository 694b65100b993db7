import type { INestApplication } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { createApp, CreateAppOptions } from '../../../src/api/create-app';
import { TEMPORAL_CLIENT } from '../../../src/api/temporal/temporal.module';
import { loadConfig, requireDatabaseUrl } from '../../../src/config/configuration';
import { openDataSource } from '../../../src/persistence/data-source';
import { IDLE_TASK_QUEUE } from './fixtures';

export interface ApiStack {
  app: INestApplication;
  http: ReturnType<INestApplication['getHttpServer']>;
  db: DataSource;
  temporal: Client;
  stop(): Promise<void>;
}

/**
 * The production API on the suite's PostgreSQL and Temporal dev server, with no
 * worker: workflows it starts or signals wait in Temporal, so these tests see
 * exactly what the API did (rows, audit lines, history events) and nothing more.
 */
export async function startApi(options: CreateAppOptions = { logger: false }): Promise<ApiStack> {
  // Renewals started here go to a queue no worker polls, even when another test file runs a worker.
  process.env.TEMPORAL_TASK_QUEUE = IDLE_TASK_QUEUE;
  const db = await openDataSource(requireDatabaseUrl(loadConfig().databaseUrl));
  const app = await createApp(options);
  await app.init();
  return {
    app,
    http: app.getHttpServer(),
    db,
    temporal: app.get<Client>(TEMPORAL_CLIENT),
    async stop() {
      await app.close();
      await db.destroy();
    },
  };
}
