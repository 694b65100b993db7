import { collectDefaultMetrics, Registry } from 'prom-client';

/**
 * One Prometheus registry per serving role (`api`, `worker`): `npm start` runs
 * both in one process, and each still serves only its own metrics. Labels never
 * hold personal data: stages, systems, operations, offices, routes and kinds.
 */
export function createMetricsRegistry(role: 'api' | 'worker'): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ role });
  collectDefaultMetrics({ register: registry });
  return registry;
}
