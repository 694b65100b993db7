import 'reflect-metadata';
import { loadConfig } from '../config/configuration';
import { createApp } from './create-app';

/** `npm run start:api`: the API on its own, for production. */
async function main(): Promise<void> {
  const app = await createApp();
  // Close connections on SIGTERM so a rolling deploy drops no accepted request.
  app.enableShutdownHooks();
  await app.listen(loadConfig().httpPort);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
