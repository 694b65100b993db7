import { Gauge, type Registry } from 'prom-client';
import { RENEWAL_STAGES, type RenewalStage, TERMINAL_STAGES } from '../../../workflows/contract';

export interface StageCount {
  stage: RenewalStage;
  count: number;
  /** Of `count`, those whose stage deadline has passed. */
  pastDeadline: number;
}

/**
 * How many renewals are in each stage, and how many of those still under way
 * are past their stage deadline, from the read model. Counted when Prometheus
 * scrapes, at most once per `maxAgeMs` however many scrapers ask (one grouped
 * count over the stage index), and every stage is reported, zero included, so
 * a stage emptying shows as 0 rather than as a gap.
 */
export class RenewalsByStageGauge {
  private cached?: { at: number; counts: Promise<Map<RenewalStage, StageCount>> };

  constructor(
    registry: Registry,
    private readonly count: () => Promise<StageCount[]>,
    private readonly maxAgeMs = 10_000,
  ) {
    const counts = () => this.counts();
    new Gauge({
      name: 'renewals_by_stage',
      help: 'Renewals currently in each stage (read model)',
      labelNames: ['stage'],
      registers: [registry],
      // prom-client calls this with the gauge as `this` at each scrape.
      async collect() {
        const current = await counts();
        for (const stage of RENEWAL_STAGES) this.set({ stage }, current.get(stage)?.count ?? 0);
      },
    });
    new Gauge({
      name: 'renewals_past_stage_deadline',
      help: 'Renewals under way whose stage deadline has passed, by stage (read model)',
      labelNames: ['stage'],
      registers: [registry],
      async collect() {
        const current = await counts();
        for (const stage of RENEWAL_STAGES.filter((stage) => !TERMINAL_STAGES.has(stage))) {
          this.set({ stage }, current.get(stage)?.pastDeadline ?? 0);
        }
      },
    });
  }

  private counts(): Promise<Map<RenewalStage, StageCount>> {
    const now = Date.now();
    if (!this.cached || now - this.cached.at > this.maxAgeMs) {
      const counts = this.count().then((rows) => new Map(rows.map((row) => [row.stage, row])));
      this.cached = { at: now, counts };
      // A failed count is not kept: the next scrape asks again.
      counts.catch(() => (this.cached = undefined));
    }
    return this.cached.counts;
  }
}
