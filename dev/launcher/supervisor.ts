import { type ChildProcess, spawn } from 'node:child_process';
import type { LauncherLogger } from './logger';
import { LogFiles } from './log-files';
import type { DataDirClaim } from './recovery';
import { waitUntil } from './readiness';
import { terminate } from './process-info';

/** How to run one long-lived process of a launcher. */
export interface ProcessSpec {
  /** Unique within the launcher: names its log file, its pid file and its handle (`kill('history')`). */
  name: string;
  command: string;
  args: string[];
  /** The child's whole environment (unset: this process's). */
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Run as this user (PostgreSQL refuses root). */
  uid?: number;
  gid?: number;
  /** Polled with the process's pid until it answers true: the process is up. */
  ready?: (pid: number) => Promise<boolean>;
  readyTimeoutMs?: number;
  /** The signal that stops it cleanly; SIGTERM by default. */
  stopSignal?: NodeJS.Signals;
  /** After this, a process that has not stopped is killed. */
  stopTimeoutMs?: number;
}

interface Running {
  spec: ProcessSpec;
  child: ChildProcess;
  exited: Promise<void>;
  /** Set when we stop or kill it ourselves, or it is a one-shot command, so its exit is not reported as a crash. */
  expectedExit: boolean;
  /** Until it is ready, an exit fails its start instead of being reported as a crash. */
  ready: boolean;
}

/**
 * Starts and stops the processes of a launcher: each with its own log file and
 * pid file, started in order and waited for until ready, stopped in reverse
 * order. A chaos run can kill and restart any one of them by name.
 *
 * Children run in their own process group, so a Ctrl-C at the terminal reaches
 * the launcher alone, which then stops them in order.
 */
export class Supervisor {
  private readonly specs = new Map<string, ProcessSpec>();
  private readonly running = new Map<string, Running>();
  private readonly order: string[] = [];
  private closed = false;

  constructor(
    readonly logs: LogFiles,
    private readonly claim: DataDirClaim,
    private readonly logger: LauncherLogger,
  ) {}

  /** Starts a process and waits until it is ready; throws with the end of its log if it is not. */
  async start(spec: ProcessSpec): Promise<void> {
    if (this.running.has(spec.name)) throw new Error(`${spec.name} is already running`);
    this.assertOpen(spec.name);
    this.specs.set(spec.name, spec);
    if (!this.order.includes(spec.name)) this.order.push(spec.name);
    const running = this.spawn(spec, false);
    try {
      if (spec.ready) {
        const { ready } = spec;
        await waitUntil(() => ready(running.child.pid ?? 0), {
          what: `${spec.name} (log ${this.logs.path(spec.name)})`,
          timeoutMs: spec.readyTimeoutMs ?? 60_000,
          failFast: () => exitDescription(running.child),
        });
      }
    } catch (error) {
      await this.stop(spec.name);
      throw new Error(`${(error as Error).message}\n${this.logs.tail(spec.name)}`, { cause: error });
    }
    running.ready = true;
  }

  /** Runs a command to completion with its output in its log; throws with the log's end on failure. */
  async run(spec: Omit<ProcessSpec, 'ready'>): Promise<void> {
    this.assertOpen(spec.name);
    const running = this.spawn(spec, true);
    await running.exited;
    this.running.delete(spec.name);
    if (running.child.exitCode !== 0) {
      throw new Error(
        `${spec.name} failed: ${exitDescription(running.child)} (log ${this.logs.path(spec.name)})\n` +
          this.logs.tail(spec.name),
      );
    }
  }

  /** Stops a process cleanly (its stop signal, then SIGKILL after its timeout). */
  async stop(name: string): Promise<void> {
    const running = this.running.get(name);
    if (!running) return;
    running.expectedExit = true;
    const { stopSignal = 'SIGTERM', stopTimeoutMs = 20_000 } = running.spec;
    if (running.child.pid !== undefined && running.child.exitCode === null && running.child.signalCode === null) {
      await terminate(running.child.pid, stopSignal, stopTimeoutMs);
    }
    await running.exited;
  }

  /** Sends a signal (SIGKILL by default: a crash) and waits for the process to exit; it stays down. */
  async kill(name: string, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const running = this.running.get(name);
    if (!running) throw new Error(`${name} is not running`);
    running.expectedExit = true;
    running.child.kill(signal);
    await running.exited;
  }

  /** Stops the process if it runs, then starts it again as before and waits until it is ready. */
  async restart(name: string): Promise<void> {
    const spec = this.specs.get(name);
    if (!spec) throw new Error(`unknown process ${name}; known: ${this.order.join(', ')}`);
    await this.stop(name);
    await this.start(spec);
  }

  /** Stops every process, the last started first, and starts no more. */
  async stopAll(): Promise<void> {
    this.closed = true;
    const oneShots = [...this.running.keys()].filter((name) => !this.order.includes(name));
    for (const name of [...oneShots, ...[...this.order].reverse()]) {
      await this.stop(name).catch((error) => this.logger.error(`stopping ${name}: ${String(error)}`));
    }
  }

  pid(name: string): number | undefined {
    return this.running.get(name)?.child.pid;
  }

  isRunning(name: string): boolean {
    return this.running.has(name);
  }

  /** Every process started so far, in start order. */
  names(): string[] {
    return [...this.order];
  }

  private assertOpen(name: string): void {
    if (this.closed) throw new Error(`not starting ${name}: stopping`);
  }

  private spawn(spec: ProcessSpec, oneShot: boolean): Running {
    const fd = this.logs.open(spec.name, `${spec.command} ${spec.args.join(' ')}`);
    let child: ChildProcess;
    try {
      child = spawn(spec.command, spec.args, {
        cwd: spec.cwd,
        // Unset, the child gets this process's environment.
        env: spec.env,
        uid: spec.uid,
        gid: spec.gid,
        stdio: ['ignore', fd, fd],
        detached: true,
      });
    } finally {
      this.logs.close(fd);
    }
    const exited = new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      // A command that cannot be spawned at all emits 'error' and no 'exit'.
      child.once('error', (error) => {
        this.logs.append(spec.name, `could not start ${spec.command}: ${error.message}`);
        resolve();
      });
    });
    const running: Running = { spec, child, exited, expectedExit: oneShot, ready: false };
    this.running.set(spec.name, running);
    this.claim.record(spec.name, child.pid, spec.stopSignal);
    void exited.then(() => {
      if (this.running.get(spec.name) === running) this.running.delete(spec.name);
      this.claim.forget(spec.name);
      if (running.ready && !running.expectedExit) {
        this.logger.warn(
          `${spec.name} exited unexpectedly: ${exitDescription(child)} (log ${this.logs.path(spec.name)})`,
        );
      }
    });
    return running;
  }
}

function exitDescription(child: ChildProcess): string | undefined {
  if (child.exitCode !== null) return `exited with code ${child.exitCode}`;
  if (child.signalCode !== null) return `killed by ${child.signalCode}`;
  if (child.pid === undefined) return 'could not be started';
  return undefined;
}
