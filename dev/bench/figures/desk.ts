import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import * as prettier from 'prettier';
import type { DataSource } from 'typeorm';
import { openDataSource } from '../../../src/persistence/data-source';
import { createPersistence } from '../../../src/persistence/persistence';
import { startHousekeeping } from '../desk/housekeeping';
import { explainDesk, type Plan } from '../desk/plans';
import { DESK_KINDS, type DeskKind, type DeskRequest, DeskTokens, drawRequest, P99_BOUND_MS } from '../desk/requests';
import { drawSamples } from '../desk/samples';
import { cpuMeter, stackProcesses } from '../support/cpu';
import { stackPersonalData, startDeskStack } from '../support/desk-stack';
import { PROJECT_ROOT } from '../support/paths';
import { fixed, record, type RunInfo } from '../support/report';
import { percentile } from '../support/stats';

/** Operators and clerks at once (issue 27: 20), and how long each load lasts. */
const LANES = Number(process.env.BENCH_DESK_LANES ?? 20);
const SECONDS = Number(process.env.BENCH_DESK_SECONDS ?? 30);
/**
 * A person's pace: after each answer, a lane waits this long on average (exponentially distributed) before its
 * next request, as someone reading a page does. The saturated loads wait nothing.
 */
const THINK_MS = Number(process.env.BENCH_DESK_THINK_MS ?? 1000);
/** Not counted: the first requests after a start read the indexes from disk into PostgreSQL's cache. */
const WARM_UP_SECONDS = Number(process.env.BENCH_DESK_WARM_UP_SECONDS ?? 10);
/** How often a lane that got a page with more after it reads the next one. */
const NEXT_PAGE_CHANCE = 0.3;

interface Latencies {
  count: number;
  p50: number;
  p99: number;
  max: number;
  failed: number;
}

type Drawn =
  DeskRequest | { kind: 'floor'; path: string; authorization?: undefined; body?: undefined; next?: undefined };

/** A pause of `mean` ms on average, exponentially distributed (at most five times the mean). */
const think = (mean: number) => (mean > 0 ? sleep(Math.min(5 * mean, -mean * Math.log(1 - Math.random()))) : null);

/**
 * LANES loops for SECONDS: each sends its next request when the last has answered and it has thought for
 * `thinkMs` (none: saturated), reading a list's next page now and then; every answer's time is kept by kind.
 * A non-2xx answer is a failure.
 */
async function lanes(apiUrl: string, seconds: number, thinkMs: number, draw: (lane: number) => Drawn) {
  const times = new Map<string, number[]>();
  const failed = new Map<string, number>();
  const started = Date.now();
  const until = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: LANES }, async (_, lane) => {
      let pending: Drawn | undefined;
      // Lanes at a person's pace start apart, as people do.
      await think(thinkMs);
      while (Date.now() < until) {
        const request: Drawn = pending ?? draw(lane);
        pending = undefined;
        const t0 = performance.now();
        const response = await fetch(`${apiUrl}${request.path}`, {
          method: request.body ? 'POST' : 'GET',
          headers: {
            ...(request.authorization && { authorization: request.authorization }),
            ...(request.body && { 'content-type': 'application/json' }),
          },
          body: request.body && JSON.stringify(request.body),
        });
        const text = await response.text();
        const ms = performance.now() - t0;
        if (!response.ok) {
          const count = (failed.get(request.kind) ?? 0) + 1;
          failed.set(request.kind, count);
          if (count <= 3) console.error(`${request.kind} ${request.path}: ${response.status} ${text.slice(0, 200)}`);
        } else {
          const kept = times.get(request.kind) ?? [];
          kept.push(ms);
          times.set(request.kind, kept);
          if (request.next && Math.random() < NEXT_PAGE_CHANCE) {
            const { nextCursor } = JSON.parse(text) as { nextCursor?: string | null };
            if (nextCursor) pending = request.next(nextCursor);
          }
        }
        await think(thinkMs);
      }
    }),
  );
  const elapsed = (Date.now() - started) / 1000;
  const round = (ms: number) => Math.round(ms * 10) / 10;
  const summary = (kind: string): Latencies => {
    const samples = times.get(kind) ?? [];
    return {
      count: samples.length,
      p50: round(percentile(samples, 50)),
      p99: round(percentile(samples, 99)),
      max: round(Math.max(0, ...samples)),
      failed: failed.get(kind) ?? 0,
    };
  };
  const answered = [...times.values()].reduce((sum, samples) => sum + samples.length, 0);
  return { summary, perSecond: answered / elapsed, seconds: elapsed };
}

