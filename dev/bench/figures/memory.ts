import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEFAULT_WORKER_TUNING } from '../../../src/config/worker';
import { openContext } from '../support/context';
import { createRenewal } from '../support/product-driver';
import { fixed, record, type RunInfo } from '../support/report';
import { inPool } from '../support/stats';

interface Sample {
  seconds: number;
  /** Renewals waiting for the citizen's acceptance, i.e. open workflows past their first step. */
  open: number;
  /** Renewals reserved by a POST, still in eligibility or past it: each a running workflow. */
  started: number;
  rssMiB: number;
}

function rssMiB(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no VmRSS for process ${pid}`);
  return Number(match[1]) / 1024;
}

/** The sample at the first moment `open` reached `count`. */
const at = (samples: Sample[], count: number) => samples.find((s) => s.open >= count);

/**
 * `npm run bench:memory`: opens BENCH_OPEN_RENEWALS (default 10,000) renewals,
 * each waiting for acceptance, and samples the product process's resident
 * memory as they open. The process is `npm start`'s: worker, API and sandboxes
 * together, so its RSS bounds the worker's from above.
 */
export async function memoryFigure(info: RunInfo): Promise<void> {
  const total = Number(process.env.BENCH_OPEN_RENEWALS ?? 10_000);
  // The stack gets the bench's environment, so this is the cache the measured worker had.
  const maxCachedWorkflows = Number(
    process.env.WORKER_MAX_CACHED_WORKFLOWS ?? DEFAULT_WORKER_TUNING.maxCachedWorkflows,
  );
  const context = await openContext();
  const pid = context.stack.pid ?? Number(process.env.BENCH_WORKER_PID);
  try {
    const citizens = await context.citizens.take(total);
    const samples: Sample[] = [];
    const started = Date.now();
    let failed = 0;
    let postsDoneAt: number | undefined;
    // Samples until every renewal is open, or a minute after the last request if some never open.
    const sampler = (async () => {
      while (postsDoneAt === undefined || Date.now() - postsDoneAt < 60_000) {
        const [counts] = await context.db.query(
          `SELECT count(*) FILTER (WHERE stage = 'AWAITING_ACCEPTANCE')::int AS open, count(*)::int AS started
             FROM renewals`,
        );
        const open: number = counts.open;
        samples.push({ seconds: (Date.now() - started) / 1000, open, started: counts.started, rssMiB: rssMiB(pid) });
        console.log(`memory: ${open} open of ${counts.started} started, RSS ${fixed(samples.at(-1)!.rssMiB)} MiB`);
        if (open >= total - failed) return;
        await sleep(5_000);
      }
    })();
    await inPool(citizens, 50, async (citizen) => {
      try {
        await createRenewal(context.stack, citizen);
      } catch (error) {
        failed += 1;
        if (failed <= 3) console.error(String(error));
      }
    });
    postsDoneAt = Date.now();
    await sampler;
    const last = samples.at(-1)!;
    const quarter = (q: number) => at(samples, Math.floor((last.open * q) / 4))?.rssMiB ?? NaN;
    // On a machine too busy for all to open in time, the halves are of those that did.
    const half = at(samples, Math.floor(last.open / 2)) ?? samples[0];
    // The slope over the second half: near zero once the workflow cache is full.
    const kibPerRenewal = ((last.rssMiB - half.rssMiB) * 1024) / Math.max(1, last.open - half.open);
    await record('memory', info, { total, maxCachedWorkflows, failed, samples }, [
      maxCachedWorkflows,
      last.open,
      [1, 2, 3, 4].map((q) => fixed(quarter(q), 0)).join(' / '),
      fixed(Math.max(...samples.map((s) => s.rssMiB)), 0),
      fixed(kibPerRenewal, 1),
      fixed(last.seconds, 0),
      failed,
    ]);
  } finally {
    await context.close();
  }
}
