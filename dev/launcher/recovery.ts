import type { LauncherLogger } from './logger';
import { PID_NAMES, PidFiles, type PidRecord } from './pid-files';
import { isSameProcess, terminate } from './process-info';

const LAUNCHER = PID_NAMES.launcher;

/** Time a leftover gets to stop on its own signal before it is killed. */
const LEFTOVER_GRACE_MS = 15_000;

/** A launcher's hold on its data folder: the pid files of what it starts. */
export interface DataDirClaim {
  readonly pidFiles: PidFiles;
  /** Records a child the launcher started, so a later start can stop it if this launcher dies. */
  record(name: string, pid: number | undefined, stopSignal?: NodeJS.Signals): void;
  /** Forgets a child that has stopped. */
  forget(name: string): void;
  /** After a clean stop: removes every pid file, the launcher's own included. */
  release(): void;
}

/**
 * Claims a data folder for a launcher (`npm start`, `npm run cluster`), after a
 * crash too. Refuses while the launcher that last claimed it is still running;
 * otherwise stops whatever a previous launcher left running there (found by its
 * pid files, and only when the pid still names the very process recorded, by
 * start time and command line), says what it did, and records itself.
 *
 * Leftovers are stopped rather than adopted: a restarted process is known to run
 * this launcher's configuration, and every one of them recovers its state from
 * its own data (PostgreSQL its WAL, Temporal its database), so nothing is lost.
 */
export async function claimDataDir(dataDir: string, logger: LauncherLogger): Promise<DataDirClaim> {
  const pidFiles = new PidFiles(dataDir);
  const owner = pidFiles.read(LAUNCHER);
  if (owner && owner.pid !== process.pid && isSameProcess(owner)) {
    throw new Error(
      `${dataDir} is in use by a running launcher (pid ${owner.pid}: ${owner.cmdline.join(' ')}); ` +
        'stop it first, or give this one another data folder',
    );
  }
  const leftovers = pidFiles.list().filter((record) => record.name !== LAUNCHER);
  if (owner || leftovers.length > 0) {
    const previous = owner ? `pid ${owner.pid}` : 'unknown pid';
    logger.warn(`The previous launcher on ${dataDir} (${previous}) did not stop cleanly; recovering`);
  }
  // Newest first: what was started last depends on what was started before it.
  for (const record of leftovers.sort((a, b) => Number(b.startTime) - Number(a.startTime))) {
    await stopLeftover(record, logger);
    pidFiles.remove(record.name);
  }
  pidFiles.record(LAUNCHER, process.pid);

  return {
    pidFiles,
    record(name, pid, stopSignal) {
      if (pid !== undefined) pidFiles.record(name, pid, stopSignal);
    },
    forget: (name) => pidFiles.remove(name),
    release() {
      for (const record of pidFiles.list()) pidFiles.remove(record.name);
    },
  };
}

async function stopLeftover(record: PidRecord, logger: LauncherLogger): Promise<void> {
  if (!isSameProcess(record)) {
    logger.log(`  ${record.name}: pid ${record.pid || '?'} is no longer running; removed its pid file`);
    return;
  }
  const outcome = await terminate(record.pid, record.stopSignal, LEFTOVER_GRACE_MS);
  const how = outcome === 'killed' ? `did not stop on ${record.stopSignal}, killed` : `stopped (${record.stopSignal})`;
  logger.log(`  ${record.name}: leftover pid ${record.pid} ${how}`);
}
