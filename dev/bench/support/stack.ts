import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { attachedDataDir } from './cpu';
import { BENCH_ROOT, PROJECT_ROOT } from './paths';

/** Policy the bench sets itself, so it can accept terms without reading product code. */
export const REQUIRED_PLEDGES = ['DATA_ACCURACY', 'OLD_PASSPORT_SURRENDER', 'LOSS_REPORTING'];

export interface Ports {
  api: number;
  sandbox: number;
  postgres: number;
  temporal: number;
  temporalUi: number;
  /** The stack's sandbox identity provider, where the bench's people sign in. */
  oidc: number;
}

/** The product under test, as `npm start` runs it: what the figures need to reach it. */
export interface Stack {
  apiUrl: string;
  sandboxUrl: string;
  databaseUrl: string;
  temporalAddress: string;
  /** The process hosting API, worker and sandboxes (undefined when attached to a running stack). */
  pid?: number;
  /** The data folder whose pid files name the stack's processes (attached: `EMBEDDED_DATA_DIR` or `.data`). */
  dataDir: string;
  stop(): Promise<void>;
}

const number = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

/** How long the print centre sandbox takes to print (the bare baseline waits as long before its print signal). */
export const PRINT_DELAY_MS = number('SANDBOX_PRINT_CENTRE_DELAY_MS', 1000);

/** The ports of the usual variables (docs/configuration.md), so a run never collides with someone else's stack. */
export function portsFromEnv(): Ports {
  return {
    api: number('PORT', 3000),
    sandbox: number('SANDBOX_HTTP_PORT', 3100),
    postgres: number('EMBEDDED_POSTGRES_PORT', 5433),
    temporal: number('EMBEDDED_TEMPORAL_PORT', 7233),
    temporalUi: number('EMBEDDED_TEMPORAL_UI_PORT', 8233),
    oidc: number('EMBEDDED_OIDC_PORT', 3200),
  };
}

/**
 * The environment the bench gives the product: fast partner sandboxes (a print
 * takes one second, a carrier step half a second), rate limits out of the way
 * (one citizen's driver polls far faster than a person, and so do the desk's staff), and its own secrets.
 * Anything already in the environment (e.g. worker settings) passes through.
 */
export function productEnv(ports: Ports, dataDir: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PORT: String(ports.api),
    SANDBOX_HTTP_PORT: String(ports.sandbox),
    EMBEDDED_POSTGRES_PORT: String(ports.postgres),
    EMBEDDED_TEMPORAL_PORT: String(ports.temporal),
    EMBEDDED_TEMPORAL_UI_PORT: String(ports.temporalUi),
    EMBEDDED_OIDC_PORT: String(ports.oidc),
    EMBEDDED_DATA_DIR: dataDir,
    API_RATE_LIMIT_CITIZEN: '1000000000',
    // The desk figure's operators and clerks ask hundreds of times a second, saturated.
    API_RATE_LIMIT_STAFF: '1000000000',
    POLICY_REQUIRED_PLEDGES: REQUIRED_PLEDGES.join(','),
    SANDBOX_PRINT_CENTRE_DELAY_MS: String(PRINT_DELAY_MS),
    SANDBOX_SAUDI_POST_STEP_DELAY_MS: process.env.SANDBOX_SAUDI_POST_STEP_DELAY_MS ?? '500',
    SANDBOX_POLL_INTERVAL_MS: process.env.SANDBOX_POLL_INTERVAL_MS ?? '100',
  };
}

/** Where a run keeps the product's data; wiped at every start so each run begins empty. */
export function benchDataDir(name = 'stack'): string {
  return join(BENCH_ROOT, '.data', name);
}

/**
 * Starts `node dist/dev/embedded/main.js` (what `npm start` runs after building) with its
 * own PostgreSQL and Temporal dev server, and resolves once `/health/ready` answers.
 * BENCH_ATTACH=1 uses a stack already started by `npm start` on the same ports instead
 * (it must have been started with productEnv's policy).
 */
export async function startStack(options: { fresh?: boolean; dataDir?: string } = {}): Promise<Stack> {
  const ports = portsFromEnv();
  const urls = {
    apiUrl: `http://127.0.0.1:${ports.api}`,
    sandboxUrl: `http://127.0.0.1:${ports.sandbox}`,
    databaseUrl: process.env.BENCH_DATABASE_URL ?? `postgres://postgres:postgres@127.0.0.1:${ports.postgres}/renewals`,
    temporalAddress: process.env.BENCH_TEMPORAL_ADDRESS ?? `127.0.0.1:${ports.temporal}`,
  };
  if (process.env.BENCH_ATTACH === '1') {
    await waitUntilReady(urls.apiUrl, undefined, 10_000);
    return { ...urls, dataDir: attachedDataDir(), stop: async () => undefined };
  }
  const dataDir = options.dataDir ?? benchDataDir();
  if (options.fresh !== false) rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const child = spawnProduct(ports, dataDir);
  try {
    await waitUntilReady(urls.apiUrl, child, 180_000);
  } catch (error) {
    await stopChild(child);
    throw error;
  }
  return { ...urls, pid: child.pid, dataDir, stop: () => stopChild(child) };
}

export function spawnProduct(ports: Ports, dataDir: string): ChildProcess {
  const child = spawn(process.execPath, [join(PROJECT_ROOT, 'dist/dev/embedded/main.js')], {
    cwd: PROJECT_ROOT,
    env: productEnv(ports, dataDir),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // The product logs every request; the bench keeps it out of its own output.
  const log = createWriteStream(join(dataDir, 'product.log'), { flags: 'a' });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

/** Product processes this bench started; an interrupted bench stops them (and so their PostgreSQL and dev server). */
const running = new Set<ChildProcess>();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`${signal}: stopping the stacks the bench started`);
    void Promise.all([...running].map(stopChild)).finally(() => process.exit(130));
  });
}
process.once('exit', () => running.forEach((child) => child.kill('SIGKILL')));

/** Polls `/health/ready` until PostgreSQL and Temporal answer through the API. */
export async function waitUntilReady(apiUrl: string, child: ChildProcess | undefined, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child && child.exitCode !== null) throw new Error(`the product exited with code ${child.exitCode}`);
    try {
      const response = await fetch(`${apiUrl}/health/ready`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the product was not ready within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** SIGTERM (the product stops its worker, PostgreSQL and dev server), SIGKILL if it hangs. */
export function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killTimer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.once('exit', () => {
      clearTimeout(killTimer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
