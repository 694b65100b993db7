import type { Language } from '../../../src/domain/language';
import { passportNumberProblem } from '../../../src/domain/passport-number';
import { invalidRequest, permanentFailure } from '../../../src/integrations/errors';
import type { FaultInjector } from '../faults';
import { isoDate, queryRow, type Queryable } from '../sql';
import type { CitizenFacts, PassportStatus } from '../../../workflows/contract';
import type { CitizenProfile, CivilRegistry, PrintedPassport } from '../../../src/integrations/civil-registry/port';

interface PersonRow {
  national_id: string;
  name_ar: string;
  name_en: string;
  date_of_birth: string;
  nationality: string;
  mobile: string;
  photo_ref: string;
  travel_ban: boolean;
  unpaid_fines_sar: number;
  biometrics_on_record: boolean;
  preferred_language: Language;
}

interface PassportRow {
  passport_number: string;
  national_id: string;
  status: PassportStatus;
  expires_on: string;
}

const PERSON_COLUMNS = `national_id, name_ar, name_en, date_of_birth::text AS date_of_birth, nationality, mobile,
  photo_ref, travel_ban, unpaid_fines_sar, biometrics_on_record, preferred_language`;

/**
 * The civil registry (NIC) on its own tables, `sandbox.registry_people` and
 * `sandbox.registry_passports`. Passport status changes are idempotent: asking
 * for the state a passport is already in changes nothing.
 */
export class SandboxCivilRegistry implements CivilRegistry {
  constructor(
    private readonly db: Queryable,
    private readonly faults: FaultInjector,
  ) {}

  lookUpCitizen(nationalId: string): Promise<CitizenFacts | undefined> {
    return this.faults.call('lookUpCitizen', async () => {
      const person = await this.person(nationalId);
      if (!person) return undefined;
      // The passport in the holder's hands: the newest one issued, not one printed and not yet handed over.
      const passport = await queryRow<PassportRow>(
        this.db,
        `SELECT passport_number, national_id, status, expires_on::text AS expires_on
           FROM sandbox.registry_passports
          WHERE national_id = $1 AND status NOT IN ('PRINTED', 'VOIDED')
          ORDER BY issued_on DESC, passport_number DESC LIMIT 1`,
        [nationalId],
      );
      return {
        nationalId: person.national_id,
        isCitizen: person.nationality === 'SA',
        dateOfBirth: person.date_of_birth,
        travelBan: person.travel_ban,
        unpaidFinesSar: person.unpaid_fines_sar,
        biometricsOnRecord: person.biometrics_on_record,
        ...(passport
          ? {
              currentPassport: {
                passportNumber: passport.passport_number,
                status: effectiveStatus(passport),
                expiresOn: passport.expires_on,
              },
            }
          : {}),
      };
    });
  }

  lookUpProfile(nationalId: string): Promise<CitizenProfile | undefined> {
    return this.faults.call('lookUpProfile', async () => {
      const person = await this.person(nationalId);
      return (
        person && {
          nationalId: person.national_id,
          nameAr: person.name_ar,
          nameEn: person.name_en,
          dateOfBirth: person.date_of_birth,
          mobile: person.mobile,
          photoRef: person.photo_ref,
          preferredLanguage: person.preferred_language,
        }
      );
    });
  }

  recordPrintedPassport(passport: PrintedPassport): Promise<void> {
    return this.faults.call('recordPrintedPassport', async () => {
      const problem = passportNumberProblem(passport.passportNumber);
      if (problem) throw invalidRequest('passportNumber', problem);
      if (!(await this.person(passport.nationalId))) {
        throw permanentFailure('CitizenNotFound', 'civil registry has no such person', { field: 'nationalId' });
      }
      await this.db.query(
        `INSERT INTO sandbox.registry_passports (passport_number, national_id, status, issued_on, expires_on)
         VALUES ($1, $2, 'PRINTED', $3, $4) ON CONFLICT (passport_number) DO NOTHING`,
        [passport.passportNumber, passport.nationalId, passport.issuedOn, passport.expiresOn],
      );
      const recorded = await this.passport(passport.passportNumber);
      if (recorded?.national_id !== passport.nationalId) {
        throw permanentFailure('PassportNumberConflict', 'passport number already belongs to another person', {
          field: 'passportNumber',
        });
      }
    });
  }

  activatePassport(passportNumber: string): Promise<void> {
    return this.faults.call('activatePassport', () =>
      this.transition(passportNumber, 'VALID', ['PRINTED'], 'PassportNotActivatable', null),
    );
  }

  cancelPassport(passportNumber: string, reason: string): Promise<void> {
    return this.faults.call('cancelPassport', () =>
      this.transition(passportNumber, 'CANCELLED', ['VALID', 'EXPIRED', 'LOST', 'STOLEN', 'PRINTED'], null, reason),
    );
  }

  voidPassport(passportNumber: string, reason: string): Promise<void> {
    return this.faults.call('voidPassport', () =>
      this.transition(passportNumber, 'VOIDED', ['PRINTED'], 'PassportNotVoidable', reason),
    );
  }

  /**
   * Moves a passport to `target` from one of `from`; already in `target` is a
   * no-op. From any other state: refused with `refusal`, or left as it is when
   * there is nothing to refuse (cancelling a voided passport).
   */
  private async transition(
    passportNumber: string,
    target: PassportStatus,
    from: PassportStatus[],
    refusal: 'PassportNotActivatable' | 'PassportNotVoidable' | null,
    reason: string | null,
  ): Promise<void> {
    const updated = await queryRow<PassportRow>(
      this.db,
      `UPDATE sandbox.registry_passports SET status = $2, status_reason = $3, updated_at = now()
        WHERE passport_number = $1 AND status = ANY($4::text[]) RETURNING passport_number`,
      [passportNumber, target, reason, from],
    );
    if (updated) return;
    const current = await this.passport(passportNumber);
    if (!current) throw permanentFailure('PassportNotFound', 'civil registry has no such passport');
    if (current.status !== target && refusal) {
      throw permanentFailure(refusal, `passport is ${current.status}, cannot become ${target}`);
    }
  }

  private person(nationalId: string): Promise<PersonRow | undefined> {
    return queryRow<PersonRow>(
      this.db,
      `SELECT ${PERSON_COLUMNS} FROM sandbox.registry_people WHERE national_id = $1`,
      [nationalId],
    );
  }

  private passport(passportNumber: string): Promise<PassportRow | undefined> {
    return queryRow<PassportRow>(
      this.db,
      `SELECT passport_number, national_id, status, expires_on::text AS expires_on
         FROM sandbox.registry_passports WHERE passport_number = $1`,
      [passportNumber],
    );
  }
}

/** A passport past its expiry date is expired, whatever status was last written. */
function effectiveStatus(passport: PassportRow): PassportStatus {
  return passport.status === 'VALID' && passport.expires_on < isoDate(new Date()) ? 'EXPIRED' : passport.status;
}
