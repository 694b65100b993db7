import { nationalIdProblem } from '../../../src/domain/national-id';
import { invalidRequest, permanentFailure } from '../../../src/integrations/errors';
import type { FaultInjector } from '../faults';
import { pick, type Random } from '../random';
import { queryRow, type Queryable } from '../sql';
import type { PrintCentre, PrintJob, PrintJobStatus, PrintOrder } from '../../../src/integrations/print-centre/port';

export interface PrintCentreBehaviour {
  /** From submission to the job's outcome; half of it queued, half printing. */
  delayMs: number;
  /** Share of jobs that fail (the centre reports JOB_FAILED and the renewal asks for another attempt). */
  failureRate: number;
  webhookBaseUrl: string;
}

interface JobRow {
  job_key: string;
  status: PrintJobStatus;
  passport_number: string | null;
  issued_on: string | null;
  expires_on: string | null;
  failure_reason: string | null;
}

const FAILURE_REASONS = ['PRINTER_FAULT', 'CHIP_ENCODING_FAILED', 'LAMINATION_DEFECT'] as const;

const JOB_COLUMNS = `job_key, status, passport_number, issued_on::text AS issued_on, expires_on::text AS expires_on,
  failure_reason`;

/**
 * The print centre on its own table, `sandbox.print_jobs`. `submit` only
 * queues a job; its outcome (printed or failed) is drawn at submission and
 * reached later by the runner (`advancePrintJobs`), which numbers the passport
 * and sends the `print-centre` webhook.
 */
export class SandboxPrintCentre implements PrintCentre {
  constructor(
    private readonly db: Queryable,
    private readonly faults: FaultInjector,
    private readonly outcomes: Random,
    private readonly behaviour: PrintCentreBehaviour,
  ) {}

  submit(order: PrintOrder): Promise<PrintJob> {
    return this.faults.call('submit', async () => {
      validate(order);
      const person = await queryRow(this.db, `SELECT 1 FROM sandbox.registry_people WHERE national_id = $1`, [
        order.nationalId,
      ]);
      if (!person) throw permanentFailure('CitizenNotFound', 'the NIC has no such person to print for');
      const fails = this.outcomes() < this.behaviour.failureRate;
      const stepMs = Math.round(this.behaviour.delayMs / 2);
      await this.db.query(
        `INSERT INTO sandbox.print_jobs (job_key, renewal_id, office_id, national_id, validity_years, planned_outcome,
                                         failure_reason, step_ms, due_at, webhook_base_url)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8::int, now() + make_interval(secs => $8::int / 1000.0), $9)
         ON CONFLICT (job_key) DO NOTHING`,
        [
          order.jobKey,
          order.renewalId,
          order.officeId,
          order.nationalId,
          order.validityYears,
          fails ? 'FAILED' : 'PRINTED',
          fails ? pick(this.outcomes, FAILURE_REASONS) : null,
          stepMs,
          this.behaviour.webhookBaseUrl,
        ],
      );
      return toJob((await this.job(order.jobKey))!);
    });
  }

  getJob(jobKey: string): Promise<PrintJob | undefined> {
    return this.faults.call('getJob', async () => {
      const row = await this.job(jobKey);
      return row && toJob(row);
    });
  }

  /** Stops a queued or printing job; a job already printed or failed has nothing left to stop. */
  cancel(jobKey: string): Promise<void> {
    return this.faults.call('cancel', async () => {
      await this.db.query(
        `UPDATE sandbox.print_jobs SET status = 'CANCELLED', due_at = NULL, updated_at = now()
          WHERE job_key = $1 AND status IN ('QUEUED', 'PRINTING')`,
        [jobKey],
      );
      if (!(await this.job(jobKey))) throw permanentFailure('PrintJobNotFound', 'print centre has no such job');
    });
  }

  private job(jobKey: string): Promise<JobRow | undefined> {
    return queryRow<JobRow>(this.db, `SELECT ${JOB_COLUMNS} FROM sandbox.print_jobs WHERE job_key = $1`, [jobKey]);
  }
}

function validate(order: PrintOrder): void {
  if (!order.jobKey?.trim()) throw invalidRequest('jobKey', 'is required');
  if (!order.renewalId?.trim()) throw invalidRequest('renewalId', 'is required');
  if (!order.officeId?.trim()) throw invalidRequest('officeId', 'is required');
  const problem = nationalIdProblem(order.nationalId ?? '');
  if (problem) throw invalidRequest('nationalId', problem);
  if (order.validityYears !== 5 && order.validityYears !== 10) throw invalidRequest('validityYears', 'must be 5 or 10');
}

function toJob(row: JobRow): PrintJob {
  return {
    jobKey: row.job_key,
    status: row.status,
    ...(row.passport_number ? { passportNumber: row.passport_number } : {}),
    ...(row.issued_on ? { issuedOn: row.issued_on } : {}),
    ...(row.expires_on ? { expiresOn: row.expires_on } : {}),
    ...(row.failure_reason && row.status === 'FAILED' ? { failureReason: row.failure_reason } : {}),
  };
}
