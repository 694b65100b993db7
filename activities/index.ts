import type { DataSource } from 'typeorm';
import type { CivilRegistry } from '../src/integrations/civil-registry/port';
import type { PrintCentre } from '../src/integrations/print-centre/port';
import type { Sadad } from '../src/integrations/sadad/port';
import type { SaudiPost } from '../src/integrations/saudi-post/port';
import type { SmsGateway } from '../src/integrations/sms/port';
import type { Wasel } from '../src/integrations/wasel/port';
import { createAddressActivities } from './address';
import { createDeliveryActivities } from './delivery';
import { createNotificationActivities } from './notifications';
import { createPaymentActivities } from './payments';
import { createPrintingActivities } from './printing';
import { createProjectionActivities } from './projection';
import { createRegistryActivities } from './registry';

/** The outside systems, each behind its port (sandbox or HTTP adapter, chosen by configuration). */
export interface Integrations {
  registry: CivilRegistry;
  sadad: Sadad;
  printCentre: PrintCentre;
  wasel: Wasel;
  saudiPost: SaudiPost;
  sms: SmsGateway;
}

/** Everything the activities need from outside, passed in by the worker (or a test). */
export interface ActivityDependencies extends Integrations {
  dataSource: DataSource;
}

export function createActivities(deps: ActivityDependencies) {
  return {
    ...createProjectionActivities(deps.dataSource),
    ...createRegistryActivities(deps.registry, deps.dataSource),
    ...createPaymentActivities(deps.sadad, deps.dataSource),
    ...createAddressActivities(deps.wasel),
    ...createPrintingActivities(deps.printCentre, deps.dataSource),
    ...createDeliveryActivities(deps.saudiPost, deps.wasel, deps.dataSource),
    ...createNotificationActivities(deps.sms, deps.registry, deps.dataSource),
  };
}

export type RenewalActivities = ReturnType<typeof createActivities>;
