import pino, { type DestinationStream, type Logger } from 'pino';
import pretty from 'pino-pretty';
import type { TelemetryConfig } from '../config/telemetry';

export type { Logger } from 'pino';

export interface LoggerOptions extends Pick<TelemetryConfig, 'logLevel' | 'logFormat'> {
  /** Where the lines go instead of standard output (tests that read them). */
  stream?: DestinationStream;
}

/**
 * The one pino logger of a process, shared by the API's request logs and the
 * worker's (the Temporal SDK, workflows and activities log through it): JSON
 * lines in production, pino-pretty for a person at a terminal. Where a line
 * belongs to a trace it carries `trace_id` and `span_id`, the names the
 * Temporal SDK's OpenTelemetry interceptors give them on activity lines.
 */
export function createLogger(options: LoggerOptions): Logger {
  const destination =
    options.stream ??
    (options.logFormat === 'pretty'
      ? pretty({
          colorize: true,
          translateTime: 'SYS:HH:MM:ss.l',
          ignore: 'pid,hostname,component,context',
          messageFormat: '{if component}[{component}] {end}{if context}[{context}] {end}{msg}',
        })
      : pino.destination({ fd: 1, sync: false }));
  return pino(
    {
      level: options.logLevel,
      formatters: { level: (label) => ({ level: label }) },
      // The SDK reports failures under `error`; pino only knows `err` by default.
      serializers: { err: pino.stdSerializers.err, error: pino.stdSerializers.err },
    },
    destination,
  );
}
