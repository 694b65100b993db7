import { IntegrationError } from '../src/integrations/errors';
import type { PrintCentre } from '../src/integrations/print-centre/port';
import type { PrintJobsRepository } from '../src/persistence/repositories/print-jobs.repository';
import type { PrintJobRequest } from '../workflows/contract';

/** Print-centre activities; the job row is keyed by the workflow's job key, so resubmitting is harmless. */
export function createPrintingActivities(printCentre: PrintCentre, printJobs: PrintJobsRepository) {
  return {
    async submitPrintJob(request: PrintJobRequest): Promise<void> {
      await printJobs.recordSubmitted({
        jobKey: request.jobKey,
        renewalId: request.renewalId,
        issueNumber: request.issueNumber,
        attempt: request.attempt,
        officeId: request.officeId,
      });
      await printCentre.submit({
        jobKey: request.jobKey,
        renewalId: request.renewalId,
        officeId: request.officeId,
        nationalId: request.nationalId,
        validityYears: request.validityYears,
      });
    },

    /**
     * The workflow pushes this compensation before it submits the job, so a renewal cancelled in between cancels
     * a job the print centre never received: its PrintJobNotFound means there is nothing to cancel, not a failure.
     */
    async cancelPrintJob(jobKey: string): Promise<void> {
      try {
        await printCentre.cancel(jobKey);
      } catch (error) {
        if (!(error instanceof IntegrationError && error.type === 'PrintJobNotFound')) throw error;
      }
      await printJobs.markCancelled(jobKey);
    },

    async recordPrintFailure(input: { jobKey: string; reason: string }): Promise<void> {
      await printJobs.markFailed(input.jobKey);
    },
  };
}
