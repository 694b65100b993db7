import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { renewBare } from '../baseline/driver';
import { BARE_TASK_QUEUE, startBareWorker } from '../baseline/worker';
import { type BenchContext, openContext } from '../support/context';
import { createRenewal, renewalWorkflowId, renewThroughApi } from '../support/product-driver';
import { record, ratio, type RunInfo } from '../support/report';

const { EventType } = temporal.api.enums.v1;

/** The bounds for the happy paths (issue 9). */
const BOUNDS = { pickup: 80, post: 110 };

export interface HistoryCount {
  events: number;
  workflowTasks: number;
  activities: Record<string, number>;
  markers: number;
  byType: Record<string, number>;
}

/** Counts a closed workflow's history by event type, reading only the events' kinds (no payload is decoded). */
export async function countHistory(client: Client, workflowId: string): Promise<HistoryCount> {
  const count: HistoryCount = { events: 0, workflowTasks: 0, activities: {}, markers: 0, byType: {} };
  let nextPageToken: Uint8Array | undefined;
  do {
    const page = await client.workflowService.getWorkflowExecutionHistory({
      namespace: 'default',
      execution: { workflowId },
      nextPageToken,
    });
    for (const event of page.history?.events ?? []) {
      const type = EventType[event.eventType ?? 0].replace(/^EVENT_TYPE_/, '');
      count.events += 1;
      count.byType[type] = (count.byType[type] ?? 0) + 1;
      if (type === 'WORKFLOW_TASK_COMPLETED') count.workflowTasks += 1;
      if (type === 'MARKER_RECORDED') count.markers += 1;
      const activity = event.activityTaskScheduledEventAttributes?.activityType?.name;
      if (activity) count.activities[activity] = (count.activities[activity] ?? 0) + 1;
    }
    nextPageToken = page.nextPageToken?.length ? page.nextPageToken : undefined;
  } while (nextPageToken);
  return count;
}

async function productPath(context: BenchContext, path: 'pickup' | 'post' | 'rejected'): Promise<HistoryCount> {
  const { stack, observer, citizens, temporal: client } = context;
  const [citizen] = await citizens.take(1, { subscribedToWasel: path === 'post', travelBan: path === 'rejected' });
  let renewalId: string;
  if (path === 'rejected') {
    renewalId = (await createRenewal(stack, citizen)).renewalId;
    await observer.stage(renewalId, 'REJECTED');
  } else {
    renewalId = await renewThroughApi(stack, observer, citizen, path === 'pickup' ? 'PICKUP' : 'POST');
  }
  const handle = client.workflow.getHandle(renewalWorkflowId(renewalId));
  await client.workflowService.getWorkflowExecutionHistory({
    namespace: 'default',
    execution: { workflowId: handle.workflowId },
    waitNewEvent: true,
    historyEventFilterType: temporal.api.enums.v1.HistoryEventFilterType.HISTORY_EVENT_FILTER_TYPE_CLOSE_EVENT,
  });
  return countHistory(client, handle.workflowId);
}

/** `npm run bench:history`: events per path of the real workflow, next to the bare pickup floor. */
export async function historyFigure(info: RunInfo): Promise<void> {
  const context = await openContext();
  const bare = await startBareWorker(context.stack.temporalAddress);
  try {
    const pickup = await productPath(context, 'pickup');
    const post = await productPath(context, 'post');
    const rejected = await productPath(context, 'rejected');
    const bareId = `bench-bare-history-${Date.now()}`;
    await renewBare(context.temporal, bareId, 0);
    const barePickup = await countHistory(context.temporal, bareId);
    const paths = { pickup, post, rejected, barePickup };
    for (const [name, count] of Object.entries(paths)) {
      console.log(`${name}: ${count.events} events, ${count.workflowTasks} workflow tasks`, count.byType);
    }
    await record('history', info, { paths, bounds: BOUNDS, bareTaskQueue: BARE_TASK_QUEUE }, [
      pickup.events,
      `${pickup.workflowTasks} / ${activityCount(pickup)} / ${pickup.markers}`,
      post.events,
      `${post.workflowTasks} / ${activityCount(post)} / ${post.markers}`,
      rejected.events,
      barePickup.events,
      ratio(pickup.events, barePickup.events),
      `${pickup.events <= BOUNDS.pickup ? 'met' : 'not met'} / ${post.events <= BOUNDS.post ? 'met' : 'not met'}`,
    ]);
  } finally {
    await bare.stop();
    await context.close();
  }
}

const activityCount = (count: HistoryCount) => Object.values(count.activities).reduce((a, b) => a + b, 0);
