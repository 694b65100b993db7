import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LogFiles } from '../../../dev/launcher/log-files';
import { isAlive } from '../../../dev/launcher/process-info';
import { httpOk } from '../../../dev/launcher/readiness';
import { claimDataDir, type DataDirClaim } from '../../../dev/launcher/recovery';
import { type ProcessSpec, Supervisor } from '../../../dev/launcher/supervisor';
import { freePort } from '../../../src/worker/free-port';

/** A small HTTP service that logs its start and its SIGTERM, then exits. */
const SERVICE = `
const server = require('node:http').createServer((_, res) => res.end('ok'));
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('listening on ' + process.env.PORT));
process.on('SIGTERM', () => { console.log('SIGTERM at ' + (performance.timeOrigin + performance.now())); process.exit(0); });`;

describe('Supervisor', () => {
  let dataDir: string;
  let claim: DataDirClaim;
  let supervisor: Supervisor;
  const warnings: string[] = [];
  const logger = {
    log: () => undefined,
    warn: (m: string) => warnings.push(m),
    error: (m: string) => warnings.push(m),
  };

  async function service(name: string): Promise<ProcessSpec> {
    const port = await freePort();
    return {
      name,
      command: process.execPath,
      args: ['-e', SERVICE],
      env: { ...process.env, PORT: String(port) },
      ready: httpOk(`http://127.0.0.1:${port}/`),
    };
  }

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'supervisor-'));
    claim = await claimDataDir(dataDir, logger);
    supervisor = new Supervisor(new LogFiles(join(dataDir, 'logs')), claim, logger);
    warnings.length = 0;
  });

  afterEach(async () => {
    await supervisor.stopAll();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts a process once it is ready, with its output in its log and its pid in a pid file', async () => {
    await supervisor.start(await service('api-1'));
    const pid = supervisor.pid('api-1')!;
    expect(isAlive(pid)).toBe(true);
    expect(claim.pidFiles.read('api-1')?.pid).toBe(pid);
    expect(readFileSync(supervisor.logs.path('api-1'), 'utf8')).toMatch(/listening on \d+/);
  });

  it('kills a process by name and restarts it as before, without calling it a crash', async () => {
    await supervisor.start(await service('history'));
    const first = supervisor.pid('history')!;
    await supervisor.kill('history');
    expect(isAlive(first)).toBe(false);
    expect(supervisor.isRunning('history')).toBe(false);
    expect(claim.pidFiles.read('history')).toBeUndefined();

    await supervisor.restart('history');
    const second = supervisor.pid('history')!;
    expect(second).not.toBe(first);
    expect(claim.pidFiles.read('history')?.pid).toBe(second);
    expect(warnings).toEqual([]);
  });

  it('reports a process that dies on its own', async () => {
    await supervisor.start(await service('worker-1'));
    process.kill(supervisor.pid('worker-1')!, 'SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(warnings).toEqual([
      expect.stringMatching(/^worker-1 exited unexpectedly: killed by SIGKILL \(log .*worker-1\.log\)$/),
    ]);
  });

  it('stops everything in reverse start order', async () => {
    await supervisor.start(await service('first'));
    await supervisor.start(await service('second'));
    await supervisor.stopAll();
    const stoppedAt = (name: string) =>
      Number(/SIGTERM at ([\d.]+)/.exec(readFileSync(supervisor.logs.path(name), 'utf8'))?.[1]);
    expect(stoppedAt('second')).toBeLessThan(stoppedAt('first'));
    expect(supervisor.isRunning('first') || supervisor.isRunning('second')).toBe(false);
    expect(claim.pidFiles.list().map((record) => record.name)).toEqual(['launcher']);
  });

  it('fails a start with the end of the log when the process exits before it is ready', async () => {
    const spec = { ...(await service('frontend')), args: ['-e', 'console.log("bad config"); process.exit(3)'] };
    await expect(supervisor.start(spec)).rejects.toThrow(
      /frontend \(log .*frontend\.log\): exited with code 3\n[^]*bad config/,
    );
  });

  it('runs a one-shot command and fails with its log when it fails', async () => {
    await supervisor.run({ name: 'migrate', command: process.execPath, args: ['-e', 'console.log("applied")'] });
    expect(readFileSync(supervisor.logs.path('migrate'), 'utf8')).toContain('applied');
    await expect(
      supervisor.run({
        name: 'schema',
        command: process.execPath,
        args: ['-e', 'console.error("no database"); process.exit(1)'],
      }),
    ).rejects.toThrow(/schema failed: exited with code 1 [^]*no database/);
    expect(warnings).toEqual([]);
  });
});
