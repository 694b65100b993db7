import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { Integrations } from '../integrations';
import { IntegrationError } from '../integrations/errors';
import type { PartnerCallMetrics, PartnerCallOutcome } from '../telemetry/metrics';
import { renewalTracer } from '../telemetry/tracing';

/** The systems as metrics and spans name them. */
const SYSTEM_NAMES: Record<keyof Integrations, string> = {
  registry: 'civil-registry',
  sadad: 'sadad',
  printCentre: 'print-centre',
  wasel: 'wasel',
  saudiPost: 'saudi-post',
  sms: 'sms',
};

/**
 * Every call through a partner port, sandbox or HTTP adapter alike, timed and
 * counted by system, operation and outcome (a failure by its kind and type),
 * in a span of its own under the activity or request that made it. Arguments
 * and results are neither recorded nor logged: they hold personal data.
 */
export function instrumentPorts(integrations: Integrations, metrics: PartnerCallMetrics): Integrations {
  const instrumented = {} as Record<keyof Integrations, unknown>;
  for (const key of Object.keys(SYSTEM_NAMES) as Array<keyof Integrations>) {
    instrumented[key] = instrumentPort(SYSTEM_NAMES[key], integrations[key], metrics);
  }
  return instrumented as Integrations;
}

function instrumentPort<T extends object>(system: string, port: T, metrics: PartnerCallMetrics): T {
  return new Proxy(port, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || typeof property !== 'string') return value;
      return (...args: unknown[]) => observed(system, property, metrics, () => value.apply(target, args));
    },
  });
}

async function observed<R>(system: string, operation: string, metrics: PartnerCallMetrics, call: () => R) {
  const started = performance.now();
  return renewalTracer().startActiveSpan(
    `partner:${system}.${operation}`,
    { kind: SpanKind.CLIENT, attributes: { 'partner.system': system, 'partner.operation': operation } },
    async (span) => {
      let outcome: PartnerCallOutcome = 'ok';
      let failureType: string | undefined;
      try {
        return await call();
      } catch (error) {
        outcome = error instanceof IntegrationError ? error.kind : 'transient';
        failureType = error instanceof IntegrationError ? error.type : 'UnexpectedError';
        span.setStatus({ code: SpanStatusCode.ERROR, message: failureType });
        span.setAttribute('partner.failure', `${outcome}:${failureType}`);
        throw error;
      } finally {
        metrics.record({ system, operation, outcome, failureType, seconds: (performance.now() - started) / 1000 });
        span.end();
      }
    },
  );
}
