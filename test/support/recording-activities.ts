import type { RenewalActivities } from '../../activities';
import type { StageChange } from '../../activities/projection';
import type { CitizenFacts } from '../../src/integrations/civil-registry/port';

export interface ActivityCall {
  name: keyof RenewalActivities;
  input: unknown;
}

/**
 * In-memory activities for workflow tests: they answer like the sandboxes do
 * and record every call, so a test can assert what the workflow asked for and
 * in which order.
 */
export function recordingActivities(citizens: Record<string, CitizenFacts>) {
  const calls: ActivityCall[] = [];
  const stages: StageChange[] = [];
  let printed = 0;
  const activities: RenewalActivities = {
    async recordStageChange(change) {
      calls.push({ name: 'recordStageChange', input: change });
      stages.push(change);
    },
    async lookUpCitizen(nationalId) {
      calls.push({ name: 'lookUpCitizen', input: nationalId });
      return citizens[nationalId];
    },
    async printPassport(order) {
      calls.push({ name: 'printPassport', input: order });
      printed += 1;
      return { passportNumber: `X${String(10_000_000 + printed)}`, issuedOn: '2026-11-28', expiresOn: '2036-11-27' };
    },
    async completeHandover(input) {
      calls.push({ name: 'completeHandover', input });
    },
  };
  return { activities, calls, stages, callNames: () => calls.map((c) => c.name) };
}

export const CITIZEN_WITH_VALID_PASSPORT: CitizenFacts = {
  nationalId: '1058529940',
  isCitizen: true,
  dateOfBirth: '1985-03-14',
  travelBan: false,
  unpaidFinesSar: 0,
  biometricsOnRecord: true,
  currentPassport: { passportNumber: 'N1234567', status: 'VALID', expiresOn: '2026-12-20' },
};
