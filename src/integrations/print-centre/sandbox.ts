import { DataSource } from 'typeorm';
import type { PrintCentre, PrintedPassport, PrintOrder } from './port';
import { SandboxPrintJob } from './sandbox.entities';

/** A stateful stand-in for the print centre: numbers passports from a sequence. */
export class SandboxPrintCentre implements PrintCentre {
  constructor(private readonly dataSource: DataSource) {}

  async print(order: PrintOrder): Promise<PrintedPassport> {
    const issued = new Date();
    const expires = new Date(issued);
    expires.setUTCFullYear(expires.getUTCFullYear() + order.validityYears);
    // ON CONFLICT keeps the first print of a job: a retried activity gets the same passport.
    await this.dataSource.query(
      `INSERT INTO sandbox_print_jobs (job_key, office_id, passport_number, issued_on, expires_on)
       VALUES ($1, $2, 'X' || lpad(nextval('sandbox_passport_number_seq')::text, 8, '0'), $3, $4)
       ON CONFLICT (job_key) DO NOTHING`,
      [order.jobKey, order.officeId, isoDate(issued), isoDate(expires)],
    );
    const job = await this.dataSource.getRepository(SandboxPrintJob).findOneByOrFail({ jobKey: order.jobKey });
    return { passportNumber: job.passportNumber, issuedOn: job.issuedOn, expiresOn: job.expiresOn };
  }
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
