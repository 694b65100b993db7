import type { DataSource } from 'typeorm';

interface Wait<T> {
  resolve(value: T): void;
  reject(error: Error): void;
  deadline: number;
}

interface StageWait extends Wait<string> {
  stages: ReadonlySet<string>;
}

const ENDED = new Set(['COMPLETED', 'REJECTED', 'EXPIRED', 'CANCELLED', 'FAILED']);

/**
 * Watches the stack's database for what a driver waits on (a renewal reaching
 * a stage, a citizen's SADAD bill), with one query per kind every `intervalMs`
 * for all waiting renewals together, so watching 200 renewals costs the product
 * a few cheap queries a second rather than hundreds of API calls.
 */
export class Observer {
  private readonly stageWaits = new Map<string, StageWait>();
  private readonly billWaits = new Map<string, Wait<string>>();
  private timer?: NodeJS.Timeout;
  /** Set when a round is called off: every wait, present or future, fails until `resume`. */
  private cancelled?: Error;
  private polling?: Promise<void>;

  constructor(
    private readonly db: DataSource,
    private readonly intervalMs = 200,
    /** A renewal that never gets there fails its driver instead of hanging the figure. */
    private readonly timeoutMs = 600_000,
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      this.polling ??= this.poll().finally(() => (this.polling = undefined));
    }, this.intervalMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.polling;
  }

  /** Fails every wait, and every wait begun until `resume`: the drivers of a round past its time stop. */
  cancelWaits(reason: string): void {
    this.cancelled = new Error(reason);
    for (const waits of [this.stageWaits, this.billWaits]) {
      for (const wait of waits.values()) wait.reject(this.cancelled);
      waits.clear();
    }
  }

  resume(): void {
    this.cancelled = undefined;
  }

  /** Resolves with the stage once the read model shows one of `stages`; rejects if the renewal ended elsewhere. */
  stage(renewalId: string, ...stages: string[]): Promise<string> {
    return new Promise((resolve, reject) => {
      if (this.cancelled) return reject(this.cancelled);
      this.stageWaits.set(renewalId, {
        stages: new Set(stages),
        resolve: (stage) => (stages.includes(stage) ? resolve(stage) : reject(new Error(`renewal ended ${stage}`))),
        reject,
        deadline: Date.now() + this.timeoutMs,
      });
    });
  }

  /** Resolves with the number of the citizen's unpaid bill once SADAD has issued it. */
  bill(nationalId: string): Promise<string> {
    return new Promise((resolve, reject) => {
      if (this.cancelled) return reject(this.cancelled);
      this.billWaits.set(nationalId, { resolve, reject, deadline: Date.now() + this.timeoutMs });
    });
  }

  private expire(waits: Map<string, Wait<string>>, what: string): void {
    const now = Date.now();
    for (const [key, wait] of waits) {
      if (wait.deadline > now) continue;
      waits.delete(key);
      wait.reject(new Error(`${what} ${key}: still waiting after ${this.timeoutMs} ms`));
    }
  }

  private async poll(): Promise<void> {
    this.expire(this.stageWaits, 'renewal');
    this.expire(this.billWaits, 'bill of');
    if (this.stageWaits.size > 0) {
      const rows: Array<{ renewal_id: string; stage: string }> = await this.db.query(
        'SELECT renewal_id, stage FROM renewals WHERE renewal_id = ANY($1::uuid[])',
        [[...this.stageWaits.keys()]],
      );
      for (const { renewal_id: id, stage } of rows) {
        const wait = this.stageWaits.get(id);
        if (wait && (wait.stages.has(stage) || ENDED.has(stage))) {
          this.stageWaits.delete(id);
          wait.resolve(stage);
        }
      }
    }
    if (this.billWaits.size > 0) {
      const rows: Array<{ national_id: string; bill_number: string }> = await this.db.query(
        `SELECT national_id, bill_number FROM sandbox.sadad_bills WHERE status = 'UNPAID' AND national_id = ANY($1)`,
        [[...this.billWaits.keys()]],
      );
      for (const { national_id: id, bill_number: billNumber } of rows) {
        this.billWaits.get(id)?.resolve(billNumber);
        this.billWaits.delete(id);
      }
    }
  }
}
