import {
  type Client,
  ScheduleAlreadyRunning,
  type ScheduleDescription,
  ScheduleNotFoundError,
  ScheduleOverlapPolicy,
  type ScheduleOptions,
} from '@temporalio/client';
import { HOUSEKEEPING_WORKFLOW_TYPE, housekeepingScheduleId } from '../../workflows/contract';
import type { HousekeepingConfig } from '../config/housekeeping';

export type ScheduleChange = 'created' | 'updated' | 'unchanged';

function desiredSchedule(
  taskQueue: string,
  housekeeping: HousekeepingConfig,
): Pick<ScheduleOptions, 'spec' | 'action' | 'policies'> {
  return {
    spec: { intervals: [{ every: housekeeping.everyMs }] },
    action: {
      type: 'startWorkflow',
      workflowType: HOUSEKEEPING_WORKFLOW_TYPE,
      taskQueue,
      workflowId: housekeepingScheduleId(taskQueue),
      args: [housekeeping.retention],
    },
    // A run still deleting when the next is due is left to finish; the next simply does not start.
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: housekeeping.everyMs },
  };
}

/** Whether the schedule as the server has it already runs what we want, as often as we want. */
function matches(current: ScheduleDescription, taskQueue: string, housekeeping: HousekeepingConfig): boolean {
  const { action, spec } = current;
  return (
    action.workflowType === HOUSEKEEPING_WORKFLOW_TYPE &&
    action.taskQueue === taskQueue &&
    JSON.stringify(action.args) === JSON.stringify([housekeeping.retention]) &&
    spec.intervals?.length === 1 &&
    // The server keeps whole seconds.
    spec.intervals[0].every === Math.round(housekeeping.everyMs / 1000) * 1000 &&
    !spec.calendars?.length
  );
}

/**
 * Makes sure the housekeeping schedule of this task queue exists as
 * configured: created if absent, updated if its interval or retention changed,
 * left alone otherwise. Every worker calls it at start-up, so a concurrent
 * creation by another replica is fine.
 */
export async function ensureHousekeepingSchedule(
  client: Client,
  taskQueue: string,
  housekeeping: HousekeepingConfig,
): Promise<ScheduleChange> {
  const scheduleId = housekeepingScheduleId(taskQueue);
  const handle = client.schedule.getHandle(scheduleId);
  const desired = desiredSchedule(taskQueue, housekeeping);
  try {
    if (matches(await handle.describe(), taskQueue, housekeeping)) return 'unchanged';
    await handle.update((current) => ({ ...current, ...desired }));
    return 'updated';
  } catch (error) {
    if (!(error instanceof ScheduleNotFoundError)) throw error;
  }
  try {
    await client.schedule.create({ scheduleId, ...desired });
    return 'created';
  } catch (error) {
    if (error instanceof ScheduleAlreadyRunning) return 'unchanged';
    throw error;
  }
}
