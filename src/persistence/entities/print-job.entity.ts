import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Where a print job stands on our side (the print centre's own states are finer). */
export const PRINT_JOB_STATUSES = ['SUBMITTED', 'PRINTED', 'FAILED', 'CANCELLED'] as const;

export type PrintJobStatus = (typeof PRINT_JOB_STATUSES)[number];

/** A print job a renewal submitted: routes the print centre's webhooks and shows operators every attempt. */
@Entity('print_jobs')
@Index('print_jobs_renewal_idx', ['renewalId'])
export class PrintJobRecord {
  /** The workflow's deterministic key (see `printJobKey`): one row per (renewal, issue, attempt). */
  @PrimaryColumn({ name: 'job_key', type: 'text' })
  jobKey: string;

  @Column({ name: 'renewal_id', type: 'uuid' })
  renewalId: string;

  @Column({ name: 'issue_number', type: 'integer' })
  issueNumber: number;

  @Column({ type: 'integer' })
  attempt: number;

  @Column({ name: 'office_id', type: 'text' })
  officeId: string;

  @Column({ type: 'text' })
  status: PrintJobStatus;

  /** Known once the print centre reports the passport printed. */
  @Column({ name: 'passport_number', type: 'text', nullable: true })
  passportNumber: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
