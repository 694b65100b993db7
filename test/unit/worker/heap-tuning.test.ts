import { execFileSync } from 'node:child_process';
import { DEFAULT_WORKER_TUNING } from '../../../src/config/worker';
import { workerHeapFlags } from '../../../src/worker/heap';

/**
 * A process that sets the flags at run time, as the worker does before the
 * SDK starts its workflow thread, keeps a live set alive while it churns
 * garbage, then starts a thread that churns too. What it prints: the largest
 * heap the main thread reached, what was alive at the end (after a full
 * collection), and the thread's young generation.
 */
const PROBE = `
const v8 = require('node:v8');
const { Worker } = require('node:worker_threads');
for (const flag of JSON.parse(process.argv[1])) v8.setFlagsFromString(flag);
const churn = (rounds, keep) => {
  let largest = 0, junk;
  for (let r = 0; r < rounds; r++) {
    junk = [];
    for (let i = 0; i < 50000; i++) junk.push({ i, text: 'garbage ' + i, list: [i] });
    if (keep && r % 20 === 0) keep.push(junk);
    largest = Math.max(largest, process.memoryUsage().heapTotal);
  }
  return largest;
};
const live = [];
for (let i = 0; i < 300000; i++) live.push({ i, text: 'live ' + i, list: [i, i] });
const largest = churn(200, live);
global.gc();
const alive = process.memoryUsage().heapUsed;
const thread = new Worker(
  "const v8 = require('node:v8'); let junk; for (let r = 0; r < 100; r++) { junk = []; for (let i = 0; i < 50000; i++) junk.push({ i }); }" +
    "require('node:worker_threads').parentPort.postMessage(v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size);",
  { eval: true },
);
thread.once('message', (youngBytes) => {
  console.log(JSON.stringify({ largestMiB: largest / 2 ** 20, aliveMiB: alive / 2 ** 20, threadYoungMiB: youngBytes / 2 ** 20, live: live.length }));
  process.exit(0);
});
`;

function probe(flags: string[]): { largestMiB: number; aliveMiB: number; threadYoungMiB: number } {
  return JSON.parse(
    execFileSync(process.execPath, ['--expose-gc', '-e', PROBE, JSON.stringify(flags)], { encoding: 'utf8' }),
  );
}

describe("the worker's heap tuning", () => {
  it('names the V8 flags of its setting: the growing factor only when one is set, the semi-space always', () => {
    expect(workerHeapFlags(DEFAULT_WORKER_TUNING.heapGrowthPercent)).toEqual([
      '--heap-growing-percent=30',
      '--max-semi-space-size=4',
    ]);
    expect(workerHeapFlags(0)).toEqual(['--max-semi-space-size=4']);
  });

  it('set at run time, keep the new thread young generation small and, on V8 11, the heap near what is alive', () => {
    const untuned = probe([]);
    const tuned = probe(workerHeapFlags(DEFAULT_WORKER_TUNING.heapGrowthPercent));
    console.log(`untuned ${JSON.stringify(untuned)}\ntuned   ${JSON.stringify(tuned)}`);
    // On Node 20 (V8 11) V8's own heuristic let this heap reach 3.8–4.8 times what is alive at the end, the flag
    // 1.9–2.3 times (the total also counts the young generation, code, and the garbage of the round under way).
    // Node 24's V8 13 grows this small heap less by itself (2.7 times) and the flag makes no difference this probe
    // can see, quiet or loaded; the worker itself needs it there too (607 MiB without, 363 with: docs/benchmarks.md).
    if (Number(process.versions.v8.split('.')[0]) < 12) {
      expect(untuned.largestMiB).toBeGreaterThan(1.4 * tuned.largestMiB);
      expect(tuned.largestMiB).toBeLessThan(3 * tuned.aliveMiB);
    }
    // A semi-space of 4 MiB: a young generation of two, against V8's 2 × 16 MiB.
    expect(tuned.threadYoungMiB).toBeLessThanOrEqual(8);
    expect(untuned.threadYoungMiB).toBeGreaterThan(8);
  });
});
