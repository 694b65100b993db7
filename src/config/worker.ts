import { type Env, integerAtLeast, readEnv } from './env';

/**
 * How much a worker process takes on at once, and how much it keeps in memory.
 * The defaults were chosen by measurement on a 2-core, 24 GiB machine with the
 * whole stack on it (docs/benchmarks.md): a bounded workflow cache keeps the
 * worker's memory flat however many renewals are open, and is still larger
 * than the renewals a worker advances at once, so a busy worker rarely replays.
 */
export interface WorkerConfig {
  /** Workflows kept in memory between their tasks; beyond it the least recent is evicted (and replayed when needed). */
  maxCachedWorkflows: number;
  /** Workflow tasks run at once. */
  workflowTaskSlots: number;
  /** Activities run at once. */
  activitySlots: number;
  /** Local activities run at once. */
  localActivitySlots: number;
  /** Concurrent polls of the workflow task queue (at most the slots). */
  workflowTaskPollers: number;
  /** Concurrent polls of the activity task queue (at most the slots). */
  activityTaskPollers: number;
  /** PostgreSQL connections of the worker's pool (its activities and SMS sender). */
  databasePoolSize: number;
  /**
   * How far V8 lets a heap grow past what survived the last full collection,
   * in percent (0: V8's own heuristic, which on a large machine lets garbage
   * pile up to several times the live heap). Process-wide, set before the
   * workflow thread starts (src/worker/heap.ts).
   */
  heapGrowthPercent: number;
}

export const DEFAULT_WORKER_TUNING: WorkerConfig = {
  maxCachedWorkflows: 300,
  workflowTaskSlots: 40,
  activitySlots: 100,
  localActivitySlots: 100,
  workflowTaskPollers: 10,
  activityTaskPollers: 10,
  databasePoolSize: 10,
  heapGrowthPercent: 30,
};

export function loadWorkerConfig(env: Env): WorkerConfig {
  const d = DEFAULT_WORKER_TUNING;
  const read = (name: string, fallback: number, min: number) =>
    readEnv(env, name, fallback, integerAtLeast(min), `an integer >= ${min}`);
  const tuning: WorkerConfig = {
    // The SDK needs 2 workflow task slots with a cache; a cache of 0 replays every task (tests only).
    maxCachedWorkflows: read('WORKER_MAX_CACHED_WORKFLOWS', d.maxCachedWorkflows, 0),
    workflowTaskSlots: read('WORKER_WORKFLOW_TASK_SLOTS', d.workflowTaskSlots, 2),
    activitySlots: read('WORKER_ACTIVITY_SLOTS', d.activitySlots, 1),
    localActivitySlots: read('WORKER_LOCAL_ACTIVITY_SLOTS', d.localActivitySlots, 1),
    workflowTaskPollers: read('WORKER_WORKFLOW_TASK_POLLERS', d.workflowTaskPollers, 2),
    activityTaskPollers: read('WORKER_ACTIVITY_TASK_POLLERS', d.activityTaskPollers, 1),
    databasePoolSize: read('WORKER_DATABASE_POOL_SIZE', d.databasePoolSize, 1),
    heapGrowthPercent: read('WORKER_HEAP_GROWTH_PERCENT', d.heapGrowthPercent, 0),
  };
  // A workflow task runs on a cached workflow: the SDK would quietly lower the slots to the cache.
  if (tuning.maxCachedWorkflows > 0 && tuning.workflowTaskSlots > tuning.maxCachedWorkflows) {
    throw new Error('WORKER_WORKFLOW_TASK_SLOTS must be at most WORKER_MAX_CACHED_WORKFLOWS (unless that is 0)');
  }
  if (tuning.workflowTaskPollers > tuning.workflowTaskSlots) {
    throw new Error('WORKER_WORKFLOW_TASK_POLLERS must be at most WORKER_WORKFLOW_TASK_SLOTS');
  }
  if (tuning.activityTaskPollers > tuning.activitySlots) {
    throw new Error('WORKER_ACTIVITY_TASK_POLLERS must be at most WORKER_ACTIVITY_SLOTS');
  }
  return tuning;
}

/** The tuning as the SDK's `Worker.create` options. */
export function workerOptionsOf(tuning: WorkerConfig) {
  return {
    maxCachedWorkflows: tuning.maxCachedWorkflows,
    maxConcurrentWorkflowTaskExecutions: tuning.workflowTaskSlots,
    maxConcurrentActivityTaskExecutions: tuning.activitySlots,
    maxConcurrentLocalActivityExecutions: tuning.localActivitySlots,
    maxConcurrentWorkflowTaskPolls: tuning.workflowTaskPollers,
    maxConcurrentActivityTaskPolls: tuning.activityTaskPollers,
  };
}
