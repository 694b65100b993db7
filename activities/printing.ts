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

    async cancelPrintJob(jobKey: string): Promise<void> {
      await printCentre.cancel(jobKey);
      await printJobs.markCancelled(jobKey);
    },

    async recordPrintFailure(input: { jobKey: string; reason: string }): Promise<void> {
      await printJobs.markFailed(input.jobKey);
    },
  };
}
