import { renewBare } from '../baseline/driver';
import { startBareWorker } from '../baseline/worker';
import { type BenchContext, openContext } from '../support/context';
import { cpuMeter, stackProcesses } from '../support/cpu';
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
  /**
   * CPU-seconds per completed renewal over the round: the Temporal server, the product's process, the bench
   * (its driver, and in bare rounds the bare worker). Undefined where a process could not be found.
   */
  cpuPerRenewal: Record<string, number | undefined>;
}

/** A round that has not finished by then is called off; what did not complete counts as failed. */
const ROUND_LIMIT_MS = Number(process.env.BENCH_ROUND_LIMIT_S ?? 600) * 1000;

/** Starts `n` renewals at once and times them until the last one has completed (or the round's time is up). */
async function round(
  context: BenchContext,
  kind: Round['kind'],
  n: number,
  renew: (i: number) => Promise<unknown>,
  callOff: () => void = () => undefined,
): Promise<Round> {
  const cpu = cpuMeter(stackProcesses(context.stack.dataDir));
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
  const used = cpu.stop();
  const seconds = (lastCompleted - started) / 1000;
  const cpuPerRenewal = Object.fromEntries(
    Object.entries(used).map(([name, value]) => [name, value === undefined ? undefined : value / completed]),
  );
  const result = { kind, renewals: n, failed, seconds, perSecond: completed / seconds, cpuPerRenewal };
  console.log(
    `${kind}: ${completed} of ${n} renewals in ${fixed(seconds)} s = ${fixed(result.perSecond, 2)}/s; ` +
      `CPU-s a renewal: ${Object.entries(cpuPerRenewal)
        .map(([name, value]) => `${name} ${fixed(value ?? NaN, 3)}`)
        .join(', ')}`,
  );
  return result;
}

async function productRound(context: BenchContext, n: number): Promise<Round> {
  const citizens = await context.citizens.take(n);
  context.observer.resume();
  return round(
    context,
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
      results.push(
        await round(context, 'bare', n, (i) => renewBare(context.temporal, `${prefix}-${i}`, PRINT_DELAY_MS)),
      );
    }
    const of = (kind: Round['kind'], figure: (x: Round) => number | undefined) =>
      median(
        results
          .filter((x) => x.kind === kind)
          .map((x) => figure(x) ?? NaN)
          .filter(Number.isFinite),
      );
    const product = of('product', (x) => x.perSecond);
    const baseline = of('bare', (x) => x.perSecond);
    // The issue's own model: the Temporal server is what runs out, so its CPU per renewal bounds the ratio.
    const serverProduct = of('product', (x) => x.cpuPerRenewal.temporal);
    const serverBare = of('bare', (x) => x.cpuPerRenewal.temporal);
    await record('throughput', info, { n, rounds: results, product, baseline, serverProduct, serverBare }, [
      n,
      rounds,
      fixed(product, 2),
      fixed(baseline, 2),
      ratio(product, baseline),
      results.reduce((sum, x) => sum + x.failed, 0),
      `${fixed(serverProduct, 3)} / ${fixed(serverBare, 3)}`,
      ratio(serverBare, serverProduct),
    ]);
  } finally {
    await bare.stop();
    await context.close();
  }
}
