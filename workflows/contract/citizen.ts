/**
 * What the renewal knows of a person, from the civil registry (NIC): the facts
 * eligibility is decided on. No names or contact details: those are looked up
 * by activities when needed and never enter the workflow.
 */
export type PassportStatus =
  /** In force. */
  | 'VALID'
  | 'EXPIRED'
  /** Reported lost or stolen by the holder. */
  | 'LOST'
  | 'STOLEN'
  /** Cancelled (punched), e.g. the old passport after a renewal. */
  | 'CANCELLED'
  /** Printed for a renewal, not yet handed over: not valid for travel. */
  | 'PRINTED'
  /** A printed passport that never reached its holder (lapsed pickup, cancelled renewal, lost in transit). */
  | 'VOIDED';

export interface PassportRecord {
  passportNumber: string;
  status: PassportStatus;
  expiresOn: string;
}

/** What eligibility needs to know about a person; no names or contact details. */
export interface CitizenFacts {
  nationalId: string;
  isCitizen: boolean;
  dateOfBirth: string;
  travelBan: boolean;
  unpaidFinesSar: number;
  biometricsOnRecord: boolean;
  currentPassport?: PassportRecord;
}

/** Whole years between a date of birth (YYYY-MM-DD) and `today`: what the age rules (validity, biometrics) read. */
export function ageOn(dateOfBirth: string, today: Date): number {
  const [year, month, day] = dateOfBirth.split('-').map(Number);
  let age = today.getUTCFullYear() - year;
  const beforeBirthday =
    today.getUTCMonth() + 1 < month || (today.getUTCMonth() + 1 === month && today.getUTCDate() < day);
  if (beforeBirthday) age -= 1;
  return age;
}
