import { Inject } from '@nestjs/common';

/** The API's Prometheus metrics (src/telemetry/metrics), one set per application. */
export const API_METRICS = Symbol('API_METRICS');

export const InjectApiMetrics = () => Inject(API_METRICS);

/** Whether the process traces (src/telemetry/tracing.ts started): the Temporal client then carries the trace. */
export const TRACING_ON = Symbol('TRACING_ON');
