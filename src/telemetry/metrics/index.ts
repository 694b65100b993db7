import type { Registry } from 'prom-client';
import { CounterCheckMetrics } from './counter-checks';
import { HttpRequestMetrics } from './http-requests';
import { PartnerCallMetrics } from './partner-calls';
import { PayloadIntegrityMetrics } from './payload-integrity';
import { createMetricsRegistry } from './registry';
import { StageChangeMetrics } from './stage-changes';

export { CounterCheckMetrics } from './counter-checks';
export { HttpRequestMetrics } from './http-requests';
export { PayloadIntegrityMetrics } from './payload-integrity';
export { type PartnerCall, PartnerCallMetrics, type PartnerCallOutcome } from './partner-calls';
export { RenewalsByStageGauge, type StageCount } from './renewals-by-stage';
export { type AppliedStageChange, StageChangeMetrics } from './stage-changes';

/** What the API serves at /metrics (plus the renewals-by-stage gauge, which it adds over its read model). */
export interface ApiMetrics {
  registry: Registry;
  http: HttpRequestMetrics;
  partnerCalls: PartnerCallMetrics;
  counterChecks: CounterCheckMetrics;
  payloadIntegrity: PayloadIntegrityMetrics;
}

/** What the worker serves at /metrics, beside the Temporal SDK's own metrics. */
export interface WorkerMetrics {
  registry: Registry;
  partnerCalls: PartnerCallMetrics;
  stageChanges: StageChangeMetrics;
  payloadIntegrity: PayloadIntegrityMetrics;
}

export function createApiMetrics(): ApiMetrics {
  const registry = createMetricsRegistry('api');
  return {
    registry,
    http: new HttpRequestMetrics(registry),
    partnerCalls: new PartnerCallMetrics(registry),
    counterChecks: new CounterCheckMetrics(registry),
    payloadIntegrity: new PayloadIntegrityMetrics(registry),
  };
}

export function createWorkerMetrics(): WorkerMetrics {
  const registry = createMetricsRegistry('worker');
  return {
    registry,
    partnerCalls: new PartnerCallMetrics(registry),
    stageChanges: new StageChangeMetrics(registry),
    payloadIntegrity: new PayloadIntegrityMetrics(registry),
  };
}
