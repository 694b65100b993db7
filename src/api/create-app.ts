import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { createLogger, type Logger as PinoLogger } from '../telemetry/logger';
import type { ApiMetrics } from '../telemetry/metrics';
import type { ApiProcessConfig } from '../config/processes';
import { startupWarnings } from '../config/production-refusals';
import { adminPathsApart } from './admin/admin-paths';
import { AppModule } from './app.module';
import type { CodecModuleOptions } from './codec/codec.module';
import { bodyParserProblems } from './shared/problems/body-parser-problems';
import { methodNotAllowed } from './shared/problems/method-not-allowed';
import { ProblemDetailsFilter } from './shared/problems/problem-details.filter';
import { securityHeaders } from './shared/security/security-headers';
import { createValidationPipe } from './shared/validation/validation.pipe';
import type { IntegrationsFactory } from './integrations-module/integrations.module';
import { createOpenApiDocument } from './openapi/openapi-document';

export interface CreateAppOptions {
  /** Builds the partner ports (sandbox or HTTP); the entry point's wiring decides (src/wiring). */
  integrations: IntegrationsFactory;
  /** The process's pino logger; `false`: no logs at all (tests that do not look at them). */
  logger?: PinoLogger | false;
  /** Send the logs here instead of standard output (tests that check what is logged). */
  logStream?: DestinationStream;
  /** The metrics /metrics serves; the entry point keeps them (a new set otherwise). */
  metrics?: ApiMetrics;
  /** The process traces (its entry point started src/telemetry/tracing.ts): requests and Temporal calls open spans. */
  tracing?: boolean;
  /** The embedded stack's own Temporal UI (dev/embedded/main.ts), allowed by the codec endpoint's CORS. */
  codec?: CodecModuleOptions;
}

/** Builds the API exactly as production serves it; tests and launchers call this too. */
export async function createApp(config: ApiProcessConfig, options: CreateAppOptions): Promise<INestApplication> {
  const silent = options.logger === false;
  const logger =
    options.logger === false
      ? undefined
      : (options.logger ??
        createLogger({ ...config.telemetry, ...(options.logStream && { stream: options.logStream }) }));
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.register(config, options.integrations, { logger }, options.codec, {
      metrics: options.metrics,
      tracing: options.tracing,
    }),
    // Webhook signatures are checked over the body exactly as received, so the raw bytes are kept.
    { bodyParser: false, rawBody: true, bufferLogs: !silent, logger: silent ? false : undefined },
  );
  if (!silent) app.useLogger(app.get(Logger));
  // What production was allowed but should not keep (a staging stack's simulated partners), said at every start.
  for (const warning of startupWarnings(config)) logger?.warn(warning);
  // helmet's headers on every answer, a 404 or a refusal included (src/api/shared/security).
  app.use(securityHeaders());
  // With an admin listener (ADMIN_PORT; production's default), /metrics, /docs and /openapi.json are served there only.
  if (config.adminListener.port !== undefined) app.use(adminPathsApart);
  app.use(methodNotAllowed(app.getHttpAdapter().getInstance()));
  // Whose X-Forwarded-For names the client, for the per-address rate limit (API_TRUST_PROXY; none by default).
  app.set('trust proxy', config.api.trustProxy);
  // JSON only, and small: no request of this API needs more.
  app.useBodyParser('json', { limit: config.api.bodyLimitBytes });
  app.use(bodyParserProblems);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  SwaggerModule.setup('docs', app, () => createOpenApiDocument(app), { jsonDocumentUrl: 'openapi.json' });
  return app;
}
