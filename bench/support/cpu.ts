import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PidFiles } from '../../src/launcher/pid-files';
import { PROJECT_ROOT } from './paths';

/** Clock ticks per second of /proc's CPU times (100 on every Linux this runs on, asked once to be sure). */
const TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/**
 * CPU-seconds a process has used so far, all its threads, user and system
 * (`/proc/<pid>/stat`); undefined where there is no such process or no /proc.
 */
export function cpuSeconds(pid: number | undefined): number | undefined {
  if (!pid) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which may itself hold spaces and parentheses: utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/**
 * The processes of an embedded stack, from the pid files `npm start` keeps in its data folder:
 * the product's own process (API, worker and sandboxes) and its Temporal dev server.
 */
export function stackProcesses(dataDir: string): { product?: number; temporal?: number } {
  const pids = new PidFiles(dataDir);
  return { product: pids.read('launcher')?.pid, temporal: pids.read('temporal-dev-server')?.pid };
}

/** Where `npm start` keeps its data when the bench attaches to it: its own default unless told otherwise. */
export function attachedDataDir(): string {
  return process.env.EMBEDDED_DATA_DIR ?? join(PROJECT_ROOT, '.data');
}

/** CPU-seconds used between `start` and `stop` by each process named (and by the bench itself). */
export function cpuMeter(pids: Record<string, number | undefined>) {
  const read = (): Record<string, number | undefined> => {
    const own = process.cpuUsage();
    return {
      ...Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuSeconds(pid)])),
      bench: (own.user + own.system) / 1e6,
    };
  };
  const before = read();
  return {
    stop(): Record<string, number | undefined> {
      const after = read();
      return Object.fromEntries(
        Object.entries(after).map(([name, value]) => {
          const was = before[name];
          return [name, value === undefined || was === undefined ? undefined : value - was];
        }),
      );
    },
  };
}
