import { Counter, type Registry } from 'prom-client';

/** Old passports presented at the counter that did not match the record, by office (the API sees each answer). */
export class CounterCheckMetrics {
  private readonly mismatches: Counter<'office'>;

  constructor(registry: Registry) {
    this.mismatches = new Counter({
      name: 'renewal_counter_mismatches_total',
      help: 'Counter verifications where the presented old passport did not match, by office',
      labelNames: ['office'],
      registers: [registry],
    });
  }

  mismatch(officeId: string): void {
    this.mismatches.inc({ office: officeId });
  }
}
