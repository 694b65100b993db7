import { Env, integerAtLeast, readEnv } from './env';

/**
 * Logs, metrics and traces of a process (docs/runbook.md):
 *
 *   LOG_LEVEL=info                        trace, debug, info, warn, error, fatal or silent
 *   LOG_FORMAT=json                       json (production), or pretty (human-readable; `npm start` asks for it)
 *   WORKER_METRICS_PORT=9464              the worker's /metrics (business and Temporal SDK metrics); 0 = none
 *   OTEL_EXPORTER_OTLP_ENDPOINT=…         traces go to this OTLP/HTTP collector (or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
 *                                         unset, or OTEL_SDK_DISABLED=true, or OTEL_TRACES_EXPORTER=none: no tracing
 *   OTEL_SERVICE_NAME, OTEL_RESOURCE_ATTRIBUTES   the usual OpenTelemetry resource settings
 *
 * The OpenTelemetry SDK reads its own OTEL_* variables (headers, protocol details); this object only decides
 * whether tracing is on, so a process without a collector pays nothing for it.
 */
export interface TelemetryConfig {
  logLevel: LogLevel;
  logFormat: 'json' | 'pretty';
  /** 0: the worker serves no metrics (tests, or a platform that scrapes otherwise). */
  workerMetricsPort: number;
  tracing: TracingConfig;
}

export interface TracingConfig {
  enabled: boolean;
}

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const oneOf =
  <T extends string>(values: readonly T[]) =>
  (raw: string) =>
    values.find((value) => value === raw.toLowerCase());

export function loadTelemetryConfig(env: Env): TelemetryConfig {
  const collector = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim() || env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
  const disabled = env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true';
  const exporterOff = env.OTEL_TRACES_EXPORTER?.trim().toLowerCase() === 'none';
  return {
    logLevel: readEnv(env, 'LOG_LEVEL', 'info', oneOf(LOG_LEVELS), LOG_LEVELS.join(', ')),
    logFormat: readEnv(env, 'LOG_FORMAT', 'json', oneOf(['json', 'pretty'] as const), 'json or pretty'),
    workerMetricsPort: readEnv(env, 'WORKER_METRICS_PORT', 9464, integerAtLeast(0), 'an integer >= 0'),
    tracing: {
      enabled: Boolean(collector) && !disabled && !exporterOff,
    },
  };
}
