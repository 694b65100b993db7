import type { DataSource } from 'typeorm';
import type { PrintCentre } from '../src/integrations/print-centre/port';
import type { PrintJobRequest } from '../workflows/contract';

/** Print-centre activities; the job row is keyed by the workflow's job key, so resubmitting is harmless. */
export function createPrintingActivities(printCentre: PrintCentre, dataSource: DataSource) {
  return {
    async submitPrintJob(request: PrintJobRequest): Promise<void> {
      await dataSource.query(
        `INSERT INTO print_jobs (job_key, renewal_id, issue_number, attempt, office_id, status)
         VALUES ($1, $2, $3, $4, $5, 'SUBMITTED') ON CONFLICT (job_key) DO NOTHING`,
        [request.jobKey, request.renewalId, request.issueNumber, request.attempt, request.officeId],
      );
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
      await dataSource.query(`UPDATE print_jobs SET status = 'CANCELLED', updated_at = now() WHERE job_key = $1`, [
        jobKey,
      ]);
    },

    async recordPrintFailure(input: { jobKey: string; reason: string }): Promise<void> {
      await dataSource.query(`UPDATE print_jobs SET status = 'FAILED', updated_at = now() WHERE job_key = $1`, [
        input.jobKey,
      ]);
    },
  };
}
