import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { enqueueWebhook } from '../runner/webhook-outbox';
import { queryRow, queryRows } from '../sql';

interface DueJob {
  job_key: string;
  status: 'QUEUED' | 'PRINTING';
  planned_outcome: 'PRINTED' | 'FAILED';
  failure_reason: string | null;
  webhook_base_url: string;
}

interface PrintedRow {
  passport_number: string;
  issued_on: string;
  expires_on: string;
}

/**
 * Runner step: jobs whose time has come move on. QUEUED → PRINTING, then
 * PRINTING → PRINTED (a passport number `X` + 8 digits from a sequence, valid
 * for the ordered years less a day) or FAILED, each reported by webhook in the
 * same transaction.
 */
export async function advancePrintJobs(db: DataSource, batchSize: number): Promise<number> {
  return db.transaction(async (tx) => {
    const due = await queryRows<DueJob>(
      tx,
      `SELECT job_key, status, planned_outcome, failure_reason, webhook_base_url FROM sandbox.print_jobs
        WHERE status IN ('QUEUED', 'PRINTING') AND due_at <= now()
        ORDER BY due_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [batchSize],
    );
    for (const job of due) {
      // One id per event: the webhook's `webhook-id` and the event's `eventId`.
      const eventId = randomUUID();
      if (job.status === 'QUEUED') {
        await tx.query(
          `UPDATE sandbox.print_jobs SET status = 'PRINTING', updated_at = now(),
                  due_at = now() + make_interval(secs => step_ms::double precision / 1000)
            WHERE job_key = $1`,
          [job.job_key],
        );
      } else if (job.planned_outcome === 'PRINTED') {
        const printed = await queryRow<PrintedRow>(
          tx,
          `UPDATE sandbox.print_jobs
              SET status = 'PRINTED', due_at = NULL, updated_at = now(),
                  passport_number = 'X' || lpad(nextval('sandbox.passport_number_seq')::text, 8, '0'),
                  issued_on = current_date,
                  expires_on = (current_date + make_interval(years => validity_years) - interval '1 day')::date
            WHERE job_key = $1
        RETURNING passport_number, issued_on::text AS issued_on, expires_on::text AS expires_on`,
          [job.job_key],
        );
        await enqueueWebhook(tx, job.webhook_base_url, {
          id: eventId,
          partner: 'print-centre',
          payload: {
            eventId,
            type: 'JOB_COMPLETED',
            jobKey: job.job_key,
            passportNumber: printed!.passport_number,
            issuedOn: printed!.issued_on,
            expiresOn: printed!.expires_on,
          },
        });
      } else {
        await tx.query(
          `UPDATE sandbox.print_jobs SET status = 'FAILED', due_at = NULL, updated_at = now() WHERE job_key = $1`,
          [job.job_key],
        );
        await enqueueWebhook(tx, job.webhook_base_url, {
          id: eventId,
          partner: 'print-centre',
          payload: { eventId, type: 'JOB_FAILED', jobKey: job.job_key, reason: job.failure_reason },
        });
      }
    }
    return due.length;
  });
}
