import type { EntityManager } from 'typeorm';
import { PrintJobRecord, type PrintJobStatus } from '../entities/print-job.entity';
import { insertOnce } from './insert-once';

export interface SubmittedPrintJob {
  jobKey: string;
  renewalId: string;
  issueNumber: number;
  attempt: number;
  officeId: string;
}

/** The print jobs the renewals submitted. */
export class PrintJobsRepository {
  constructor(private readonly manager: EntityManager) {}

  /** Resubmitting the same job key (a retried activity) changes nothing. */
  async recordSubmitted(job: SubmittedPrintJob): Promise<void> {
    // The job key is the table's only unique key.
    await insertOnce(this.manager, PrintJobRecord, { ...job, status: 'SUBMITTED' });
  }

  async recordPrinted(jobKey: string, passportNumber: string): Promise<void> {
    await this.manager.update(PrintJobRecord, { jobKey }, { status: 'PRINTED', passportNumber });
  }

  markFailed(jobKey: string): Promise<void> {
    return this.setStatus(jobKey, 'FAILED');
  }

  markCancelled(jobKey: string): Promise<void> {
    return this.setStatus(jobKey, 'CANCELLED');
  }

  private async setStatus(jobKey: string, status: PrintJobStatus): Promise<void> {
    await this.manager.update(PrintJobRecord, { jobKey }, { status });
  }
}
