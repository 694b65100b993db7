import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as prettier from 'prettier';
import { PROJECT_ROOT } from '../../src/config/paths';
import { loadApiProcessConfig } from '../../src/config/processes';
import { integrationsFactory } from '../../src/wiring/integrations';
import { AppModule } from '../../src/api/app.module';
import { createOpenApiDocument } from '../../src/api/openapi/openapi-document';

const OPENAPI_PATH = join(PROJECT_ROOT, 'openapi.json');

/**
 * `npm run openapi`: writes the document the API serves to openapi.json. The
 * application is built in preview mode (no provider runs), so this needs no
 * database or Temporal server.
 */
async function main(): Promise<void> {
  const config = loadApiProcessConfig(process.env);
  const module = AppModule.register(config, integrationsFactory(config.integrations), {});
  const app = await NestFactory.create(module, { preview: true, logger: false });
  const json = JSON.stringify(createOpenApiDocument(app));
  const options = await prettier.resolveConfig(OPENAPI_PATH);
  writeFileSync(OPENAPI_PATH, await prettier.format(json, { ...options, filepath: OPENAPI_PATH }));
  await app.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
