import { fixed, record, type RunInfo } from '../support/report';
import { benchDataDir, portsFromEnv, spawnProduct, stopChild, waitUntilReady } from '../support/stack';
import { rmSync } from 'node:fs';

/** Seconds from launching `node dist/dev/embedded/main.js` to `/health/ready` answering 200. */
async function timeStart(dataDir: string): Promise<number> {
  const ports = portsFromEnv();
  const started = performance.now();
  const child = spawnProduct(ports, dataDir);
  try {
    await waitUntilReady(`http://127.0.0.1:${ports.api}`, child, 180_000);
    return (performance.now() - started) / 1000;
  } finally {
    await stopChild(child);
  }
}

/**
 * `npm run bench:startup`: the embedded stack from nothing (PostgreSQL's initdb,
 * migrations, a new dev-server database, the workflow bundle) and again on the
 * data it left (what a restart costs), twice each.
 */
export async function startupFigure(info: RunInfo): Promise<void> {
  const dataDir = benchDataDir('startup');
  const cold: number[] = [];
  const warm: number[] = [];
  for (let i = 0; i < 2; i++) {
    rmSync(dataDir, { recursive: true, force: true });
    cold.push(await timeStart(dataDir));
    warm.push(await timeStart(dataDir));
    console.log(`startup: cold ${fixed(cold.at(-1)!)} s, warm ${fixed(warm.at(-1)!)} s`);
  }
  await record('startup', info, { cold, warm }, [
    cold.map((s) => fixed(s)).join(' / '),
    warm.map((s) => fixed(s)).join(' / '),
  ]);
}
