import type { DataSource } from 'typeorm';
import type { IntegrationSystem } from '../../src/config/integrations';
import type { SandboxConfig } from './config';
import { SandboxCivilRegistry } from './civil-registry/sandbox';
import { SandboxPrintCentre } from './print-centre/sandbox';
import { SandboxSadad } from './sadad/sandbox';
import { SandboxSaudiPost } from './saudi-post/sandbox';
import { SandboxSmsGateway } from './sms/sandbox';
import { SandboxWasel } from './wasel/sandbox';
import { SandboxFaults } from './fault-control';
import { FaultInjector } from './faults';
import { seededRandom } from './random';

/** The six sandboxes, with the controls a test or demo uses to play the outside world (pay, subscribe, read SMS). */
export interface Sandboxes {
  registry: SandboxCivilRegistry;
  sadad: SandboxSadad;
  printCentre: SandboxPrintCentre;
  wasel: SandboxWasel;
  saudiPost: SandboxSaudiPost;
  sms: SandboxSmsGateway;
}

/** How systems are named in errors and wire paths. */
export const SYSTEM_NAMES: Record<IntegrationSystem, string> = {
  civilRegistry: 'civil-registry',
  sadad: 'sadad',
  printCentre: 'print-centre',
  wasel: 'wasel',
  saudiPost: 'saudi-post',
  sms: 'sms',
};

/**
 * Builds the sandboxes on `db`, the sandboxes' own pool; every random choice comes from a stream of
 * `config.seed`. Each call makes a fresh set with streams of its own, as each process of a deployment would.
 */
export function createSandboxes(config: SandboxConfig, db: DataSource): Sandboxes {
  const { seed, webhooks, printCentre, saudiPost } = config;
  // Faults as started with (SANDBOX_<SYSTEM>_*) until set at run time, read where every process reads them.
  const control = new SandboxFaults(db, config.faults);
  const faults = (system: IntegrationSystem) =>
    new FaultInjector(SYSTEM_NAMES[system], () => control.current(system), seededRandom(seed, `${system}/faults`));
  return {
    registry: new SandboxCivilRegistry(db, faults('civilRegistry')),
    sadad: new SandboxSadad(db, faults('sadad'), webhooks.baseUrl),
    printCentre: new SandboxPrintCentre(db, faults('printCentre'), seededRandom(seed, 'printCentre/outcomes'), {
      ...printCentre,
      webhookBaseUrl: webhooks.baseUrl,
    }),
    wasel: new SandboxWasel(db, faults('wasel'), webhooks.baseUrl),
    saudiPost: new SandboxSaudiPost(db, faults('saudiPost'), seededRandom(seed, 'saudiPost/fates'), {
      ...saudiPost,
      webhookBaseUrl: webhooks.baseUrl,
    }),
    sms: new SandboxSmsGateway(db, faults('sms')),
  };
}
