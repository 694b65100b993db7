import autocannon from 'autocannon';
import { randomUUID } from 'node:crypto';
import { openBare } from '../baseline/driver';
import { startBareWorker } from '../baseline/worker';
import { citizenBearer, OFFICE, signInAll } from '../support/api';
import { type BenchContext, openContext } from '../support/context';
import { type IdleInTransaction, watchIdleInTransaction } from '../support/open-transactions';
import { createRenewal } from '../support/product-driver';
import { fixed, ratio, record, type RunInfo } from '../support/report';
import { inPool, median, percentile } from '../support/stats';

const CONNECTIONS = 100;
const SECONDS = Number(process.env.BENCH_API_SECONDS ?? 10);
const ROUNDS = 2;

interface Load {
  name: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  ok: number;
  failed: number;
}

interface Target {
  path: string;
  headers: Record<string, string>;
}

/** One autocannon run of `SECONDS` at 100 connections, each request from `next()`. */
async function load(context: BenchContext, name: string, next: () => Target | undefined): Promise<Load> {
  const result = await autocannon({
    url: context.stack.apiUrl,
    connections: CONNECTIONS,
    duration: SECONDS,
    timeout: 30,
    requests: [
      {
        // A falsy answer ends this connection's requests (the bench ran out of citizens).
        setupRequest: (request) => {
          const target = next();
          return (target && { ...request, ...target }) as autocannon.Request;
        },
      },
    ],
  });
  const ok = result['2xx'];
  const failed = result.non2xx + result.errors;
  const outcome = {
    name,
    requestsPerSecond: ok / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok,
    failed,
  };
  console.log(
    `${name}: ${fixed(outcome.requestsPerSecond)} req/s, p50 ${outcome.p50} ms, p99 ${outcome.p99} ms, ${failed} failed`,
  );
  return outcome;
}

/** Renewals to read back, each with its citizen's token. */
async function someRenewals(context: BenchContext, count: number) {
  const citizens = await context.citizens.take(count);
  const renewals: Array<{ renewalId: string; authorization: string }> = [];
  await inPool(citizens, 20, async (citizen) => {
    const { renewalId } = await createRenewal(context.stack, citizen);
    renewals.push({ renewalId, authorization: await citizenBearer(citizen.nationalId) });
  });
  return renewals;
}

/**
 * `CONNECTIONS` lanes, each calling `call` again as soon as it returns until
 * `SECONDS` have passed; the calls under way then finish and count, and the
 * rate is over the time until the last did. Creations take seconds on a loaded
 * machine, so a load that dropped the answers still due at its end (as
 * autocannon does) would miss most of them.
 */
async function closedLoop(name: string, call: (lane: number, i: number) => Promise<void>): Promise<Load> {
  const latencies: number[] = [];
  let failed = 0;
  const started = Date.now();
  const until = started + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async (_, lane) => {
      for (let i = 0; Date.now() < until; i++) {
        const t0 = Date.now();
        try {
          await call(lane, i);
          latencies.push(Date.now() - t0);
        } catch (error) {
          if (failed++ < 3) console.error(`${name}: ${String(error)}`);
        }
      }
    }),
  );
  const seconds = (Date.now() - started) / 1000;
  const outcome = {
    name,
    requestsPerSecond: latencies.length / seconds,
    p50: median(latencies),
    p99: percentile(latencies, 99),
    ok: latencies.length,
    failed,
  };
  console.log(
    `${name}: ${fixed(outcome.requestsPerSecond)}/s, p50 ${outcome.p50} ms, p99 ${outcome.p99} ms, ${failed} failed`,
  );
  return outcome;
}

/** `POST /v1/renewals` from 100 clients, a fresh citizen (and Idempotency-Key) each request; a non-2xx fails. */
async function creations(context: BenchContext): Promise<Load> {
  const citizens = await context.citizens.take(8_000);
  await signInAll(citizens.map((citizen) => citizen.nationalId));
  let next = 0;
  return closedLoop('post', async () => {
    const citizen = citizens[next++];
    if (!citizen) throw new Error('the bench ran out of citizens');
    const response = await fetch(`${context.stack.apiUrl}/v1/renewals`, {
      method: 'POST',
      headers: {
        authorization: await citizenBearer(citizen.nationalId),
        'content-type': 'application/json',
        'idempotency-key': randomUUID(),
      },
      body: JSON.stringify({ officeId: OFFICE }),
    });
    const body = await response.text();
    if (!response.ok) throw new Error(`POST /v1/renewals answered ${response.status}: ${body.slice(0, 200)}`);
  });
}

