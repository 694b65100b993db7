import { setTimeout as delay } from 'node:timers/promises';
import type { FaultConfig } from './config';
import { permanentFailure, TransientIntegrationError } from '../../src/integrations/errors';
import type { Random } from './random';

/**
 * Makes a sandbox answer the way a real partner sometimes does: slowly, with
 * an error, with a timeout after the work was done, or with a refusal. One
 * roll per call decides, from the sandbox's seeded stream.
 */
export class FaultInjector {
  constructor(
    private readonly system: string,
    private readonly faults: FaultConfig,
    private readonly random: Random,
  ) {}

  async call<T>(operation: string, perform: () => Promise<T>): Promise<T> {
    if (this.faults.latencyMs > 0) await delay(this.faults.latencyMs);
    const roll = this.random();
    const { errorRate, timeoutRate, permanentErrorRate } = this.faults;
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
}
