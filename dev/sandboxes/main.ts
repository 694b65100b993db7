import 'reflect-metadata';
import { requireDatabaseUrl } from '../../src/config/database';
import { loadSandboxConfig } from './config';
import { openSandboxDataSource, runSandboxMigrations } from './database';
import { startEmbeddedSandboxes } from './embedded';
import { defaultSandboxLogger } from './logger';

/**
 * `npm run start:sandboxes`: the partner simulator as a service of its own,
 * the way the real partners are: their wire format under `/<system>` and the
 * demo controls under `/sandbox` on SANDBOX_HTTP_PORT, and the runner that
 * sends their webhooks to SANDBOX_WEBHOOK_BASE_URL. Point the API and the
 * worker at it with INTEGRATION_<SYSTEM>_MODE=http (docs/integrations.md).
 * Its tables are in their own schema of DATABASE_URL, which it migrates as it starts.
 */
async function main(): Promise<void> {
  const config = loadSandboxConfig(process.env);
  const logger = defaultSandboxLogger();
  const databaseUrl = requireDatabaseUrl(config.databaseUrl);
  await runSandboxMigrations(databaseUrl);
  const dataSource = await openSandboxDataSource(databaseUrl, config.databasePoolSize);
  const sandboxes = await startEmbeddedSandboxes(config, dataSource, logger);
  logger.log(`Sandboxes  ${sandboxes.url}/sandbox (controls), partner APIs under ${sandboxes.url}/<system>`);
  const stop = () => {
    void sandboxes
      .stop()
      .then(() => dataSource.destroy())
      .then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
