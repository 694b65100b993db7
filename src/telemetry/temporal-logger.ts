import type { Logger as SdkLogger, LogLevel, LogMetadata } from '@temporalio/common';
import type { Logger } from 'pino';
import { fieldsOfWorkflowId } from './renewal-log-fields';

const PINO_LEVEL = { TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' } as const;

/** The bundler's whole webpack report, logged at INFO when a worker bundles its workflows at start. */
const WEBPACK_REPORT = /\bwebpack [\d.]+ compiled successfully\b/;

/**
 * The Temporal SDK's logger (Runtime, worker, workflow and activity loggers,
 * and Core's own lines when forwarded) writing through the process's pino
 * logger. The SDK attaches `workflowId` (and the activity or workflow type) to
 * every line about an execution; a renewal's lines get its `renewalId` beside
 * it. Activity lines also carry `trace_id`/`span_id` from the OpenTelemetry
 * interceptors when tracing is on.
 */
export class PinoSdkLogger implements SdkLogger {
  constructor(private readonly logger: Logger) {}

  log(level: LogLevel, message: string, meta: LogMetadata = {}): void {
    // Twenty lines of module sizes on every start say nothing to an operator ("Workflow bundle created" follows).
    if (level === 'INFO' && WEBPACK_REPORT.test(message)) level = 'DEBUG';
    const fields: Record<string, unknown> = { ...meta, ...fieldsOfWorkflowId(meta.workflowId) };
    // Core's timestamps are nanoseconds since the epoch; pino stamps its own time.
    delete fields.timestampNanos;
    this.logger[PINO_LEVEL[level]](fields, message);
  }

  trace(message: string, meta?: LogMetadata): void {
    this.log('TRACE', message, meta);
  }

  debug(message: string, meta?: LogMetadata): void {
    this.log('DEBUG', message, meta);
  }

  info(message: string, meta?: LogMetadata): void {
    this.log('INFO', message, meta);
  }

  warn(message: string, meta?: LogMetadata): void {
    this.log('WARN', message, meta);
  }

  error(message: string, meta?: LogMetadata): void {
    this.log('ERROR', message, meta);
  }
}
