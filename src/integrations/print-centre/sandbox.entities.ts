import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

@Entity('sandbox_print_jobs')
export class SandboxPrintJob {
  @PrimaryColumn({ name: 'job_key', type: 'text' })
  jobKey: string;

  @Column({ name: 'office_id', type: 'text' })
  officeId: string;

  @Column({ name: 'passport_number', type: 'text' })
  passportNumber: string;

  @Column({ name: 'issued_on', type: 'date' })
  issuedOn: string;

  @Column({ name: 'expires_on', type: 'date' })
  expiresOn: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
