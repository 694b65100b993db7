import type { Integrations } from '../src/integrations';
import type { Persistence } from '../src/persistence/persistence';
import type { StageChangeMetrics } from '../src/telemetry/metrics';
import type { MaintenanceActivities, RenewalActivities } from '../workflows/contract';
import { createAddressActivities } from './address';
import { createDeliveryActivities } from './delivery';
import { createMaintenanceActivities } from './maintenance';
import { createPaymentActivities } from './payments';
import { createPrintingActivities } from './printing';
import { createProjectionActivities } from './projection';
import { createRegistryActivities } from './registry';
import { withSafeErrors } from './safe-errors';

/** Everything the activities need from outside, passed in by the worker (or a test). */
export interface ActivityDependencies extends Integrations {
  persistence: Persistence;
  /** The worker's stage metrics, recorded as the read model applies each change. */
  stageChanges?: StageChangeMetrics;
}

export function createActivities(deps: ActivityDependencies): RenewalActivities & MaintenanceActivities {
  return withSafeErrors({
    ...createProjectionActivities(deps.persistence, deps.stageChanges),
    ...createRegistryActivities(deps.registry, deps.persistence.printJobs),
    ...createPaymentActivities(deps.sadad, deps.persistence.bills),
    ...createAddressActivities(deps.wasel),
    ...createPrintingActivities(deps.printCentre, deps.persistence.printJobs),
    ...createDeliveryActivities(deps.saudiPost, deps.wasel, deps.persistence),
    ...createMaintenanceActivities(deps.saudiPost, deps.persistence),
  });
}