const byKind = (summary: (kind: string) => Latencies) =>
  Object.fromEntries(DESK_KINDS.map((kind) => [kind, summary(kind)])) as Record<DeskKind, Latencies>;

function printKinds(title: string, desk: Record<DeskKind, Latencies>, perSecond: number) {
  console.log(`${title}: ${fixed(perSecond)} requests/s`);
  for (const kind of DESK_KINDS) {
    const { count, p50, p99, max, failed } = desk[kind];
    console.log(
      `  ${kind}: ${count} requests, p50 ${p50} ms, p99 ${p99} ms (bound ${P99_BOUND_MS[kind]}), max ${max} ms, ${failed} failed`,
    );
  }
}

async function seededSize(db: DataSource) {
  const rows: Array<{ renewals: string; audit_lines: string; alerts: string; finished_at: Date | null }> = await db
    .query(`SELECT renewals, audit_lines, alerts, finished_at FROM bench.seed`)
    .catch(() => []);
  if (!rows[0]?.finished_at) throw new Error('This stack holds no seeded year: run npm run bench:seed first');
  const [row] = rows;
  return { renewals: Number(row.renewals), auditLines: Number(row.audit_lines), alerts: Number(row.alerts) };
}

/**
 * `npm run bench:desk`: the operators' desk and the clerks' counters against a seeded year (npm run bench:seed),
 * in the same run as the /health/live floor, each at a person's pace (the bounds) and saturated (the capacity);
 * housekeeping's batches measured while the desk is busy; every kind of query EXPLAINed. See docs/benchmarks.md,
 * "Desk".
 */
