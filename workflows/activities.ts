import { proxyActivities } from '@temporalio/workflow';
import type { RenewalActivities } from '../activities';

/**
 * Activity stubs with retry and timeout policies that fit each kind of work.
 * Projection writes are local to our database and quick; calls to government
 * systems get longer timeouts and keep retrying transient faults.
 */
export const projection = proxyActivities<Pick<RenewalActivities, 'recordStageChange'>>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '500 milliseconds', maximumInterval: '30 seconds' },
});

export const registry = proxyActivities<Pick<RenewalActivities, 'lookUpCitizen' | 'completeHandover'>>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

export const printing = proxyActivities<Pick<RenewalActivities, 'printPassport'>>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '2 seconds', maximumInterval: '5 minutes' },
});
