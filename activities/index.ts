import type { DataSource } from 'typeorm';
import type { Integrations } from '../src/integrations';
import type { RenewalActivities } from '../workflows/contract';
import { createAddressActivities } from './address';
import { createDeliveryActivities } from './delivery';
import { createNotificationActivities } from './notifications';
import { createPaymentActivities } from './payments';
import { createPrintingActivities } from './printing';
import { createProjectionActivities } from './projection';
import { createRegistryActivities } from './registry';
import { withoutQueryParameters } from './safe-errors';

/** Everything the activities need from outside, passed in by the worker (or a test). */
export interface ActivityDependencies extends Integrations {
  dataSource: DataSource;
}

export function createActivities(deps: ActivityDependencies): RenewalActivities {
  return withoutQueryParameters({
    ...createProjectionActivities(deps.dataSource),
    ...createRegistryActivities(deps.registry, deps.dataSource),
    ...createPaymentActivities(deps.sadad, deps.dataSource),
    ...createAddressActivities(deps.wasel),
    ...createPrintingActivities(deps.printCentre, deps.dataSource),
    ...createDeliveryActivities(deps.saudiPost, deps.wasel, deps.dataSource),
    ...createNotificationActivities(deps.sms, deps.registry, deps.dataSource),
  });
}
