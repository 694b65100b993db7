import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cpuMeter, stackProcesses } from '../../bench/support/cpu';
import { PID_NAMES, PidFiles } from '../../src/launcher/pid-files';
import { cpuSeconds } from '../../src/launcher/process-info';

describe('the bench’s CPU accounting', () => {
  it('reads a process’s CPU time from /proc, and nothing for a process that is not there', () => {
    const before = cpuSeconds(process.pid)!;
    const until = Date.now() + 300;
    while (Date.now() < until); // busy for 0.3 s
    const after = cpuSeconds(process.pid)!;
    expect(after - before).toBeGreaterThanOrEqual(0.2);
    expect(after - before).toBeLessThan(5);
    expect(cpuSeconds(2 ** 22 + 1)).toBeUndefined();
  });

  it('finds the stack’s processes by the pid files npm start keeps, and meters each between start and stop', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'bench-cpu-'));
    try {
      new PidFiles(dataDir).record(PID_NAMES.temporalDevServer, process.pid);
      expect(stackProcesses(dataDir)).toEqual({ product: undefined, temporal: process.pid });

      const meter = cpuMeter(stackProcesses(dataDir));
      const until = Date.now() + 200;
      while (Date.now() < until);
      const used = meter.stop();
      expect(used.product).toBeUndefined();
      expect(used.temporal).toBeGreaterThanOrEqual(0.1);
      expect(used.bench).toBeGreaterThanOrEqual(0.1);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
