/**
 * The civil registry and passport records of the Ministry of Interior, reached
 * through the National Information Center.
 */
export type PassportStatus = 'VALID' | 'EXPIRED' | 'LOST' | 'STOLEN' | 'CANCELLED';

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

export interface NewPassport {
  passportNumber: string;
  nationalId: string;
  issuedOn: string;
  expiresOn: string;
}

export interface CivilRegistry {
  lookUpCitizen(nationalId: string): Promise<CitizenFacts | undefined>;
  /** Makes a printed passport valid; repeating it is harmless. */
  activatePassport(passport: NewPassport): Promise<void>;
  /** Cancels (punches) a passport; repeating it is harmless. */
  cancelPassport(passportNumber: string, reason: string): Promise<void>;
}
