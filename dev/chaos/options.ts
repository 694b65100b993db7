import { join } from 'node:path';
import { type Env, integerAtLeast, readEnv } from '../../src/config/env';
import { PROJECT_ROOT } from '../../src/config/paths';
import type { ClusterPorts } from '../cluster/options';
import { pickFreePorts } from '../launcher/ports';

/** How much chaos a run deals out while it drives its renewals. */
export interface ChaosPlan {
  renewals: number;
  /** SIGKILLs of a worker process (alternating between the two), each followed by a restart. */
  workerKills: number;
  /** Restarts of the Temporal dev server (dev-server mode) or of the frontend (cluster mode). */
  temporalRestarts: number;
  /** Restarts of each API process. */
  apiRestarts: number;
  /** Cluster mode only: SIGKILL and restart of Temporal's history and matching services. */
  historyKills: number;
  matchingKills: number;
  /** Clocks of this plan's own (POLICY_* variables) over the run's defaults; the caller's environment still wins. */
  policy?: Record<string, string>;
  /** The least arrival window the plan spreads its renewals over. */
  minArrivalWindowMs: number;
}

export type ChaosMode = 'dev-server' | 'cluster';

export interface ChaosOptions {
  /** `dev-server`: the Temporal dev server on SQLite; `cluster`: `npm run cluster`'s four Temporal services. */
  mode: ChaosMode;
  plan: ChaosPlan;
  /** Renewals are started evenly over this window, and the chaos is dealt out over it too. */
  arrivalWindowMs: number;
  /** Every renewal must have ended within this time after the first one started. */
  timeLimitMs: number;
  /** The most renewals the driver has in progress at once (a bound on its own load). */
  concurrency: number;
  /** Seeds the mix of journeys and the citizens; the sandboxes have their own (SANDBOX_SEED). */
  seed: number;
  /** A fresh data folder for each run: PostgreSQL, the SQLite file, logs, pid files. */
  dataDir: string;
  ports: ClusterPorts;
  /** The caller's environment: the base of every process's (secrets, and any SANDBOX_* or POLICY_* override). */
  env: Env;
}

export const FULL_PLAN: ChaosPlan = {
  renewals: 500,
  workerKills: 20,
  temporalRestarts: 2,
  apiRestarts: 1,
  historyKills: 1,
  matchingKills: 1,
  minArrivalWindowMs: 120_000,
};

/** The run inside `npm test`: the same harness, smaller. */
export const SMALL_PLAN: ChaosPlan = {
  renewals: 40,
  workerKills: 3,
  temporalRestarts: 1,
  apiRestarts: 1,
  historyKills: 1,
  matchingKills: 1,
  // The renewals left alone expire within about three minutes, yet a loaded machine still has time to
  // drive every other one through acceptance and payment (a review alone may take several tries).
  policy: {
    POLICY_ACCEPTANCE_WINDOW: '2 minutes',
    POLICY_PAYMENT_WINDOW: '2 minutes',
    POLICY_ADDRESS_WINDOW: '45 seconds',
  },
  minArrivalWindowMs: 60_000,
};

/**
 * Every port the run listens on, from one base (CHAOS_BASE_PORT, 4400 by default): all in 4000–4999, clear
 * of `npm start` (3000, 3100, 3200, 5433, 7233, 8233) and `npm run cluster` (3300–3399, 5490, 7300–7399).
 */
export function chaosPorts(base: number): ClusterPorts {
  return {
    api: base,
    apiReplicas: [base + 1, base + 2],
    sandboxes: base + 10,
    oidc: base + 11,
    postgres: base + 20,
    frontend: base + 30,
    frontendHttp: base + 31,
    history: base + 32,
    matching: base + 33,
    temporalWorker: base + 34,
    frontendMembership: base + 40,
    historyMembership: base + 41,
    matchingMembership: base + 42,
    temporalWorkerMembership: base + 43,
    ui: base + 80,
    codec: base + 81,
  };
}

/** The same ports, each replaced by a free one of 4000–4999 (`--free-ports`, the test run). */
export async function freeChaosPorts(ports: ClusterPorts): Promise<ClusterPorts> {
  const free = await pickFreePorts(Object.keys(ports).length + 1, 4000, 4999);
  const chosen = { ...ports };
  for (const key of Object.keys(chosen) as Array<keyof ClusterPorts>) {
    if (key === 'apiReplicas') chosen.apiReplicas = [free.pop()!, free.pop()!];
    else chosen[key] = free.pop()!;
  }
  return chosen;
}

const basePort = (raw: string) => {
  const port = integerAtLeast(4000)(raw);
  return port !== undefined && port <= 4900 ? port : undefined;
};
const minutes = (raw: string) => {
  const value = Number(raw);
  return Number.isFinite(value) && value > 0 ? value * 60_000 : undefined;
};

/**
 * The options of a run from the environment (CHAOS_*) and the plan: the arrival window grows with the
 * number of renewals (about 1.2 s apart, at least the plan's least window) and the time limit with the window.
 */
export function loadChaosOptions(env: Env, mode: ChaosMode, plan: ChaosPlan): ChaosOptions {
  const defaultWindowMs = Math.max(plan.minArrivalWindowMs, plan.renewals * 1_200);
  const arrivalWindowMs = readEnv(env, 'CHAOS_ARRIVAL_WINDOW_MINUTES', defaultWindowMs, minutes, 'minutes (> 0)');
  return {
    mode,
    plan,
    arrivalWindowMs,
    timeLimitMs: readEnv(env, 'CHAOS_TIME_LIMIT_MINUTES', arrivalWindowMs + 20 * 60_000, minutes, 'minutes (> 0)'),
    concurrency: readEnv(env, 'CHAOS_CONCURRENCY', 150, integerAtLeast(1), 'an integer >= 1'),
    seed: readEnv(env, 'CHAOS_SEED', 20261201, integerAtLeast(0), 'an integer >= 0'),
    dataDir: readEnv(
      env,
      'CHAOS_DATA_DIR',
      join(PROJECT_ROOT, mode === 'cluster' ? '.data-chaos-cluster' : '.data-chaos'),
      (raw) => raw,
      'a folder',
    ),
    ports: chaosPorts(readEnv(env, 'CHAOS_BASE_PORT', 4400, basePort, 'a port from 4000 to 4900')),
    env,
  };
}
