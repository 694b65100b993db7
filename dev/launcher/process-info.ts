import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * What Linux knows of a running process, read from /proc: enough to tell that a
 * pid still names the very process we started (pids are reused), not merely one
 * that holds the same number now.
 */
export interface ProcessIdentity {
  pid: number;
  /** Clock ticks after boot at which the process started (field 22 of /proc/<pid>/stat). */
  startTime: string;
  /** Its command line, argument by argument. */
  cmdline: string[];
}

/** The fields of /proc/<pid>/stat from field 3 (state) on; undefined for a process that is not there. */
function statFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may itself hold spaces or parentheses.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

export function readProcess(pid: number): ProcessIdentity | undefined {
  try {
    const fields = statFields(pid);
    // fields[0] is field 3 (state); a zombie has exited and only waits for its parent.
    if (!fields || fields[0] === 'Z') return undefined;
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    return { pid, startTime: fields[19], cmdline };
  } catch {
    return undefined;
  }
}

let ticksPerSecond: number | undefined;

/** CPU-seconds the process has used so far, all its threads, user and system (fields 14 and 15); undefined if gone. */
export function cpuSeconds(pid: number): number | undefined {
  const fields = statFields(pid);
  if (!fields) return undefined;
  // Asked once, when first needed (100 on every Linux this runs on).
  ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
}

export function isAlive(pid: number): boolean {
  return readProcess(pid) !== undefined;
}

/** The same process as the one recorded: same start time and same command line. */
export function isSameProcess(recorded: ProcessIdentity): boolean {
  const now = readProcess(recorded.pid);
  return (
    now !== undefined && now.startTime === recorded.startTime && now.cmdline.join('\0') === recorded.cmdline.join('\0')
  );
}

/** Resolves once the process is gone, or after `timeoutMs` with false. */
export async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}

/** Sends `signal`, then SIGKILL if the process has not exited after `graceMs`. Returns how it ended. */
export async function terminate(
  pid: number,
  signal: NodeJS.Signals,
  graceMs: number,
): Promise<'already gone' | 'stopped' | 'killed'> {
  if (!sendSignal(pid, signal)) return 'already gone';
  if (await waitForExit(pid, graceMs)) return 'stopped';
  sendSignal(pid, 'SIGKILL');
  await waitForExit(pid, 5_000);
  return 'killed';
}

function sendSignal(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(pid, signal);
    return true;
  } catch {
    return false;
  }
}
