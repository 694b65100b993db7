import { embeddedDataDir } from '../../embedded/config';
import { PID_NAMES, PidFiles } from '../../launcher/pid-files';
import { cpuSeconds } from '../../launcher/process-info';

/**
 * The processes of an embedded stack, from the pid files `npm start` keeps in its data folder:
 * the product's own process (API, worker and sandboxes) and its Temporal dev server.
 */
export function stackProcesses(dataDir: string): { product?: number; temporal?: number } {
  const pids = new PidFiles(dataDir);
  return { product: pids.read(PID_NAMES.launcher)?.pid, temporal: pids.read(PID_NAMES.temporalDevServer)?.pid };
}

/** Where the `npm start` the bench attaches to keeps its data: the same setting, read the same way. */
export const attachedDataDir = () => embeddedDataDir(process.env);

/** CPU-seconds used between now and `stop` by each process named (undefined if it could not be read) and by the bench. */
export function cpuMeter(pids: Record<string, number | undefined>) {
  const read = (): Record<string, number | undefined> => {
    const own = process.cpuUsage();
    return {
      ...Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, pid ? cpuSeconds(pid) : undefined])),
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
