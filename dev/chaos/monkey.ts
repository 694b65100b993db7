import { setTimeout as sleep } from 'node:timers/promises';
import type { LauncherLogger } from '../launcher/logger';
import type { ChaosMode, ChaosPlan } from './options';

/** What a chaos step does to one process. */
export type ChaosAction = 'kill' | 'restart';

export interface ChaosEvent {
  /** When, in ms after the first renewal started; a step starts no earlier, and after the one before. */
  atMs: number;
  action: ChaosAction;
  /** A process of the run: `worker-1`, `api-2`, `temporal` (the dev server), `history`, `matching`, `frontend`. */
  target: string;
}

export interface ChaosEventResult extends ChaosEvent {
  startedAtMs: number;
  /** From the kill or the stop until the process was ready again. */
  downMs: number;
  error?: string;
}

/** What the monkey needs of the running system: `RunningCluster`'s process handles. */
export interface ProcessControl {
  processes(): string[];
  pid(name: string): number | undefined;
  kill(name: string, signal?: NodeJS.Signals): Promise<void>;
  restart(name: string): Promise<void>;
}

/**
 * The chaos of a run, spread evenly over the arrival window: worker kills fill the gaps between
 * the rarer steps, which sit at fixed fractions of the window so they never fall together (a
 * Temporal restart at a third and two thirds, the APIs at a quarter and three quarters, history and
 * matching around the middle). Kills are SIGKILL (a crash) followed by a start; restarts are a
 * clean stop (SIGTERM, as an orchestrator rolls a process) and a start.
 */
export function planChaos(plan: ChaosPlan, mode: ChaosMode, windowMs: number): ChaosEvent[] {
  const fixed: Array<{ at: number; action: ChaosAction; target: string }> = [];
  const spread = (count: number, from: number, to: number) =>
    Array.from({ length: count }, (_, i) => from + ((to - from) * (i + 1)) / (count + 1));
  const temporal = mode === 'cluster' ? 'frontend' : 'temporal';
  for (const at of spread(plan.temporalRestarts, 0, 1)) fixed.push({ at, action: 'restart', target: temporal });
  for (let round = 0; round < plan.apiRestarts; round++) {
    const [first, second] = spread(2, round / plan.apiRestarts, (round + 1) / plan.apiRestarts);
    // Offset from the Temporal restarts' thirds: a quarter and three quarters of each round.
    fixed.push({ at: first - (second - first) / 4, action: 'restart', target: 'api-1' });
    fixed.push({ at: second + (second - first) / 4, action: 'restart', target: 'api-2' });
  }
  if (mode === 'cluster') {
    for (const at of spread(plan.historyKills, 0.3, 0.6))
      fixed.push({ at: at + 0.02, action: 'kill', target: 'history' });
    for (const at of spread(plan.matchingKills, 0.4, 0.7))
      fixed.push({ at: at + 0.02, action: 'kill', target: 'matching' });
  }
  const workers = spread(plan.workerKills, 0, 1).map((at, i) => ({
    at,
    action: 'kill' as const,
    target: `worker-${1 + (i % 2)}`,
  }));
  return [...fixed, ...workers]
    .sort((a, b) => a.at - b.at)
    .map(({ at, action, target }) => ({ atMs: Math.round(at * windowMs), action, target }));
}

/**
 * Deals out the planned chaos, one step at a time, while the renewals run; and watches that every
 * process it did not touch stays up: one that dies on its own is counted, and started again so the
 * run can go on. `stop` ends it early (Ctrl-C, a failed run).
 */
export class ChaosMonkey {
  readonly results: ChaosEventResult[] = [];
  /** Processes found dead that no step had touched, with when. */
  readonly unexpectedExits: Array<{ name: string; atMs: number }> = [];
  private stopped = false;
  /** Processes a step or the watch is stopping or starting right now. */
  private readonly busy = new Set<string>();
  private dealt?: Promise<void>;
  private watched?: Promise<void>;

  constructor(
    private readonly control: ProcessControl,
    private readonly events: readonly ChaosEvent[],
    private readonly logger: LauncherLogger,
  ) {}

  start(startedAt: number): void {
    this.dealt = this.deal(startedAt);
    this.watched = this.watch(startedAt);
  }

  /** Resolves once every step has been dealt out (or the monkey was stopped). */
  async finished(): Promise<void> {
    await this.dealt;
  }

  /** Deals out no more steps, stops watching, and waits for a step under way. */
  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all([this.dealt, this.watched]);
  }

  private async deal(startedAt: number): Promise<void> {
    for (const event of this.events) {
      while (!this.stopped && Date.now() - startedAt < event.atMs) await sleep(200);
      if (this.stopped) return;
      await this.apply(event, startedAt);
    }
  }

  private async apply(event: ChaosEvent, startedAt: number): Promise<void> {
    while (this.busy.has(event.target)) await sleep(200);
    this.busy.add(event.target);
    const began = Date.now();
    const result: ChaosEventResult = { ...event, startedAtMs: began - startedAt, downMs: 0 };
    try {
      if (event.action === 'kill') await this.control.kill(event.target, 'SIGKILL');
      await this.control.restart(event.target);
    } catch (error) {
      result.error = error instanceof Error ? error.message.split('\n')[0] : String(error);
    }
    result.downMs = Date.now() - began;
    this.results.push(result);
    this.busy.delete(event.target);
    const how = event.action === 'kill' ? 'SIGKILL, started again' : 'restarted';
    this.logger.log(
      `chaos ${this.results.length}/${this.events.length} at ${Math.round(result.startedAtMs / 1000)} s: ` +
        `${event.target} ${how}, back after ${(result.downMs / 1000).toFixed(1)} s${result.error ? ` (FAILED: ${result.error})` : ''}`,
    );
  }

  private async watch(startedAt: number): Promise<void> {
    while (!this.stopped) {
      await sleep(1_000);
      for (const name of this.control.processes()) {
        if (this.stopped || this.busy.has(name) || this.control.pid(name) !== undefined) continue;
        this.unexpectedExits.push({ name, atMs: Date.now() - startedAt });
        this.logger.warn(`${name} died on its own; starting it again`);
        this.busy.add(name);
        await this.control.restart(name).catch((error) => this.logger.error(`restarting ${name}: ${String(error)}`));
        this.busy.delete(name);
      }
    }
  }
}
