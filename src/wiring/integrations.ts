import type { DataSource } from 'typeorm';
import type { HttpAdapterConfig, IntegrationsConfig, IntegrationSystem } from '../config/integrations';
import type { Integrations } from '../integrations';
import { HttpCivilRegistry } from '../integrations/civil-registry/http';
import type { CivilRegistry } from '../integrations/civil-registry/port';
import { HttpPrintCentre } from '../integrations/print-centre/http';
import type { PrintCentre } from '../integrations/print-centre/port';
import { HttpSadad } from '../integrations/sadad/http';
import type { Sadad } from '../integrations/sadad/port';
import { HttpSaudiPost } from '../integrations/saudi-post/http';
import type { SaudiPost } from '../integrations/saudi-post/port';
import { HttpSmsGateway } from '../integrations/sms/http';
import type { SmsGateway } from '../integrations/sms/port';
import { HttpWasel } from '../integrations/wasel/http';
import type { Wasel } from '../integrations/wasel/port';
import { createSandboxes } from '../../dev/sandboxes/sandboxes';
import type { PartnerCallMetrics } from '../telemetry/metrics';
import { instrumentPorts } from './instrumented-ports';

/**
 * The adapter of each system, chosen by configuration (`INTEGRATION_<SYSTEM>_MODE`):
 * the sandbox on `dataSource`, or the HTTP adapter for the real endpoint. The
 * two are interchangeable: the same contract tests run against both. This is
 * the one place that knows both sides, so `src/integrations` (ports and
 * adapters) and `dev/sandboxes` (the simulator) never import each other.
 */
export function createIntegrations(
  config: IntegrationsConfig,
  dataSource: DataSource,
  metrics?: PartnerCallMetrics,
): Integrations {
  const sandboxes = createSandboxes(config, dataSource);
  function choose<T>(system: IntegrationSystem, sandbox: T, http: (config: HttpAdapterConfig) => T): T {
    const chosen = config.systems[system];
    return chosen.mode === 'http' ? http(chosen.http) : sandbox;
  }
  const integrations: Integrations = {
    registry: choose<CivilRegistry>('civilRegistry', sandboxes.registry, (http) => new HttpCivilRegistry(http)),
    sadad: choose<Sadad>('sadad', sandboxes.sadad, (http) => new HttpSadad(http)),
    printCentre: choose<PrintCentre>('printCentre', sandboxes.printCentre, (http) => new HttpPrintCentre(http)),
    wasel: choose<Wasel>('wasel', sandboxes.wasel, (http) => new HttpWasel(http)),
    saudiPost: choose<SaudiPost>('saudiPost', sandboxes.saudiPost, (http) => new HttpSaudiPost(http)),
    sms: choose<SmsGateway>('sms', sandboxes.sms, (http) => new HttpSmsGateway(http)),
  };
  // Timed, counted and traced per call (src/wiring/instrumented-ports.ts) when the process keeps metrics.
  return metrics ? instrumentPorts(integrations, metrics) : integrations;
}

/** The factory the API's Nest module builds its ports with, on the API's own connection. */
export function integrationsFactory(
  config: IntegrationsConfig,
): (dataSource: DataSource, metrics?: PartnerCallMetrics) => Integrations {
  return (dataSource, metrics) => createIntegrations(config, dataSource, metrics);
}
