import { DEFAULT_WORKER_TUNING, loadWorkerConfig, workerOptionsOf } from '../../../src/config/worker';

/** The worker's cache, slots, pollers and pool come from the environment, with measured defaults. */
describe('worker tuning', () => {
  it('takes the measured defaults when nothing is set', () => {
    expect(loadWorkerConfig({})).toEqual(DEFAULT_WORKER_TUNING);
  });

  it('reads every setting, and hands the SDK its own option names', () => {
    const tuning = loadWorkerConfig({
      WORKER_MAX_CACHED_WORKFLOWS: '250',
      WORKER_WORKFLOW_TASK_SLOTS: '20',
      WORKER_ACTIVITY_SLOTS: '30',
      WORKER_LOCAL_ACTIVITY_SLOTS: '40',
      WORKER_WORKFLOW_TASK_POLLERS: '4',
      WORKER_ACTIVITY_TASK_POLLERS: '5',
      WORKER_DATABASE_POOL_SIZE: '6',
      WORKER_HEAP_GROWTH_PERCENT: '50',
    });
    expect(tuning.databasePoolSize).toBe(6);
    expect(tuning.heapGrowthPercent).toBe(50);
    expect(workerOptionsOf(tuning)).toEqual({
      maxCachedWorkflows: 250,
      maxConcurrentWorkflowTaskExecutions: 20,
      maxConcurrentActivityTaskExecutions: 30,
      maxConcurrentLocalActivityExecutions: 40,
      maxConcurrentWorkflowTaskPolls: 4,
      maxConcurrentActivityTaskPolls: 5,
    });
  });

  it('refuses what the SDK would refuse, naming the variable', () => {
    expect(() => loadWorkerConfig({ WORKER_WORKFLOW_TASK_SLOTS: '1' })).toThrow(/WORKER_WORKFLOW_TASK_SLOTS/);
    expect(() => loadWorkerConfig({ WORKER_MAX_CACHED_WORKFLOWS: 'many' })).toThrow(/WORKER_MAX_CACHED_WORKFLOWS/);
    expect(() => loadWorkerConfig({ WORKER_WORKFLOW_TASK_SLOTS: '4', WORKER_WORKFLOW_TASK_POLLERS: '5' })).toThrow(
      /WORKER_WORKFLOW_TASK_POLLERS must be at most WORKER_WORKFLOW_TASK_SLOTS/,
    );
    expect(() => loadWorkerConfig({ WORKER_DATABASE_POOL_SIZE: '0' })).toThrow(/WORKER_DATABASE_POOL_SIZE/);
    expect(() => loadWorkerConfig({ WORKER_HEAP_GROWTH_PERCENT: '-1' })).toThrow(/WORKER_HEAP_GROWTH_PERCENT/);
    expect(() => loadWorkerConfig({ WORKER_MAX_CACHED_WORKFLOWS: '10', WORKER_WORKFLOW_TASK_SLOTS: '20' })).toThrow(
      /WORKER_WORKFLOW_TASK_SLOTS must be at most WORKER_MAX_CACHED_WORKFLOWS/,
    );
  });
});
