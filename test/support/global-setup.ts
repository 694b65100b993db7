import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startIdentityProvider } from '../../dev/identity/provider';
import { randomIdentitySecrets } from '../../dev/identity/secrets';
import { openSandboxDataSource, runSandboxMigrations } from '../../dev/sandboxes/database';
import { registryNames } from '../../dev/sandboxes/dev-identities';
import { runMigrations } from '../../src/persistence/data-source';
import { startEmbeddedPostgres } from '../../dev/infra/embedded-postgres';
import { ensureTemporalBinary } from '../../dev/infra/temporal-binaries';
import { loadNamespaceRetentionMs } from '../../dev/infra/namespace-retention';
import { startDevServer } from '../../dev/infra/temporal-dev-server';
import { freePort } from '../../src/worker/free-port';
import { WORKFLOW_BUNDLE_OPTIONS } from '../../src/worker/worker';
import { TEST_PAYLOAD_ENV } from './payload-keys';
import { TEST_PERSONAL_DATA_ENV } from './personal-data-keys';

/**
 * Real infrastructure for the whole suite: a throw-away PostgreSQL cluster, a
 * Temporal dev server and the sandbox identity provider, all on free ports.
 * Test files read their addresses from the environment, which Jest passes on
 * to its workers (OIDC_ISSUER_URL: every API of the suite trusts the provider;
 * test/support/tokens.ts signs people in there).
 *
 * With TEST_TEMPORAL_ADDRESS set, the suite runs against that Temporal server
 * instead of a dev server: `npm run test:cluster` points it at a real cluster.
 */
export default async function globalSetup(): Promise<void> {
  process.env.TEMPORAL_TEST_SERVER_PATH = ensureTemporalBinary('temporal-test-server', process.env);
  // Bundle the workflows once for every worker of the suite instead of once per worker.
  const workDir = mkdtempSync(join(tmpdir(), 'renewals-test-'));
  const bundle = await bundleWorkflowCode({ ...WORKFLOW_BUNDLE_OPTIONS, logger: new DefaultLogger('WARN') });
  process.env.WORKFLOW_BUNDLE_PATH = join(workDir, 'workflow-bundle.js');
  writeFileSync(process.env.WORKFLOW_BUNDLE_PATH, bundle.code);

  // Under root the cluster runs as the `postgres` user, which must reach its directory.
  chmodSync(workDir, 0o755);
  const postgres = await startEmbeddedPostgres({
    dataDir: join(workDir, 'postgres'),
    port: await freePort(),
    database: 'renewals_test',
    persistent: false,
  });
  await runMigrations(postgres.url);
  await runSandboxMigrations(postgres.url);
  const external = process.env.TEST_TEMPORAL_ADDRESS;
  const temporal = external
    ? { address: external, stop: async () => undefined }
    : await startDevServer({
        executable: ensureTemporalBinary('temporal', process.env),
        retentionMs: loadNamespaceRetentionMs(process.env),
      });

  // Started here, outside Jest's module system: oidc-provider is an ES module, which Node's own require serves.
  const secrets = randomIdentitySecrets();
  const names = await openSandboxDataSource(postgres.url, 1);
  const identity = await startIdentityProvider({ secrets, directory: registryNames(names) });

  process.env.DATABASE_URL = postgres.url;
  process.env.TEMPORAL_ADDRESS = temporal.address;
  process.env.OIDC_ISSUER_URL = identity.issuer;
  // The courier back-ends' client secrets, for test/support/tokens.ts.
  process.env.TEST_IDENTITY_SECRETS = JSON.stringify(secrets);
  // Every API and worker of the suite encrypts payloads, with the committed test-only key.
  Object.assign(process.env, TEST_PAYLOAD_ENV);
  // ...and keeps personal data at rest encrypted with the committed test-only keys.
  Object.assign(process.env, TEST_PERSONAL_DATA_ENV);
  // Lists' counts are asserted exact: on a loaded machine a count of a few rows can be descheduled past the
  // production limit (25 ms), and the planner's estimate would answer instead (a test of its own shows that).
  process.env.API_COUNT_TIMEOUT_MS ??= '5000';
  (globalThis as Record<string, unknown>).__testInfrastructure = [
    identity,
    { stop: () => names.destroy() },
    temporal,
    postgres,
  ];
}
