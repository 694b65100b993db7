import { join } from 'node:path';
import type { ProcessSpec } from '../launcher/supervisor';
import { temporalServing } from '../launcher/readiness';
import { ensureTemporalBinary } from '../infra/temporal-binaries';
import { devServerArgs } from '../infra/temporal-dev-server';
import type { ClusterOptions } from './options';

/** The name a launcher gives the dev server's process (`restart('temporal')`). */
export const DEV_SERVER_PROCESS = 'temporal';

/**
 * The Temporal dev server instead of the four services: one process, its state in a SQLite file in the
 * data folder, so a restart (or a crash) keeps every workflow, as `npm start`'s does. Headless: a chaos
 * run needs no UI, and the namespace and search attributes come with its arguments.
 */
export function temporalDevServerSpec(options: ClusterOptions): ProcessSpec {
  const address = `127.0.0.1:${options.ports.frontend}`;
  return {
    name: DEV_SERVER_PROCESS,
    command: ensureTemporalBinary('temporal', options.env),
    args: devServerArgs({
      port: options.ports.frontend,
      namespace: options.namespace,
      dbFilename: join(options.dataDir, 'temporal.sqlite'),
    }),
    ready: temporalServing(address),
    readyTimeoutMs: 120_000,
  };
}
