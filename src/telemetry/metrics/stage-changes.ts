import { Counter, Histogram, type Registry } from 'prom-client';
import type { RenewalStage } from '../../../workflows/contract';

/** A stage change as the read model applied it (a retried write that changed nothing is not one). */
export interface AppliedStageChange {
  stage: RenewalStage;
  at: Date;
  /** The stage the renewal was in before, and since when; unset for its first change. */
  previous?: { stage: RenewalStage; enteredAt: Date };
  /** This change is the delivery SLA's breach. */
  slaBreach: boolean;
}

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * What the renewals do, recorded by the worker at each stage change: stages
 * entered (throughput: `COMPLETED`), time spent in each stage, delivery SLA
 * breaches, losses in transit and reissues.
 */
export class StageChangeMetrics {
  private readonly entered: Counter<'stage'>;
  private readonly duration: Histogram<'stage'>;
  private readonly slaBreaches: Counter;
  private readonly losses: Counter;
  private readonly reissues: Counter;

  constructor(registry: Registry) {
    const registers = [registry];
    this.entered = new Counter({
      name: 'renewal_stage_entered_total',
      help: 'Renewals entering each stage (COMPLETED: renewals done)',
      labelNames: ['stage'],
      registers,
    });
    this.duration = new Histogram({
      name: 'renewal_stage_duration_seconds',
      help: 'Time renewals spent in a stage, recorded when they leave it',
      labelNames: ['stage'],
      buckets: [
        1,
        10,
        MINUTE,
        5 * MINUTE,
        15 * MINUTE,
        HOUR,
        4 * HOUR,
        12 * HOUR,
        DAY,
        2 * DAY,
        3 * DAY,
        7 * DAY,
        14 * DAY,
      ],
      registers,
    });
    this.slaBreaches = new Counter({
      name: 'renewal_sla_breaches_total',
      help: 'Home deliveries past the carrier’s delivery SLA',
      registers,
    });
    this.losses = new Counter({ name: 'renewal_losses_total', help: 'Passports lost in transit', registers });
    this.reissues = new Counter({
      name: 'renewal_reissues_total',
      help: 'Replacement passports printed after a loss',
      registers,
    });
  }

  record(change: AppliedStageChange): void {
    const { stage, previous } = change;
    if (change.slaBreach) this.slaBreaches.inc();
    if (previous?.stage === stage) return;
    this.entered.inc({ stage });
    if (previous) {
      this.duration.observe({ stage: previous.stage }, (change.at.getTime() - previous.enteredAt.getTime()) / 1000);
    }
    if (stage === 'LOST') this.losses.inc();
    if (stage === 'REISSUING') this.reissues.inc();
  }
}
