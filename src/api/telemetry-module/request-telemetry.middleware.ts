import { Injectable, NestMiddleware } from '@nestjs/common';
import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { NextFunction, Request, Response } from 'express';
import type { ApiMetrics } from '../../telemetry/metrics';
import { renewalTracer } from '../../telemetry/tracing';
import { InjectApiMetrics } from './api-metrics.token';

/** What the request's log line adds (logging.module.ts): the trace it belongs to. */
export interface TraceFields {
  trace_id?: string;
  span_id?: string;
}

/**
 * Every request, timed by route template, method and status
 * (`http_request_duration_seconds`), inside a server span named the same way
 * (`POST /v1/renewals/:renewalId/acceptance`) that continues a caller's W3C
 * `traceparent`. The Temporal client's spans (start, update, signal) open under
 * it, so the trace goes on into the workflow. Both are named when the response
 * is finished, once routing has found the template; the path itself (ids in
 * it) is never a label.
 */
@Injectable()
export class RequestTelemetryMiddleware implements NestMiddleware {
  constructor(@InjectApiMetrics() private readonly metrics: ApiMetrics) {}

  use(request: Request & { traceFields?: TraceFields }, response: Response, next: NextFunction): void {
    const started = performance.now();
    const parent = propagation.extract(context.active(), request.headers);
    const span = renewalTracer().startSpan(request.method, { kind: SpanKind.SERVER }, parent);
    if (span.isRecording()) {
      const { traceId, spanId } = span.spanContext();
      request.traceFields = { trace_id: traceId, span_id: spanId };
    }
    response.once('finish', () => {
      const route = routeOf(request);
      this.metrics.http.record(request.method, route, response.statusCode, (performance.now() - started) / 1000);
      span.updateName(`${request.method} ${route}`);
      span.setAttributes({
        'http.request.method': request.method,
        'http.route': route,
        'http.response.status_code': response.statusCode,
      });
      if (response.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    context.with(trace.setSpan(parent, span), next);
  }
}

/** `/v1/renewals/:renewalId/acceptance`, or `unmatched` (a 404 names no route, and a path would be unbounded). */
function routeOf(request: Request): string {
  const path: unknown = request.route?.path;
  return typeof path === 'string' ? `${request.baseUrl ?? ''}${path}` : 'unmatched';
}
