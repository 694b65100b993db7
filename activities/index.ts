import { DataSource } from 'typeorm';
import type { CivilRegistry } from '../src/integrations/civil-registry/port';
import type { PrintCentre } from '../src/integrations/print-centre/port';
import { createPrintingActivities } from './printing';
import { createProjectionActivities } from './projection';
import { createRegistryActivities } from './registry';

/** Everything the activities need from outside, passed in by the worker (or a test). */
export interface ActivityDependencies {
  dataSource: DataSource;
  registry: CivilRegistry;
  printCentre: PrintCentre;
}

export function createActivities(deps: ActivityDependencies) {
  return {
    ...createProjectionActivities(deps.dataSource),
    ...createRegistryActivities(deps.registry),
    ...createPrintingActivities(deps.printCentre),
  };
}

export type RenewalActivities = ReturnType<typeof createActivities>;
