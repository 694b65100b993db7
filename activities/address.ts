import { ApplicationFailure } from '@temporalio/common';
import { nationalAddressProblems } from '../src/domain/national-address';
import type { Wasel } from '../src/integrations/wasel/port';
import type { NationalAddressCheck } from '../workflows/contract';

/**
 * Wasel activities. The address itself stays out of the workflow's history:
 * the workflow only learns whether a usable national address exists.
 */
export function createAddressActivities(wasel: Wasel) {
  return {
    async checkNationalAddress(nationalId: string): Promise<NationalAddressCheck> {
      const lookup = await wasel.lookUpAddress(nationalId);
      if (lookup.status === 'NOT_SUBSCRIBED') return 'NOT_SUBSCRIBED';
      const problems = nationalAddressProblems(lookup.address);
      if (problems.length) {
        throw ApplicationFailure.nonRetryable(
          `Wasel returned an unusable national address (${problems.map((p) => p.field).join(', ')})`,
          'MalformedAddress',
        );
      }
      return 'FOUND';
    },
  };
}
