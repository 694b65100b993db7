import { DynamicModule, Module } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream, Level } from 'pino';

export interface LoggingOptions {
  /** `silent` turns logging off (tests that do not look at logs). */
  level: Level | 'silent';
  /** Where log lines go; standard output when unset. */
  stream?: DestinationStream;
}

/**
 * Structured request logs (pino) that cannot leak personal data: a request is
 * logged as its method and path only, never its query string (the counter
 * look-up carries a national ID there), headers (a bearer token's subject is a
 * national ID) or body; a response as its status only.
 */
@Module({})
export class LoggingModule {
  static register(options: LoggingOptions): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: [
            {
              level: options.level,
              serializers: {
                req: (request: IncomingMessage & { id?: unknown }) => ({
                  id: request.id,
                  method: request.method,
                  path: (request.url ?? '').split('?')[0],
                }),
                res: (response: ServerResponse) => ({ statusCode: response.statusCode }),
              },
            },
            options.stream ?? process.stdout,
          ],
        }),
      ],
    };
  }
}
