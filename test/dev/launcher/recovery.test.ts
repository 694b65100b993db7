import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PidFiles } from '../../../dev/launcher/pid-files';
import { isAlive, readProcess, waitForExit } from '../../../dev/launcher/process-info';
import { claimDataDir } from '../../../dev/launcher/recovery';

/** A process that runs until it is signalled, detached as a launcher's children are. */
function sleeper(): number {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { detached: true, stdio: 'ignore' });
  child.unref();
  return child.pid!;
}

function recordingLogger() {
  const lines: string[] = [];
  return {
    lines,
    logger: {
      log: (m: string) => lines.push(m),
      warn: (m: string) => lines.push(m),
      error: (m: string) => lines.push(m),
    },
  };
}

describe('claiming a data folder after a crash', () => {
  let dataDir: string;
  const started: number[] = [];

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'launcher-claim-'));
  });

  afterEach(() => {
    for (const pid of started.splice(0)) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('stops what a dead launcher left running, says so, and takes the folder over', async () => {
    const pidFiles = new PidFiles(dataDir);
    const leftover = sleeper();
    started.push(leftover);
    // The previous launcher: a process that has since died (its pid file survives it).
    const deadLauncher = spawn(process.execPath, ['-e', '']);
    const deadPid = deadLauncher.pid!;
    pidFiles.record('launcher', deadPid);
    await new Promise((resolve) => deadLauncher.once('exit', resolve));
    expect(pidFiles.record('postgres', leftover, 'SIGINT')).toBe(true);

    const { lines, logger } = recordingLogger();
    const claim = await claimDataDir(dataDir, logger);

    expect(await waitForExit(leftover, 5_000)).toBe(true);
    expect(lines).toEqual([
      `The previous launcher on ${dataDir} (pid ${deadPid}) did not stop cleanly; recovering`,
      `  postgres: leftover pid ${leftover} stopped (SIGINT)`,
    ]);
    expect(pidFiles.list().map((record) => [record.name, record.pid])).toEqual([['launcher', process.pid]]);
    claim.release();
    expect(pidFiles.list()).toEqual([]);
  });

  it('never signals a process whose pid was reused: start time and command line must match', async () => {
    const pidFiles = new PidFiles(dataDir);
    const stranger = sleeper();
    started.push(stranger);
    const identity = readProcess(stranger)!;
    // What the pid file says about a process that had this pid before.
    const record = {
      name: 'history',
      stopSignal: 'SIGTERM',
      ...identity,
      startTime: String(Number(identity.startTime) - 1),
    };
    mkdirSync(pidFiles.dir, { recursive: true });
    writeFileSync(join(pidFiles.dir, 'history.pid'), JSON.stringify(record));

    const { lines, logger } = recordingLogger();
    await claimDataDir(dataDir, logger);

    expect(lines).toContain(`  history: pid ${stranger} is no longer running; removed its pid file`);
    expect(isAlive(stranger)).toBe(true);
    expect(pidFiles.read('history')).toBeUndefined();
  });

  it('refuses a folder whose launcher is still running, and touches none of its processes', async () => {
    const pidFiles = new PidFiles(dataDir);
    const otherLauncher = sleeper();
    const child = sleeper();
    started.push(otherLauncher, child);
    pidFiles.record('launcher', otherLauncher);
    pidFiles.record('api-1', child);

    await expect(claimDataDir(dataDir, recordingLogger().logger)).rejects.toThrow(
      new RegExp(`in use by a running launcher \\(pid ${otherLauncher}: `),
    );
    expect(isAlive(child)).toBe(true);
    expect(pidFiles.read('api-1')?.pid).toBe(child);
  });
});
