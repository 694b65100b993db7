import type { CitizenFacts, CivilRegistry, NewPassport } from '../src/integrations/civil-registry/port';

/** Civil-registry activities: reads for eligibility, and passport activation and cancellation. */
export function createRegistryActivities(registry: CivilRegistry) {
  return {
    async lookUpCitizen(nationalId: string): Promise<CitizenFacts | undefined> {
      return registry.lookUpCitizen(nationalId);
    },

    /** Activates the new passport and cancels the old one: only after a confirmed handover. */
    async completeHandover(input: {
      newPassport: NewPassport;
      oldPassportNumber?: string;
      renewalId: string;
    }): Promise<void> {
      await registry.activatePassport(input.newPassport);
      if (input.oldPassportNumber) {
        await registry.cancelPassport(input.oldPassportNumber, `replaced by renewal ${input.renewalId}`);
      }
    },
  };
}
