import { readdirSync, readFileSync } from 'node:fs';
import { embeddedDataDir } from '../../embedded/config';
import { PID_NAMES, PidFiles } from '../../launcher/pid-files';
import { cpuSeconds } from '../../launcher/process-info';

/**
 * The processes of an embedded stack, from the pid files `npm start` keeps in its data folder:
 * the product's own process (API, worker and sandboxes) and its Temporal dev server.
 */
export function stackProcesses(dataDir: string): { product?: number; temporal?: number; postgres?: number } {
  const pids = new PidFiles(dataDir);
  return {
    product: pids.read(PID_NAMES.launcher)?.pid,
    temporal: pids.read(PID_NAMES.temporalDevServer)?.pid,
    postgres: pids.read(PID_NAMES.postgres)?.pid,
  };
}

/**
 * CPU-seconds of a process and its children now alive: PostgreSQL's postmaster does little itself, its backends
 * (one per connection, children of it) do the work, and a backend's time reaches the postmaster only when it exits.
 */
export function treeCpuSeconds(pid: number): number | undefined {
  const own = cpuSeconds(pid);
  if (own === undefined) return undefined;
  let children = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Field 4 (ppid) is the second after the command name, which is in parentheses.
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid)
        children += cpuSeconds(Number(entry)) ?? 0;
    } catch {
      // gone meanwhile
    }
  }
  return own + children;
}

/** Where the `npm start` the bench attaches to keeps its data: the same setting, read the same way. */
export const attachedDataDir = () => embeddedDataDir(process.env);

/** CPU-seconds used between now and `stop` by each process named (undefined if it could not be read) and by the bench. */
export function cpuMeter(pids: Record<string, number | undefined>, trees: Record<string, number | undefined> = {}) {
  const read = (): Record<string, number | undefined> => {
    const own = process.cpuUsage();
    return {
      ...Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, pid ? cpuSeconds(pid) : undefined])),
      ...Object.fromEntries(Object.entries(trees).map(([name, pid]) => [name, pid ? treeCpuSeconds(pid) : undefined])),
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
