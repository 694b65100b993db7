import type { HttpAdapterConfig, IntegrationsConfig, IntegrationSystem } from '../config/integrations';
import { SYSTEM_ENV_STEMS } from '../config/integrations';
import type { Integrations } from '../integrations';
import { HttpCivilRegistry } from '../integrations/civil-registry/http';
import { HttpPrintCentre } from '../integrations/print-centre/http';
import { HttpSadad } from '../integrations/sadad/http';
import { HttpSaudiPost } from '../integrations/saudi-post/http';
import { HttpSmsGateway } from '../integrations/sms/http';
import { HttpWasel } from '../integrations/wasel/http';
import type { PartnerCallMetrics } from '../telemetry/metrics';
import { instrumentPorts } from './instrumented-ports';

/**
 * Adapters a process is handed for the systems configured `sandbox`
 * (INTEGRATION_<SYSTEM>_MODE): the development harness passes the partner
 * simulator's (dev/sandboxes), which the product never builds or imports.
 */
export type HandedAdapters = Partial<Integrations>;

/** Which port of `Integrations` each system is. */
const PORTS: Record<IntegrationSystem, keyof Integrations> = {
  civilRegistry: 'registry',
  sadad: 'sadad',
  printCentre: 'printCentre',
  wasel: 'wasel',
  saudiPost: 'saudiPost',
  sms: 'sms',
};

/**
 * The adapter of each system, chosen by configuration (`INTEGRATION_<SYSTEM>_MODE`):
 * the HTTP adapter for the real endpoint, or the one the process was handed.
 * The two are interchangeable: the same contract tests run against both. The
 * product's entry points hand nothing, so a system left on `sandbox` stops
 * them at start-up with a message saying what to set.
 */
export function createIntegrations(
  config: IntegrationsConfig,
  metrics?: PartnerCallMetrics,
  handed: HandedAdapters = {},
): Integrations {
  function choose<K extends keyof Integrations>(
    system: IntegrationSystem,
    http: (config: HttpAdapterConfig) => Integrations[K],
  ): Integrations[K] {
    const chosen = config.systems[system];
    if (chosen.mode === 'http') return http(chosen.http);
    const adapter = handed[PORTS[system] as K];
    if (adapter) return adapter as Integrations[K];
    const stem = SYSTEM_ENV_STEMS[system];
    throw new Error(
      `INTEGRATION_${stem}_MODE is "sandbox", but this process runs no partner simulator (only the development ` +
        `harness does, e.g. npm start): set INTEGRATION_${stem}_MODE=http and INTEGRATION_${stem}_BASE_URL`,
    );
  }
  const integrations: Integrations = {
    registry: choose<'registry'>('civilRegistry', (http) => new HttpCivilRegistry(http)),
    sadad: choose<'sadad'>('sadad', (http) => new HttpSadad(http)),
    printCentre: choose<'printCentre'>('printCentre', (http) => new HttpPrintCentre(http)),
    wasel: choose<'wasel'>('wasel', (http) => new HttpWasel(http)),
    saudiPost: choose<'saudiPost'>('saudiPost', (http) => new HttpSaudiPost(http)),
    sms: choose<'sms'>('sms', (http) => new HttpSmsGateway(http)),
  };
  // Timed, counted and traced per call (src/wiring/instrumented-ports.ts) when the process keeps metrics.
  return metrics ? instrumentPorts(integrations, metrics) : integrations;
}

/** The factory the API's Nest module builds its ports with, given the API's metrics. */
export function integrationsFactory(
  config: IntegrationsConfig,
  handed: HandedAdapters = {},
): (metrics?: PartnerCallMetrics) => Integrations {
  return (metrics) => createIntegrations(config, metrics, handed);
}
