import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { loadApiConfig } from '../config/api';
import { AppModule } from './app.module';
import type { CodecModuleOptions } from './codec/codec.module';
import { bodyParserProblems } from './common/body-parser-problems';
import { methodNotAllowed } from './common/method-not-allowed';
import { ProblemDetailsFilter } from './common/problem-details.filter';
import { createValidationPipe } from './common/validation.pipe';
import { createOpenApiDocument } from './openapi/openapi-document';

export interface CreateAppOptions {
  /** `false`: no logs at all (tests that do not look at them). */
  logger?: false;
  /** Send the logs here instead of standard output (tests that check what is logged). */
  logStream?: DestinationStream;
  /** Payload keys and the embedded stack's local Temporal UI (src/main.ts); PAYLOAD_KEYS otherwise. */
  codec?: CodecModuleOptions;
}

/** Builds the API exactly as production serves it; tests and launchers call this too. */
export async function createApp(options: CreateAppOptions = {}): Promise<INestApplication> {
  const silent = options.logger === false;
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.register({ level: silent ? 'silent' : 'info', stream: options.logStream }, options.codec),
    // Webhook signatures are checked over the body exactly as received, so the raw bytes are kept.
    { bodyParser: false, rawBody: true, bufferLogs: !silent, logger: silent ? false : undefined },
  );
  if (!silent) app.useLogger(app.get(Logger));
  app.use(methodNotAllowed(app.getHttpAdapter().getInstance()));
  // JSON only, and small: no request of this API needs more.
  app.useBodyParser('json', { limit: loadApiConfig().bodyLimitBytes });
  app.use(bodyParserProblems);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  SwaggerModule.setup('docs', app, () => createOpenApiDocument(app), { jsonDocumentUrl: 'openapi.json' });
  return app;
}
