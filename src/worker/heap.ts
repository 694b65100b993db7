import { setFlagsFromString } from 'node:v8';
import { DEFAULT_WORKER_TUNING, type WorkerTuning } from '../config/worker';

/**
 * Keeps a worker process's JavaScript heaps near what they hold alive.
 *
 * Left to itself, V8 sizes its heaps for the machine: on 24 GiB it let the
 * workflow thread's heap swing between 90 and 300 MiB, most of it garbage
 * (every workflow a worker takes on or replays evaluates the workflow modules
 * afresh, and an evicted one leaves them behind), so the worker's resident
 * memory rose with the renewals it had touched rather than with its cache.
 * A growing factor of 1.3 collects once garbage reaches 30% of the live heap;
 * a 4 MiB semi-space keeps the workflow thread's young generation small (its
 * objects live no longer than a workflow task). The growing factor is read at
 * each collection, so it holds for the main thread too; the semi-space is read
 * when an isolate is made, so only the workflow thread, started after this,
 * takes it, and the main thread's comes from the command line that starts a
 * worker process (WORKER_NODE_FLAGS). Measured in docs/benchmarks.md (Memory).
 */
export function workerHeapFlags(tuning: Pick<WorkerTuning, 'heapGrowthPercent' | 'workflowSemiSpaceMiB'>): string[] {
  return [
    ...(tuning.heapGrowthPercent > 0 ? [`--heap-growing-percent=${tuning.heapGrowthPercent}`] : []),
    ...(tuning.workflowSemiSpaceMiB > 0 ? [`--max-semi-space-size=${tuning.workflowSemiSpaceMiB}`] : []),
  ];
}

/**
 * What a worker process is started with (`npm run start:worker`, the cluster
 * launcher, docker-compose.yml): the main thread's young generation as small as
 * the workflow thread's, since the main thread's isolate is made before any code runs.
 */
export const WORKER_NODE_FLAGS = [`--max-semi-space-size=${DEFAULT_WORKER_TUNING.workflowSemiSpaceMiB}`];

/** Sets the flags for this process; call it before the SDK starts the workflow thread. */
export function applyWorkerHeapTuning(tuning: Pick<WorkerTuning, 'heapGrowthPercent' | 'workflowSemiSpaceMiB'>): void {
  for (const flag of workerHeapFlags(tuning)) setFlagsFromString(flag);
}
