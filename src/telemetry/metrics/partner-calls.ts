import { Counter, Histogram, type Registry } from 'prom-client';

export type PartnerCallOutcome = 'ok' | 'transient' | 'permanent';

export interface PartnerCall {
  /** civil-registry, sadad, print-centre, wasel, saudi-post, sms */
  system: string;
  /** The port's method, e.g. issueBill. */
  operation: string;
  seconds: number;
  outcome: PartnerCallOutcome;
  /** A failure's stable type (e.g. PartnerUnavailable, BillAlreadyPaid). */
  failureType?: string;
}

/** Calls to the partner systems through their ports, by system and operation, from the API and the worker alike. */
export class PartnerCallMetrics {
  private readonly duration: Histogram<'system' | 'operation' | 'outcome'>;
  private readonly failures: Counter<'system' | 'operation' | 'kind' | 'type'>;

  constructor(registry: Registry) {
    this.duration = new Histogram({
      name: 'partner_call_duration_seconds',
      help: 'Calls to partner systems through their ports, by system, operation and outcome',
      labelNames: ['system', 'operation', 'outcome'],
      buckets: [0.005, 0.025, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    });
    this.failures = new Counter({
      name: 'partner_call_failures_total',
      help: 'Failed partner calls by system, operation, kind (transient: retried; permanent: refused) and type',
      labelNames: ['system', 'operation', 'kind', 'type'],
      registers: [registry],
    });
  }

  record(call: PartnerCall): void {
    const { system, operation, outcome } = call;
    this.duration.observe({ system, operation, outcome }, call.seconds);
    if (outcome !== 'ok') {
      this.failures.inc({ system, operation, kind: outcome, type: call.failureType ?? 'Unknown' });
    }
  }
}
