import 'reflect-metadata';
import { loadApiProcessConfig } from '../config/processes';
import { createLogger } from '../telemetry/logger';
import { startTracing } from '../telemetry/tracing';
import { integrationsFactory } from '../wiring/integrations';
import { AdminListener } from './admin/admin-listener';
import { createApp } from './create-app';

/** `npm run start:api`: the API on its own, for production. */
async function main(): Promise<void> {
  const config = loadApiProcessConfig(process.env);
  const tracing = startTracing(config.telemetry.tracing, { serviceName: 'passport-renewal-api' });
  const logger = createLogger(config.telemetry);
  const app = await createApp(config, {
    integrations: integrationsFactory(config.integrations),
    logger,
    tracing: Boolean(tracing),
  });
  // Close connections on SIGTERM so a rolling deploy drops no accepted request.
  app.enableShutdownHooks();
  // Spans still in the batch go out before the process ends.
  if (tracing) process.once('SIGTERM', () => void tracing.shutdown());
  await app.listen(config.httpPort);
  const admin = app.get(AdminListener).url;
  if (admin) logger.info({ admin }, 'Metrics, /docs and /openapi.json on the admin listener only');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
