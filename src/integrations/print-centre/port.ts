import type { ValidityYears } from '../../../workflows/contract';

/**
 * The passport print centre. Printing takes time: a job is submitted, and the
 * centre reports completion (with the new passport number) or failure later,
 * through our webhook.
 */

/** Where a print job stands at the centre. */
export const PRINT_JOB_STATUSES = ['QUEUED', 'PRINTING', 'PRINTED', 'FAILED', 'CANCELLED'] as const;

export type PrintJobStatus = (typeof PRINT_JOB_STATUSES)[number];

export interface PrintOrder {
  /** Idempotency key: one job per (renewal, issue number, attempt). */
  jobKey: string;
  renewalId: string;
  officeId: string;
  nationalId: string;
  validityYears: ValidityYears;
}

export interface PrintJob {
  jobKey: string;
  status: PrintJobStatus;
  passportNumber?: string;
  issuedOn?: string;
  expiresOn?: string;
  failureReason?: string;
}

export interface PrintCentre {
  /** Queues the job; submitting the same key again returns the existing job. */
  submit(order: PrintOrder): Promise<PrintJob>;
  getJob(jobKey: string): Promise<PrintJob | undefined>;
  /** Stops a job that has not been printed yet; harmless when already cancelled. */
  cancel(jobKey: string): Promise<void>;
}