export async function deskFigure(info: RunInfo): Promise<void> {
  const stack = await startDeskStack();
  let db: DataSource | undefined;
  try {
    db = await openDataSource(stack.databaseUrl, 4, 'bench-desk');
    const seed = await seededSize(db);
    const protection = stackPersonalData();
    const persistence = createPersistence(db, protection);
    const samples = await drawSamples(db, persistence);
    const tokens = await new DeskTokens(samples.offices).renew();
    const deskRequest = (lane: number) => drawRequest(samples, tokens, lane);
    const floorRequest = (): Drawn => ({ kind: 'floor', path: '/health/live' });
    console.log(
      `desk: ${seed.renewals.toLocaleString('en')} renewals, ${LANES} lanes, ${SECONDS} s a load, ` +
        `${THINK_MS} ms thinking at a person's pace (${WARM_UP_SECONDS} s warm-up first)`,
    );

    await lanes(stack.apiUrl, WARM_UP_SECONDS, 0, deskRequest);
    const loadAtStart = loadavg()[0];
    const floorPaced = await lanes(stack.apiUrl, SECONDS, THINK_MS, floorRequest);
    const floor = floorPaced.summary('floor');
    console.log(`floor /health/live at a person's pace: p50 ${floor.p50} ms, p99 ${floor.p99} ms`);
    const floorSaturated = await lanes(stack.apiUrl, SECONDS, 0, floorRequest);
    console.log(`floor /health/live saturated: ${fixed(floorSaturated.perSecond)} requests/s`);

    // Housekeeping runs through both desk loads, as its schedule would while the desk serves.
    const housekeeping = await startHousekeeping(stack.databaseUrl, protection);
    await tokens.renew();
    const paced = await lanes(stack.apiUrl, SECONDS, THINK_MS, deskRequest);
    const desk = byKind(paced.summary);
    printKinds("desk at a person's pace", desk, paced.perSecond);
    const processes = stackProcesses(stack.dataDir);
    const meter = cpuMeter(
      { product: processes.product, temporal: processes.temporal },
      { postgres: processes.postgres },
    );
    await tokens.renew();
    const saturated = await lanes(stack.apiUrl, SECONDS, 0, deskRequest);
    const cpu = meter.stop();
    const deskSaturated = byKind(saturated.summary);
    printKinds('desk saturated', deskSaturated, saturated.perSecond);
    const hk = await housekeeping.stop();
    const loadAtEnd = loadavg()[0];
    console.log(`housekeeping: ${JSON.stringify(hk)}`);
    // Where the machine's time went in the saturated load: cores busy and CPU-ms a request, per process.
    const cores = Object.fromEntries(
      Object.entries(cpu).map(([name, seconds]) => [
        name,
        seconds === undefined
          ? undefined
          : {
              cores: seconds / saturated.seconds,
              msPerRequest: (1000 * seconds) / (saturated.perSecond * saturated.seconds),
            },
      ]),
    );
    console.log(
      `saturated desk, per process: ${Object.entries(cores)
        .map(
          ([name, use]) =>
            `${name} ${use ? `${use.cores.toFixed(2)} cores, ${use.msPerRequest.toFixed(2)} CPU-ms a request` : 'n/a'}`,
        )
        .join('; ')}`,
    );

    const plans = await explainDesk(db, persistence, samples);
    for (const plan of plans) {
      console.log(`plan ${plan.kind} / ${plan.name}: ${plan.executionMs} ms, ${plan.indexOnly ? 'index' : 'SEQ SCAN'}`);
    }
    const met = DESK_KINDS.filter((kind) => desk[kind].p99 <= P99_BOUND_MS[kind]);
    const longestBatch = Math.max(...Object.values(hk.chores).map((chore) => chore.longestMs));
    const failed = [floorPaced, floorSaturated, paced, saturated].reduce(
      (sum, load) =>
        sum + load.summary('floor').failed + DESK_KINDS.reduce((all, kind) => all + load.summary(kind).failed, 0),
      0,
    );
    const cell = (kind: DeskKind) => `${fixed(desk[kind].p50)} / ${fixed(desk[kind].p99)}`;
    await record(
      'desk',
      info,
      {
        lanes: LANES,
        seconds: SECONDS,
        thinkMs: THINK_MS,
        seed,
        load: { start: loadAtStart, end: loadAtEnd },
        floor: { paced: floor, saturatedPerSecond: floorSaturated.perSecond },
        desk: {
          paced: desk,
          pacedPerSecond: paced.perSecond,
          saturated: deskSaturated,
          saturatedPerSecond: saturated.perSecond,
        },
        cores,
        housekeeping: hk,
        plans,
      },
      [
        `${seed.renewals.toLocaleString('en')} / ${seed.auditLines.toLocaleString('en')} / ${seed.alerts.toLocaleString('en')}`,
        `${LANES} × ${SECONDS} s, ${THINK_MS} ms`,
        `${fixed(floor.p50)} / ${fixed(floor.p99)}`,
        ...DESK_KINDS.map(cell),
        `${met.length} of ${DESK_KINDS.length}`,
        `${fixed(saturated.perSecond, 0)} / ${fixed(floorSaturated.perSecond, 0)}, list p99 ${fixed(deskSaturated.list.p99)}`,
        `${plans.filter((plan) => plan.indexOnly).length} of ${plans.length}`,
        `${fixed(longestBatch)} / ${fixed(hk.longestTransactionMs)} ms, ${hk.blockedSamples} blocked`,
        `${fixed(loadAtStart)} → ${fixed(loadAtEnd)}`,
        failed,
      ],
    );
    await writePlans(info, seed, plans);
  } finally {
    await db?.destroy();
    await stack.stop();
  }
}

/** The latest run's plans replace those in docs/benchmarks.md, between the desk section's two markers. */
async function writePlans(info: RunInfo, seed: { renewals: number }, plans: Plan[]): Promise<void> {
  const path = process.env.BENCH_REPORT ?? join(PROJECT_ROOT, 'docs', 'benchmarks.md');
  const [start, end] = ['<!-- bench:desk-plans -->', '<!-- /bench:desk-plans -->'];
  const document = readFileSync(path, 'utf8');
  const from = document.indexOf(start);
  const to = document.indexOf(end);
  if (from < 0 || to < from) throw new Error(`${path} has no ${start} ... ${end} section`);
  const body = [
    `Plans of ${info.commit}, ${info.date}, ${info.machine}, against ${seed.renewals.toLocaleString('en')} seeded ` +
      `renewals (written by \`npm run bench:desk\`; ${plans.filter((plan) => plan.indexOnly).length} of ${plans.length} ` +
      'without a sequential scan of a large table):',
    ...plans.map((plan) => [`**${plan.kind}: ${plan.name}**`, '```', plan.text, '```'].join('\n')),
  ].join('\n\n');
  const updated = `${document.slice(0, from + start.length)}\n\n${body}\n\n${document.slice(to)}`;
  const options = (await prettier.resolveConfig(path)) ?? {};
  writeFileSync(path, await prettier.format(updated, { ...options, filepath: path }));
}
