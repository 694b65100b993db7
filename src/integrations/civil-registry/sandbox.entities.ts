import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { PassportStatus } from './port';

/** The registry sandbox's own tables: a stand-in for the NIC's records. */
@Entity('sandbox_registry_people')
export class SandboxPerson {
  @PrimaryColumn({ name: 'national_id', type: 'char', length: 10 })
  nationalId: string;

  @Column({ name: 'name_ar', type: 'text' })
  nameAr: string;

  @Column({ name: 'name_en', type: 'text' })
  nameEn: string;

  @Column({ name: 'date_of_birth', type: 'date' })
  dateOfBirth: string;

  @Column({ type: 'text' })
  nationality: string;

  @Column({ type: 'text' })
  mobile: string;

  @Column({ name: 'travel_ban', type: 'boolean', default: false })
  travelBan: boolean;

  @Column({ name: 'unpaid_fines_sar', type: 'integer', default: 0 })
  unpaidFinesSar: number;

  @Column({ name: 'biometrics_on_record', type: 'boolean', default: true })
  biometricsOnRecord: boolean;
}

@Entity('sandbox_registry_passports')
export class SandboxPassport {
  @PrimaryColumn({ name: 'passport_number', type: 'text' })
  passportNumber: string;

  @Index()
  @Column({ name: 'national_id', type: 'char', length: 10 })
  nationalId: string;

  @Column({ type: 'text' })
  status: PassportStatus;

  @Column({ name: 'issued_on', type: 'date' })
  issuedOn: string;

  @Column({ name: 'expires_on', type: 'date' })
  expiresOn: string;

  @Column({ name: 'status_reason', type: 'text', nullable: true })
  statusReason: string | null;
}
