import { Gauge, type Registry } from 'prom-client';
import { RENEWAL_STAGES, type RenewalStage } from '../../../workflows/contract';

export type StageCounts = Partial<Record<RenewalStage, number>>;

/**
 * How many renewals are in each stage, from the read model. Counted when
 * Prometheus scrapes, at most once per `maxAgeMs` however many scrapers ask
 * (one grouped count over the stage index), and every stage is reported, zero
 * included, so a stage emptying shows as 0 rather than as a gap.
 */
export class RenewalsByStageGauge {
  private cached?: { at: number; counts: Promise<StageCounts> };

  constructor(
    registry: Registry,
    private readonly count: () => Promise<StageCounts>,
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
        for (const stage of RENEWAL_STAGES) this.set({ stage }, current[stage] ?? 0);
      },
    });
  }

  private counts(): Promise<StageCounts> {
    const now = Date.now();
    if (!this.cached || now - this.cached.at > this.maxAgeMs) {
      const counts = this.count();
      this.cached = { at: now, counts };
      // A failed count is not kept: the next scrape asks again.
      counts.catch(() => (this.cached = undefined));
    }
    return this.cached.counts;
  }
}
