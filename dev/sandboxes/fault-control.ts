import type { DataSource } from 'typeorm';
import { INTEGRATION_SYSTEMS, type IntegrationSystem } from '../../src/config/integrations';
import type { FaultConfig } from './config';

/** A system's faults as they stand: those of the start-up configuration, and `hang`, set at run time only. */
export interface RunTimeFaults extends FaultConfig {
  /** Every call waits past its callers' timeouts (the HTTP adapters' 10 s, an activity's 30 s) and fails. */
  hang: boolean;
}

export interface SystemFaults extends RunTimeFaults {
  /** Whether these were set at run time (`fault clear` goes back to the start-up configuration). */
  setAtRunTime: boolean;
}

/** How long a process goes on with the faults it read last: a fault set reaches every process within this. */
export const FAULT_CACHE_MS = 1_000;

/**
 * The faults each sandbox injects, settable at run time (PUT /sandbox/faults/<system>, `npm run sandbox --
 * fault …`) without a restart. They are kept in the sandbox schema (`fault_overrides`), not in a process:
 * `npm start` runs a set of sandboxes for the API and another for the worker, and `npm run start:sandboxes`
 * its own, and a fault set through any of them must reach the one whose partner call it is about. Each set
 * reads the table at most once per FAULT_CACHE_MS, and only while it is being called.
 */
export class SandboxFaults {
  private read?: { at: number; overrides: Promise<Map<string, RunTimeFaults>> };
  private lastKnown = new Map<string, RunTimeFaults>();

  constructor(
    private readonly db: DataSource,
    private readonly startUp: Record<IntegrationSystem, FaultConfig>,
    private readonly cacheMs = FAULT_CACHE_MS,
  ) {}

  /** What `system`'s sandbox injects now (at most FAULT_CACHE_MS old). */
  async current(system: IntegrationSystem): Promise<RunTimeFaults> {
    if (!this.read || Date.now() - this.read.at >= this.cacheMs) {
      this.read = { at: Date.now(), overrides: this.overrides() };
    }
    return (await this.read.overrides).get(system) ?? { ...this.startUp[system], hang: false };
  }

  /** Every system's faults, read afresh. */
  async all(): Promise<Record<IntegrationSystem, SystemFaults>> {
    const overrides = await this.overrides(true);
    const all = {} as Record<IntegrationSystem, SystemFaults>;
    for (const system of INTEGRATION_SYSTEMS) {
      const set = overrides.get(system);
      all[system] = { ...(set ?? { ...this.startUp[system], hang: false }), setAtRunTime: set !== undefined };
    }
    return all;
  }

  /** Changes some of `system`'s faults, the others as they stand; refuses rates that add up to more than 1. */
  async set(system: IntegrationSystem, change: Partial<RunTimeFaults>): Promise<SystemFaults> {
    const { setAtRunTime: _, ...before } = (await this.all())[system];
    const faults: RunTimeFaults = { ...before, ...change };
    if (faults.errorRate + faults.timeoutRate + faults.permanentErrorRate > 1) {
      throw new RangeError('errorRate, timeoutRate and permanentErrorRate must add up to at most 1');
    }
    await this.db.query(
      `INSERT INTO sandbox.fault_overrides (system, faults) VALUES ($1, $2)
       ON CONFLICT (system) DO UPDATE SET faults = EXCLUDED.faults, set_at = now()`,
      [system, JSON.stringify(faults)],
    );
    this.read = undefined;
    return { ...faults, setAtRunTime: true };
  }

  /** Back to the start-up configuration, for `system` or every system. */
  async clear(system?: IntegrationSystem): Promise<void> {
    if (system) await this.db.query(`DELETE FROM sandbox.fault_overrides WHERE system = $1`, [system]);
    else await this.db.query(`DELETE FROM sandbox.fault_overrides`);
    this.read = undefined;
  }

  /**
   * The table's rows; when it cannot be read (the database restarting, say), the sandboxes go on with the
   * faults read last rather than fail calls the fault setting did not ask to fail.
   */
  private async overrides(strict = false): Promise<Map<string, RunTimeFaults>> {
    try {
      const rows: Array<{ system: string; faults: RunTimeFaults }> = await this.db.query(
        `SELECT system, faults FROM sandbox.fault_overrides`,
      );
      this.lastKnown = new Map(rows.map((row) => [row.system, row.faults]));
    } catch (error) {
      if (strict) throw error;
    }
    return this.lastKnown;
  }
}
