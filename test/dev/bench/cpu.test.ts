import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cpuMeter, stackProcesses } from '../../../dev/bench/support/cpu';
import { PID_NAMES, PidFiles } from '../../../dev/launcher/pid-files';
import { cpuSeconds } from '../../../dev/launcher/process-info';

/**
 * Spins until this process has used `seconds` more of CPU by its own account: a wall-clock wait
 * gets less CPU on a loaded machine (it did in CI, with the suite's other workers beside it).
 */
function burn(seconds: number): number {
  const own = () => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1e6;
  };
  const start = own();
  while (own() - start < seconds);
  return own() - start;
}

describe('the bench’s CPU accounting', () => {
  it('reads a process’s CPU time from /proc as the process itself counts it, and nothing for one that is not there', () => {
    const before = cpuSeconds(process.pid)!;
    const burnt = burn(0.3);
    const read = cpuSeconds(process.pid)! - before;
    // /proc counts in clock ticks (10 ms): the two agree to a few of them.
    expect(read).toBeGreaterThanOrEqual(burnt - 0.05);
    expect(read).toBeLessThan(burnt + 0.2);
    expect(cpuSeconds(2 ** 22 + 1)).toBeUndefined();
  });

  it('finds the stack’s processes by the pid files npm start keeps, and meters each between start and stop', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'bench-cpu-'));
    try {
      new PidFiles(dataDir).record(PID_NAMES.temporalDevServer, process.pid);
      expect(stackProcesses(dataDir)).toEqual({ product: undefined, temporal: process.pid });

      const meter = cpuMeter(stackProcesses(dataDir));
      const burnt = burn(0.2);
      const used = meter.stop();
      expect(used.product).toBeUndefined();
      expect(used.temporal).toBeGreaterThanOrEqual(burnt - 0.05);
      expect(used.bench).toBeGreaterThanOrEqual(burnt);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
