import type { ActivationRequest, CitizenFacts, PrintedPassportInput, VoidRequest } from '../workflows/contract';
import type { CivilRegistry } from '../src/integrations/civil-registry/port';
import type { PrintJobsRepository } from '../src/persistence/repositories/print-jobs.repository';
import { attemptProgress } from './attempt-progress';

/** Civil-registry activities: eligibility facts, and the passport's life from printed to valid or void. */
export function createRegistryActivities(registry: CivilRegistry, printJobs: PrintJobsRepository) {
  return {
    async lookUpCitizen(nationalId: string): Promise<CitizenFacts | undefined> {
      return registry.lookUpCitizen(nationalId);
    },

    /** The print centre reported the passport: the registry knows it as PRINTED, not valid. */
    async recordPrintedPassport(input: PrintedPassportInput): Promise<void> {
      await registry.recordPrintedPassport({
        passportNumber: input.passportNumber,
        nationalId: input.nationalId,
        issuedOn: input.issuedOn,
        expiresOn: input.expiresOn,
      });
      await printJobs.recordPrinted(input.jobKey, input.passportNumber);
    },

    /** Safety rule: called only on a confirmed handover or delivery. The old passport is cancelled with it. */
    async activateNewPassport(input: ActivationRequest): Promise<void> {
      const { newPassportNumber, oldPassportNumber, renewalId } = input;
      await attemptProgress().step('activate-new', () => registry.activatePassport(newPassportNumber));
      // The last call needs no record: once it succeeds, the activity is done.
      if (oldPassportNumber) {
        await registry.cancelPassport(oldPassportNumber, `replaced by renewal ${renewalId}`);
      }
    },

    /** A printed passport that will never reach its holder (lost, uncollected, cancelled) is voided. */
    async voidPassport(input: VoidRequest): Promise<void> {
      await registry.voidPassport(input.passportNumber, input.reason);
    },
  };
}
