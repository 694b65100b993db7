import 'reflect-metadata';
import { loadApiConfiguration } from '../config/process-configuration';
import { integrationsFactory } from '../wiring/integrations';
import { createApp } from './create-app';

/** `npm run start:api`: the API on its own, for production. */
async function main(): Promise<void> {
  const config = loadApiConfiguration(process.env);
  const app = await createApp(config, { integrations: integrationsFactory(config.integrations) });
  // Close connections on SIGTERM so a rolling deploy drops no accepted request.
  app.enableShutdownHooks();
  await app.listen(config.httpPort);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
