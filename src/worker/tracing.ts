import {
  makeWorkflowExporter,
  OpenTelemetryActivityInboundInterceptor,
  OpenTelemetryActivityOutboundInterceptor,
} from '@temporalio/interceptors-opentelemetry';
import type { WorkerOptions } from '@temporalio/worker';
import type { Tracing } from '../telemetry/tracing';

/**
 * The workflow interceptor modules of a traced worker: ours first (an activity
 * joins the trace of the message that caused it), then the SDK's
 * OpenTelemetry interceptors. A prebuilt bundle for a traced worker must be
 * built with them (`bundleWorkflowCode({ workflowInterceptorModules })`).
 */
export const TRACING_WORKFLOW_INTERCEPTOR_MODULES = [
  require.resolve('../telemetry/workflow-interceptors'),
  require.resolve('@temporalio/interceptors-opentelemetry/lib/workflow-interceptors'),
];

/**
 * What a traced worker adds to its options: workflow spans made in the
 * sandbox reach the process's span processor through a sink, and every
 * activity runs in a span continuing the workflow's trace (its partner calls
 * open spans under it, src/wiring/instrumented-ports.ts). Untraced: nothing,
 * so histories carry no trace headers.
 */
export function tracingWorkerOptions(
  tracing: Tracing | undefined,
  prebuiltBundle: boolean,
): Pick<WorkerOptions, 'interceptors' | 'sinks'> {
  if (!tracing) return {};
  return {
    interceptors: {
      ...(prebuiltBundle ? {} : { workflowModules: TRACING_WORKFLOW_INTERCEPTOR_MODULES }),
      activity: [
        (ctx) => ({
          inbound: new OpenTelemetryActivityInboundInterceptor(ctx),
          outbound: new OpenTelemetryActivityOutboundInterceptor(ctx),
        }),
      ],
    },
    sinks: { exporter: makeWorkflowExporter(tracing.processor, tracing.resource) },
  };
}
