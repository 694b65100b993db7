import { renewBare } from '../baseline/driver';
import { startBareWorker } from '../baseline/worker';
import { type BenchContext, openContext } from '../support/context';
import { renewThroughApi } from '../support/product-driver';
import { fixed, ratio, record, type RunInfo } from '../support/report';
import { PRINT_DELAY_MS } from '../support/stack';
import { median } from '../support/stats';

interface Round {
  kind: 'product' | 'bare';
  renewals: number;
  failed: number;
  seconds: number;
  perSecond: number;
}

/** A round that has not finished by then is called off; what did not complete counts as failed. */
const ROUND_LIMIT_MS = Number(process.env.BENCH_ROUND_LIMIT_S ?? 600) * 1000;

/** Starts `n` renewals at once and times them until the last one has completed (or the round's time is up). */
async function round(
  kind: Round['kind'],
  n: number,
  renew: (i: number) => Promise<unknown>,
  callOff: () => void = () => undefined,
): Promise<Round> {
  const started = Date.now();
  let lastCompleted = started;
  let completed = 0;
  let firstFailure: unknown;
  const renewals = Array.from({ length: n }, (_, i) =>
    renew(i).then(
      () => {
        completed += 1;
        lastCompleted = Date.now();
      },
      (error) => void (firstFailure ??= error),
    ),
  );
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([Promise.all(renewals), new Promise((resolve) => (timer = setTimeout(resolve, ROUND_LIMIT_MS)))]);
  clearTimeout(timer);
  callOff();
  // Renewals still under way when the time is up count as failed, like those that failed.
  const failed = n - completed;
  if (failed) console.error(`${kind}: ${failed} did not complete, e.g. ${String(firstFailure ?? 'out of time')}`);
  const seconds = (lastCompleted - started) / 1000;
  const result = { kind, renewals: n, failed, seconds, perSecond: completed / seconds };
  console.log(`${kind}: ${completed} of ${n} renewals in ${fixed(seconds)} s = ${fixed(result.perSecond, 2)}/s`);
  return result;
}

async function productRound(context: BenchContext, n: number): Promise<Round> {
  const citizens = await context.citizens.take(n);
  context.observer.resume();
  return round(
    'product',
    n,
    (i) => renewThroughApi(context.stack, context.observer, citizens[i], 'PICKUP'),
    () => context.observer.cancelWaits('the round was called off'),
  );
}

/**
 * `npm run bench:throughput`: renewals completed per second with N under way
 * at once (BENCH_THROUGHPUT_N, default 200), the real pickup path against the
 * bare baseline on the same server, in interleaved rounds (BENCH_ROUNDS, default 3).
 */
export async function throughputFigure(info: RunInfo): Promise<void> {
  const n = Number(process.env.BENCH_THROUGHPUT_N ?? 200);
  const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
  const context = await openContext();
  const bare = await startBareWorker(context.stack.temporalAddress);
  try {
    const results: Round[] = [];
    for (let r = 0; r < rounds; r++) {
      results.push(await productRound(context, n));
      const prefix = `bench-bare-${Date.now()}`;
      results.push(await round('bare', n, (i) => renewBare(context.temporal, `${prefix}-${i}`, PRINT_DELAY_MS)));
    }
    const product = median(results.filter((x) => x.kind === 'product').map((x) => x.perSecond));
    const baseline = median(results.filter((x) => x.kind === 'bare').map((x) => x.perSecond));
    await record('throughput', info, { n, rounds: results, product, baseline }, [
      n,
      rounds,
      fixed(product, 2),
      fixed(baseline, 2),
      ratio(product, baseline),
      results.reduce((sum, x) => sum + x.failed, 0),
    ]);
  } finally {
    await bare.stop();
    await context.close();
  }
}
