import type { DataSource } from 'typeorm';
import type { SandboxConfig } from '../config';
import { advancePrintJobs } from '../print-centre/progress';
import { expireDueBills } from '../sadad/expiry';
import { advanceShipments } from '../saudi-post/progress';
import { defaultSandboxLogger, type SandboxLogger } from '../logger';
import { purgeSettledRecords } from './retention';
import { WebhookDispatcher } from './webhook-dispatcher';

export interface SandboxRunnerOptions {
  pollIntervalMs: number;
  batchSize: number;
  retentionMs: number;
  purgeEveryMs: number;
  webhooks: SandboxConfig['webhooks'];
  logger?: SandboxLogger;
}

/**
 * Moves the time-driven sandboxes on: print jobs reach their outcome, shipments
 * take their next carrier event, unpaid bills expire, queued webhooks are
 * delivered, and now and then what is past its retention is deleted. Every step claims due rows with FOR UPDATE SKIP LOCKED, so any
 * number of runners (API replicas, parallel test files) share the work and a
 * row is handled once. Ticks never overlap; `stop` waits for the current one.
 */
export class SandboxRunner {
  private readonly logger: SandboxLogger;
  private readonly dispatcher: WebhookDispatcher;
  private timer?: NodeJS.Timeout;
  private current?: Promise<void>;
  private running = false;
  private lastPurgeAt = 0;

  constructor(
    private readonly db: DataSource,
    private readonly options: SandboxRunnerOptions,
  ) {
    this.logger = options.logger ?? defaultSandboxLogger();
    this.dispatcher = new WebhookDispatcher(db, options.webhooks, options.batchSize, this.logger);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    await this.current;
  }

  /** One pass over every step; a step that fails is logged and retried on the next tick. */
  async tick(): Promise<void> {
    const steps: Array<[string, () => Promise<number>]> = [
      ['print jobs', () => advancePrintJobs(this.db, this.options.batchSize)],
      ['shipments', () => advanceShipments(this.db, this.options.batchSize)],
      ['bill expiry', () => expireDueBills(this.db, this.options.batchSize)],
      ['webhooks', () => this.dispatcher.deliverDue()],
      ['retention', () => this.purgeWhenDue()],
    ];
    for (const [name, step] of steps) {
      try {
        await step();
      } catch (error) {
        // The steps' SQL carries keys and counts only, so the database's message is safe to log.
        this.logger.error(`sandbox runner: ${name} step failed: ${error instanceof Error ? error.message : error}`);
      }
    }
  }

  /** Old records go far less often than the time-driven steps run. */
  private async purgeWhenDue(): Promise<number> {
    if (Date.now() - this.lastPurgeAt < this.options.purgeEveryMs) return 0;
    this.lastPurgeAt = Date.now();
    return purgeSettledRecords(this.db, this.options.retentionMs, this.options.batchSize);
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.current = this.tick().finally(() => {
        if (this.running) this.schedule(this.options.pollIntervalMs);
      });
    }, delayMs);
  }
}

export function createSandboxRunner(config: SandboxConfig, db: DataSource, logger?: SandboxLogger): SandboxRunner {
  return new SandboxRunner(db, { ...config.runner, webhooks: config.webhooks, logger });
}
