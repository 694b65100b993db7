import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrations } from '../../src/persistence/data-source';
import { startEmbeddedPostgres } from '../../src/persistence/embedded-postgres';
import { ensureTemporalBinary } from '../../src/temporal/binaries';
import { freePort, startDevServer } from '../../src/temporal/dev-server';

/**
 * Real infrastructure for the whole suite: a throw-away PostgreSQL cluster and
 * a Temporal dev server, both on free ports. Test files read their addresses
 * from the environment, which Jest passes on to its workers.
 */
export default async function globalSetup(): Promise<void> {
  process.env.TEMPORAL_TEST_SERVER_PATH = ensureTemporalBinary('temporal-test-server');

  const clusterParent = mkdtempSync(join(tmpdir(), 'renewals-test-pg-'));
  // Under root the cluster runs as the `postgres` user, which must reach its directory.
  chmodSync(clusterParent, 0o755);
  const postgres = await startEmbeddedPostgres({
    dataDir: join(clusterParent, 'data'),
    port: await freePort(),
    database: 'renewals_test',
    persistent: false,
  });
  await runMigrations(postgres.url);
  const temporal = await startDevServer();

  process.env.DATABASE_URL = postgres.url;
  process.env.TEMPORAL_ADDRESS = temporal.address;
  (globalThis as Record<string, unknown>).__testInfrastructure = [temporal, postgres];
}
