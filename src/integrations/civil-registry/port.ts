import type { Language } from '../../domain/language';
import type { CitizenFacts } from '../../../workflows/contract';

/**
 * The civil registry and passport records of the Ministry of Interior, reached
 * through the National Information Center (NIC).
 */
/** What the citizen reviews before accepting, and what notifications and the carrier need. */
export interface CitizenProfile {
  nationalId: string;
  nameAr: string;
  nameEn: string;
  dateOfBirth: string;
  mobile: string;
  photoRef: string;
  /** The language the citizen is written to in (SMS): Arabic unless they chose English. */
  preferredLanguage: Language;
}

export interface PrintedPassport {
  passportNumber: string;
  nationalId: string;
  issuedOn: string;
  expiresOn: string;
}

export interface CivilRegistry {
  lookUpCitizen(nationalId: string): Promise<CitizenFacts | undefined>;
  lookUpProfile(nationalId: string): Promise<CitizenProfile | undefined>;
  /** Records a freshly printed passport as PRINTED (not valid); repeating it is harmless. */
  recordPrintedPassport(passport: PrintedPassport): Promise<void>;
  /** PRINTED → VALID, only on a confirmed handover or delivery; repeating it is harmless. */
  activatePassport(passportNumber: string): Promise<void>;
  /** Cancels (punches) a passport; repeating it is harmless. */
  cancelPassport(passportNumber: string, reason: string): Promise<void>;
  /** Voids a printed passport that never reached its holder; repeating it is harmless. */
  voidPassport(passportNumber: string, reason: string): Promise<void>;
}
