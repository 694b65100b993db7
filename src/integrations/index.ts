import type { DataSource } from 'typeorm';
import type { HttpAdapterConfig, IntegrationsConfig, IntegrationSystem } from '../config/integrations';
import { HttpCivilRegistry } from './civil-registry/http';
import type { CivilRegistry } from './civil-registry/port';
import { HttpPrintCentre } from './print-centre/http';
import type { PrintCentre } from './print-centre/port';
import { HttpSadad } from './sadad/http';
import type { Sadad } from './sadad/port';
import { createSandboxes } from './sandbox/sandboxes';
import { HttpSaudiPost } from './saudi-post/http';
import type { SaudiPost } from './saudi-post/port';
import { HttpSmsGateway } from './sms/http';
import type { SmsGateway } from './sms/port';
import { HttpWasel } from './wasel/http';
import type { Wasel } from './wasel/port';

/** The six outside systems, each behind its port. */
export interface Integrations {
  registry: CivilRegistry;
  sadad: Sadad;
  printCentre: PrintCentre;
  wasel: Wasel;
  saudiPost: SaudiPost;
  sms: SmsGateway;
}

/**
 * The adapter of each system, chosen by configuration (`INTEGRATION_<SYSTEM>_MODE`):
 * the sandbox on `dataSource`, or the HTTP adapter for the real endpoint. The
 * two are interchangeable: the same contract tests run against both.
 */
export function createIntegrations(config: IntegrationsConfig, dataSource: DataSource): Integrations {
  const sandboxes = createSandboxes(config, dataSource);
  function choose<T>(system: IntegrationSystem, sandbox: T, http: (config: HttpAdapterConfig) => T): T {
    const chosen = config.systems[system];
    return chosen.mode === 'http' ? http(chosen.http) : sandbox;
  }
  return {
    registry: choose<CivilRegistry>('civilRegistry', sandboxes.registry, (http) => new HttpCivilRegistry(http)),
    sadad: choose<Sadad>('sadad', sandboxes.sadad, (http) => new HttpSadad(http)),
    printCentre: choose<PrintCentre>('printCentre', sandboxes.printCentre, (http) => new HttpPrintCentre(http)),
    wasel: choose<Wasel>('wasel', sandboxes.wasel, (http) => new HttpWasel(http)),
    saudiPost: choose<SaudiPost>('saudiPost', sandboxes.saudiPost, (http) => new HttpSaudiPost(http)),
    sms: choose<SmsGateway>('sms', sandboxes.sms, (http) => new HttpSmsGateway(http)),
  };
}
