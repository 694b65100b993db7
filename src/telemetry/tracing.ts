import { trace, type Tracer } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { envDetectorSync, Resource } from '@opentelemetry/resources';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { TracingConfig } from '../config/telemetry';

/**
 * OpenTelemetry tracing of one process, started by its entry point: the Node
 * SDK with the OTLP/HTTP exporter, which takes its endpoint, headers and
 * resource attributes from the standard OTEL_* variables. The workflow's spans
 * are made inside the workflow sandbox and handed to the same `processor`
 * (src/worker/tracing.ts), so a trace runs from the API request through the
 * workflow to each activity and partner call.
 *
 * The SDK line is 1.x (sdk-node 0.57) because `@temporalio/interceptors-opentelemetry`
 * 1.24 builds its spans with sdk-trace-base 1.x: one copy of it, one span format.
 */
export interface Tracing {
  processor: SpanProcessor;
  resource: Resource;
  shutdown(): Promise<void>;
}

export interface TracingOptions {
  /** `service.name` unless OTEL_SERVICE_NAME says otherwise: `passport-renewal-api`, `-worker`, or both in one. */
  serviceName: string;
  /** Where spans go instead of the OTLP exporter (tests: an in-memory exporter). */
  processor?: SpanProcessor;
}

/** Undefined when tracing is off (no collector configured) and no processor is given: nothing is started. */
export function startTracing(config: TracingConfig, options: TracingOptions): Tracing | undefined {
  if (!config.enabled && !options.processor) return undefined;
  const resource = Resource.default()
    .merge(new Resource({ 'service.name': options.serviceName }))
    .merge(envDetectorSync.detect());
  const processor = options.processor ?? new BatchSpanProcessor(new OTLPTraceExporter());
  // Spans only: no auto-instrumentation (our spans name routes and partner calls), no OTel logs or metrics (pino, Prometheus).
  const sdk = new NodeSDK({
    resource,
    autoDetectResources: false,
    spanProcessors: [processor],
    logRecordProcessors: [],
    instrumentations: [],
  });
  sdk.start();
  return { processor, resource, shutdown: () => sdk.shutdown() };
}

/** The tracer our own spans (API requests, partner calls) come from; a no-op one when tracing is off. */
export function renewalTracer(): Tracer {
  return trace.getTracer('passport-renewal');
}
