import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters as plain } from 'node:util';
import { PROJECT_ROOT } from '../../../src/config/paths';
import { PidFiles } from '../../../dev/launcher/pid-files';
import { isAlive, waitForExit } from '../../../dev/launcher/process-info';
import { eventually } from '../../support/eventually';
import { ensureBuilt } from '../../support/shell';
import { embeddedStackEnv } from '../../support/embedded-stack';

/** Pids of the processes whose command line names `text` (the data folder: PostgreSQL, the dev server). */
function processesNaming(text: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(text)) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

/**
 * Ctrl-C at the terminal running `npm start`: the terminal sends SIGINT to the whole foreground process group
 * (npm, its shell, node). PostgreSQL and the Temporal dev server run in sessions of their own, so the signal
 * reaches the launcher alone, which stops the sandboxes, the API (draining), the sandbox identity provider (in the
 * launcher's process), the worker and only then the servers they use: nothing logs a warning or an error, every
 * process is gone and no pid file is left.
 */
describe('npm start, stopped with Ctrl-C', () => {
  let dataDir: string;
  let started: ChildProcess | undefined;

  afterAll(() => {
    if (started?.pid && started.exitCode === null && started.signalCode === null) process.kill(-started.pid, 'SIGKILL');
    for (const record of new PidFiles(dataDir).list()) if (isAlive(record.pid)) process.kill(record.pid, 'SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('stops everything in order, PostgreSQL last, without a warning or an error', async () => {
    ensureBuilt();
    dataDir = mkdtempSync(join(tmpdir(), 'npm-start-ctrl-c-'));
    // Run as root, embedded PostgreSQL runs as `postgres`, which must reach its folder.
    chmodSync(dataDir, 0o755);
    // The stack's own servers and identity provider, on free ports: the suite's must not be used.
    const { env, api } = await embeddedStackEnv(dataDir, {
      // The drain still happens, shorter than its 5 s default.
      API_SHUTDOWN_GRACE_MS: '1000',
    });
    // `npm start` without its build step, as the leader of a process group of its own, as a shell runs it.
    const child = spawn('npm', ['run', '-s', 'start:embedded'], { cwd: PROJECT_ROOT, env, detached: true });
    started = child;
    let output = '';
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    await eventually(
      async () => {
        if (child.exitCode !== null) throw new Error(`npm start exited:\n${output}`);
        return plain(output).includes('Ready; Ctrl-C stops it all') || undefined;
      },
      'npm start to be ready',
      180_000,
    );
    expect((await fetch(`${api}/health/ready`)).status).toBe(200);
    const pidFiles = new PidFiles(dataDir);
    const recorded = pidFiles.list();
    expect(recorded.map((record) => record.name).sort()).toEqual(['launcher', 'postgres', 'temporal-dev-server']);
    const servers = processesNaming(dataDir);
    expect(servers.length).toBeGreaterThanOrEqual(2);

    // Ctrl-C: SIGINT to the foreground process group.
    process.kill(-child.pid!, 'SIGINT');
    await exited;

    const log = plain(output);
    console.log(`npm start, from Ctrl-C on:\n${log.slice(log.lastIndexOf('\n', log.indexOf('stopping (')) + 1)}`);
    expect(log).toMatch(/stopping \(SIGINT\): sandboxes, API, identity provider, worker, then the servers/);
    expect(log.trimEnd()).toMatch(/stopped$/);
    expect(log.split('\n').filter((line) => /\b(WARN|ERROR|FATAL)\b/.test(line))).toEqual([]);
    for (const record of recorded) {
      expect({ name: record.name, gone: await waitForExit(record.pid, 10_000) }).toEqual({
        name: record.name,
        gone: true,
      });
    }
    expect(processesNaming(dataDir)).toEqual([]);
    expect(pidFiles.list()).toEqual([]);
    // PostgreSQL stopped after every pool had closed: it ended no session of ours.
    const postgresLog = readFileSync(join(dataDir, 'postgres.log'), 'utf8');
    expect(postgresLog).not.toContain('terminating connection');
    const shutdown = postgresLog.slice(postgresLog.lastIndexOf('received fast shutdown request'));
    expect(shutdown).toMatch(/^received fast shutdown request[\s\S]*database system is shut down\n$/);
    expect(shutdown).not.toMatch(/FATAL|ERROR/);
  }, 300_000);
});