/** 100 update-with-start loops opening new bare renewals (a workflow whose update returns after one no-op activity). */
function bareCreations(context: BenchContext): Promise<Load> {
  const prefix = `bench-bare-open-${Date.now()}`;
  return closedLoop(
    'bare update-with-start',
    async (lane, i) => void (await openBare(context.temporal, `${prefix}-${lane}-${i}`)),
  );
}

/** `GET /status` one request at a time, as one citizen's page would: its median latency. */
async function statusLatency(context: BenchContext, renewals: Array<{ renewalId: string; authorization: string }>) {
  const latencies: number[] = [];
  let failed = 0;
  for (let i = 0; i < 200; i++) {
    const { renewalId, authorization } = renewals[i % renewals.length];
    const t0 = performance.now();
    const response = await fetch(`${context.stack.apiUrl}/v1/renewals/${renewalId}/status`, {
      headers: { authorization },
    });
    await response.arrayBuffer();
    // A failed answer counts at its full time: a 503 after the query deadline is what the citizen waited.
    if (!response.ok) failed += 1;
    latencies.push(performance.now() - t0);
  }
  return { median: median(latencies), p99: percentile(latencies, 99), failed };
}

const named = (loads: Load[], name: string) => loads.filter((l) => l.name === name);
const medianOf = (loads: Load[], key: 'requestsPerSecond' | 'p99') => median(loads.map((l) => l[key]));

/**
 * `npm run bench:api`: at 100 connections, `GET /v1/renewals/:id` against the
 * `GET /health/live` floor in the same run, `POST /v1/renewals` (a new citizen
 * each) against bare update-with-start loops on the same server, in
 * interleaved rounds; then `/status` with one client.
 */
export async function apiFigure(info: RunInfo): Promise<void> {
  const context = await openContext();
  const bare = await startBareWorker(context.stack.temporalAddress);
  try {
    const renewals = await someRenewals(context, 100);
    let read = 0;
    const loads: Load[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      loads.push(await load(context, 'floor', () => ({ path: '/health/live', headers: {} })));
      loads.push(
        await load(context, 'get', () => {
          const { renewalId, authorization } = renewals[read++ % renewals.length];
          return { path: `/v1/renewals/${renewalId}`, headers: { authorization } };
        }),
      );
    }
    const status = await statusLatency(context, renewals);
    console.log(`status: median ${fixed(status.median)} ms, p99 ${fixed(status.p99)} ms`);
    // Whether a POST holds a transaction open across its Temporal call shows in the sessions during its loads.
    const idle: IdleInTransaction[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const posts = await watchIdleInTransaction(context.db, () => creations(context));
      loads.push(posts.result);
      idle.push(posts.idle);
      console.log(
        `post: idle in transaction in ${posts.idle.samplesWithIdle} of ${posts.idle.samples} samples`,
        posts.idle,
      );
      loads.push(await bareCreations(context));
    }
    const [floor, get, create, bareCreate] = ['floor', 'get', 'post', 'bare update-with-start'].map((name) =>
      named(loads, name),
    );
    const figures = {
      floorRps: medianOf(floor, 'requestsPerSecond'),
      floorP99: medianOf(floor, 'p99'),
      getRps: medianOf(get, 'requestsPerSecond'),
      getP99: medianOf(get, 'p99'),
      postRps: medianOf(create, 'requestsPerSecond'),
      postP50: median(create.map((l) => l.p50)),
      bareRps: medianOf(bareCreate, 'requestsPerSecond'),
      statusMedianMs: status.median,
      idleSamples: idle.reduce((sum, i) => sum + i.samplesWithIdle, 0),
      samples: idle.reduce((sum, i) => sum + i.samples, 0),
      longestIdleMs: Math.max(...idle.map((i) => i.longestIdleMs)),
    };
    await record('api', info, { connections: CONNECTIONS, seconds: SECONDS, loads, status, idle, figures }, [
      `${fixed(figures.floorRps, 0)} / ${figures.floorP99} ms`,
      `${fixed(figures.getRps, 0)} / ${figures.getP99} ms`,
      `${ratio(figures.getRps, figures.floorRps)} / ${ratio(figures.getP99, figures.floorP99)}`,
      `${fixed(figures.postRps)} / p50 ${figures.postP50} ms`,
      fixed(figures.bareRps),
      ratio(figures.postRps, figures.bareRps),
      `${fixed(figures.statusMedianMs)} ms`,
      `${figures.idleSamples} of ${figures.samples} / ${fixed(figures.longestIdleMs)} ms`,
      loads.reduce((sum, l) => sum + l.failed, 0) + status.failed,
    ]);
  } finally {
    await bare.stop();
    await context.close();
  }
}
