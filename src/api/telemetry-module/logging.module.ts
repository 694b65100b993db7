import { DynamicModule, Module } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import type { Logger } from 'pino';
import { fieldsOfPath } from '../../telemetry/renewal-log-fields';
import type { TraceFields } from './request-telemetry.middleware';

export interface LoggingOptions {
  /** The process's pino logger (src/telemetry/logger.ts); unset: no logs at all (tests that do not look at them). */
  logger?: Logger;
}

type LoggedRequest = IncomingMessage & { id?: unknown; traceFields?: TraceFields };

const pathOf = (request: IncomingMessage) => (request.url ?? '').split('?')[0];

/**
 * Structured request logs (pino) that cannot leak personal data: a request is
 * logged as its method and path only, never its query string (the counter
 * look-up carries a national ID there), headers (a bearer token's subject is a
 * national ID) or body; a response as its status only. A request about a
 * renewal names it (`renewalId`, `workflowId`), and a traced one its trace.
 */
@Module({})
export class LoggingModule {
  static register(options: LoggingOptions): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            ...(options.logger ? { logger: options.logger } : { level: 'silent' }),
            serializers: {
              req: (request: LoggedRequest) => ({ id: request.id, method: request.method, path: pathOf(request) }),
              res: (response: ServerResponse) => ({ statusCode: response.statusCode }),
            },
            customProps: (request: LoggedRequest) => ({ ...fieldsOfPath(pathOf(request)), ...request.traceFields }),
          },
        }),
      ],
    };
  }
}
