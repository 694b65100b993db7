import 'reflect-metadata';
import { loadConfig, requireDatabaseUrl } from '../config/configuration';
import { loadIntegrationsConfig } from '../config/integrations';
import { startEmbeddedSandboxes } from '../integrations/sandbox/embedded';
import { describeError } from '../launcher/logger';
import { openDataSource } from '../persistence/data-source';

/**
 * The partner sandboxes as a process of their own (`npm run cluster`): their HTTP server on
 * SANDBOX_HTTP_PORT and the runner that prints, delivers and sends webhooks to SANDBOX_WEBHOOK_BASE_URL.
 */
async function main(): Promise<void> {
  const dataSource = await openDataSource(requireDatabaseUrl(loadConfig().databaseUrl));
  const sandboxes = await startEmbeddedSandboxes(loadIntegrationsConfig(), dataSource);
  const stop = () => {
    void sandboxes
      .stop()
      .then(() => dataSource.destroy())
      .then(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error) => {
  console.error(describeError(error));
  process.exit(1);
});
