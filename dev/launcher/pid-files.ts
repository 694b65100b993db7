import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ProcessIdentity, readProcess } from './process-info';

/** The pid files' names: the launcher's own, and those of the processes `npm start` starts beside it. */
export const PID_NAMES = {
  launcher: 'launcher',
  postgres: 'postgres',
  temporalDevServer: 'temporal-dev-server',
} as const;

/** A process a launcher started, as written to `<dataDir>/pids/<name>.pid`. */
export interface PidRecord extends ProcessIdentity {
  name: string;
  /** The signal that stops it cleanly (PostgreSQL: SIGINT, a fast shutdown). */
  stopSignal: NodeJS.Signals;
}

/**
 * One pid file per process a launcher started, in its data folder. They outlive
 * a launcher killed with SIGKILL, so the next start can find what it left behind.
 * A file holds the process's start time and command line besides the pid, so a
 * pid reused by some other process is never mistaken for ours.
 */
export class PidFiles {
  readonly dir: string;

  constructor(dataDir: string) {
    this.dir = join(dataDir, 'pids');
  }

  /** Records a running process; false if it is already gone. */
  record(name: string, pid: number, stopSignal: NodeJS.Signals = 'SIGTERM'): boolean {
    const identity = readProcess(pid);
    if (!identity) return false;
    mkdirSync(this.dir, { recursive: true });
    const record: PidRecord = { name, stopSignal, ...identity };
    writeFileSync(this.path(name), `${JSON.stringify(record, null, 2)}\n`);
    return true;
  }

  remove(name: string): void {
    rmSync(this.path(name), { force: true });
  }

  read(name: string): PidRecord | undefined {
    try {
      return JSON.parse(readFileSync(this.path(name), 'utf8')) as PidRecord;
    } catch {
      return undefined;
    }
  }

  /** Every record, an unreadable file included as a record without a process. */
  list(): PidRecord[] {
    let files: string[];
    try {
      files = readdirSync(this.dir).filter((file) => file.endsWith('.pid'));
    } catch {
      return [];
    }
    return files.map(
      (file) =>
        this.read(file.slice(0, -4)) ?? {
          name: file.slice(0, -4),
          pid: 0,
          startTime: '',
          cmdline: [],
          stopSignal: 'SIGTERM',
        },
    );
  }

  private path(name: string): string {
    return join(this.dir, `${name}.pid`);
  }
}
