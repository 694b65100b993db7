import { setTimeout as delay } from 'node:timers/promises';
import type { FaultConfig } from './config';
import type { RunTimeFaults } from './fault-control';
import { permanentFailure, TransientIntegrationError } from '../../src/integrations/errors';
import type { Random } from './random';

/** How long a hanging sandbox keeps a call: past every caller's timeout (an activity's 30 s, HTTP's 10 s). */
export const HANG_MS = 60_000;
/** How often a hanging call looks whether the hang was cleared. */
const HANG_CHECK_MS = 250;

/** Where the faults come from: fixed, or read at each call (set at run time, see fault-control.ts). */
export type FaultSource = FaultConfig | (() => Promise<RunTimeFaults>);

/**
 * Makes a sandbox answer the way a real partner sometimes does: slowly, with
 * an error, with a timeout after the work was done, with a refusal, or not at
 * all (a hang). One roll per call decides, from the sandbox's seeded stream.
 */
export class FaultInjector {
  constructor(
    private readonly system: string,
    private readonly faults: FaultSource,
    private readonly random: Random,
  ) {}

  async call<T>(operation: string, perform: () => Promise<T>): Promise<T> {
    const faults = await this.current();
    if (faults.hang) {
      await this.hang();
      // The caller gave up long ago; an answer, if any, would find no one waiting.
      throw new TransientIntegrationError(this.system, operation, 'injected hang (no answer in time)');
    }
    if (faults.latencyMs > 0) await delay(faults.latencyMs);
    const roll = this.random();
    const { errorRate, timeoutRate, permanentErrorRate } = faults;
    if (roll < errorRate) {
      throw new TransientIntegrationError(this.system, operation, 'injected error (service unavailable)');
    }
    if (roll < errorRate + timeoutRate) {
      // The partner did the work but its answer never arrived: only idempotent callers survive this.
      await perform();
      throw new TransientIntegrationError(this.system, operation, 'injected timeout (no answer received)');
    }
    if (roll < errorRate + timeoutRate + permanentErrorRate) {
      throw permanentFailure('PartnerRejected', `${this.system} refused ${operation} (injected permanent error)`, {
        system: this.system,
        operation,
      });
    }
    return perform();
  }

  private async current(): Promise<Partial<RunTimeFaults> & FaultConfig> {
    return typeof this.faults === 'function' ? this.faults() : this.faults;
  }

  /** Until HANG_MS have passed or the hang is cleared, whichever comes first (a worker stopping waits for it). */
  private async hang(): Promise<void> {
    const until = Date.now() + HANG_MS;
    while (Date.now() < until) {
      await delay(HANG_CHECK_MS);
      if (!(await this.current()).hang) return;
    }
  }
}
