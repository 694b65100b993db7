/**
 * Workflow interceptors (bundled into the workflow sandbox with those of
 * `@temporalio/interceptors-opentelemetry`, only when tracing is on; see
 * src/worker/tracing.ts). Deterministic: no I/O, no clock.
 *
 * A renewal moves when a message arrives: the citizen's acceptance (an update)
 * makes the workflow issue the SADAD bill, a payment (a signal) starts the
 * print job. The SDK's interceptors trace the message and each activity, but
 * an activity scheduled by the workflow's main flow would belong to the trace
 * of the request that *started* the renewal, days earlier. Here, an activity
 * scheduled in the same workflow task as a message was handled joins that
 * message's trace, so the trace of `POST /v1/renewals/:id/acceptance` runs on
 * to the `issueBill` activity it caused. Activities woken by a timer keep the
 * workflow's own trace.
 */
import { context, type Context } from '@opentelemetry/api';
import { extractContextFromHeaders } from '@temporalio/interceptors-opentelemetry/lib/instrumentation';
import {
  type ActivityInput,
  type LocalActivityInput,
  type Next,
  type SignalInput,
  type UpdateInput,
  type WorkflowInboundCallsInterceptor,
  workflowInfo,
  type WorkflowInterceptorsFactory,
  type WorkflowOutboundCallsInterceptor,
} from '@temporalio/workflow';

/** The trace context of the last message, and the workflow task (by history length) it was handled in. */
class MessageCause {
  private latest?: { context: Context; historyLength: number };

  note(headers: SignalInput['headers']): void {
    const messageContext = extractContextFromHeaders(headers);
    if (messageContext) this.latest = { context: messageContext, historyLength: workflowInfo().historyLength };
  }

  /** The message context while still in the task that handled it; undefined afterwards. */
  current(): Context | undefined {
    const latest = this.latest;
    return latest && latest.historyLength === workflowInfo().historyLength ? latest.context : undefined;
  }
}

class NoteMessageCause implements WorkflowInboundCallsInterceptor {
  constructor(private readonly cause: MessageCause) {}

  handleUpdate(input: UpdateInput, next: Next<WorkflowInboundCallsInterceptor, 'handleUpdate'>): Promise<unknown> {
    this.cause.note(input.headers);
    return next(input);
  }

  handleSignal(input: SignalInput, next: Next<WorkflowInboundCallsInterceptor, 'handleSignal'>): Promise<void> {
    this.cause.note(input.headers);
    return next(input);
  }
}

class ScheduleUnderMessageCause implements WorkflowOutboundCallsInterceptor {
  constructor(private readonly cause: MessageCause) {}

  scheduleActivity(input: ActivityInput, next: Next<WorkflowOutboundCallsInterceptor, 'scheduleActivity'>) {
    return this.underCause(() => next(input));
  }

  scheduleLocalActivity(
    input: LocalActivityInput,
    next: Next<WorkflowOutboundCallsInterceptor, 'scheduleLocalActivity'>,
  ) {
    return this.underCause(() => next(input));
  }

  private underCause<T>(schedule: () => T): T {
    const cause = this.cause.current();
    return cause ? context.with(cause, schedule) : schedule();
  }
}

/** Listed before the SDK's OpenTelemetry module, so these wrap its spans: the activity's span opens under the cause. */
export const interceptors: WorkflowInterceptorsFactory = () => {
  const cause = new MessageCause();
  return { inbound: [new NoteMessageCause(cause)], outbound: [new ScheduleUnderMessageCause(cause)] };
};
