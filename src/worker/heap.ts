import { setFlagsFromString } from 'node:v8';

/**
 * Keeps a worker process's JavaScript heaps near what they hold alive.
 *
 * Left to itself, V8 sizes its heaps for the machine: on 24 GiB it let the
 * workflow thread's heap swing between 90 and 300 MiB, most of it garbage
 * (every workflow a worker takes on or replays evaluates the workflow modules
 * afresh, and an evicted one leaves them behind), so the worker's resident
 * memory rose with the renewals it had touched rather than with its cache.
 * A growing factor of 1.3 (WORKER_HEAP_GROWTH_PERCENT=30) collects once
 * garbage reaches 30% of the live heap; 4 MiB semi-spaces keep the young
 * generations small (a workflow's objects live no longer than its task).
 * Measured in docs/benchmarks.md (Memory).
 *
 * The growing factor is read at each collection, so setting it at run time
 * holds for every thread. A semi-space is read when an isolate is made: the
 * workflow thread, started after `applyWorkerHeapTuning`, takes it from there,
 * the main thread only from the command line that starts the process.
 */
export const WORKER_NODE_FLAGS = ['--max-semi-space-size=4'];

/** The flags a worker sets on itself at run time for a growing percent (0: V8's own factor). */
export function workerHeapFlags(heapGrowthPercent: number): string[] {
  return [...(heapGrowthPercent > 0 ? [`--heap-growing-percent=${heapGrowthPercent}`] : []), ...WORKER_NODE_FLAGS];
}

/** Sets the flags for this process; call it before the SDK starts the workflow thread. */
export function applyWorkerHeapTuning(heapGrowthPercent: number): void {
  for (const flag of workerHeapFlags(heapGrowthPercent)) setFlagsFromString(flag);
}
