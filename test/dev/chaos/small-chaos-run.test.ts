import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../../src/config/paths';

/**
 * `npm run chaos -- --small`, as CI can afford it: 40 renewals through two API processes and two workers on
 * the Temporal dev server, with 30% partner faults, while a worker is SIGKILLed three times, the dev server
 * restarts once and each API once. The run is its own process (as `npm run chaos` starts it), bounded by its
 * own time limit; it exits 0 only if every renewal ended as its scenario allows, with no duplicate effect in
 * the sandboxes' tables and no webhook given up. The table it prints is checked here as well.
 */
describe('the chaos run, small', () => {
  let dataDir: string;
  let passed = false;

  beforeAll(() => {
    // The run's processes are `node dist/...`, as `npm run chaos` builds them.
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'dev/tsconfig.json'], {
      cwd: PROJECT_ROOT,
    });
    dataDir = mkdtempSync(join(tmpdir(), 'chaos-small-'));
  }, 300_000);

  // A failed run keeps its folder (the processes' logs, PostgreSQL with the read model and the sandboxes' tables,
  // the dev server's SQLite) for whoever looks into it; a passed one leaves nothing behind.
  afterAll(() => {
    if (passed) rmSync(dataDir, { recursive: true, force: true });
    else console.log(`The chaos run's data folder is kept for inspection: ${dataDir}`);
  });

  function runChaos(): Promise<{ code: number | null; output: string }> {
    // The suite's workflow bundle (built from the same source) spares the run its own bundling. The limit leaves
    // room for a partner call's backoff tail (30% faults, retries up to 5 minutes apart); most runs end far sooner.
    const env = { ...process.env, CHAOS_DATA_DIR: dataDir, CHAOS_TIME_LIMIT_MINUTES: '12' };
    const child = spawn(process.execPath, ['dist/dev/chaos/main.js', '--small', '--free-ports'], {
      cwd: PROJECT_ROOT,
      env,
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    return new Promise((resolve) => child.on('exit', (code) => resolve({ code, output })));
  }

  it('ends every renewal with no duplicate, whatever it kills', async () => {
    const { code, output } = await runChaos();
    if (code !== 0) console.log(output);
    const row = (label: string) => output.match(new RegExp(`^\\s+${label}\\s+([\\d,]+)`, 'm'))?.[1];

    expect(output).toContain('RESULT: PASS');
    expect(code).toBe(0);
    expect(row('started')).toBe('40');
    expect(row('not terminal')).toBe('0');
    // The chaos was dealt out: three worker kills, a dev server restart, each API restarted.
    expect(output).toMatch(/^\s+worker-1\s+SIGKILL \+ start\s+2 /m);
    expect(output).toMatch(/^\s+worker-2\s+SIGKILL \+ start\s+1 /m);
    expect(output).toMatch(/^\s+temporal\s+restart\s+1 /m);
    expect(output).toMatch(/^\s+api-1\s+restart\s+1 /m);
    expect(output).toMatch(/^\s+api-2\s+restart\s+1 /m);
    // Partners did the work (and were counted from their own tables), none of it twice.
    expect(Number(row('bills charged'))).toBeGreaterThan(10);
    expect(Number(row('print jobs printed per issue'))).toBeGreaterThan(10);
    expect(output).toMatch(/^\s+all\s+\d+\s+\d+\s+\d+\s+\d+\s+0\s+0$/m);
    passed = true;
  }, 1_200_000);
});
