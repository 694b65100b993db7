import { DEFAULT_LANGUAGE, LANGUAGES } from '../../domain/language';
import { mobileProblem, parseMobile } from '../../domain/mobile';
import { passportNumberProblem } from '../../domain/passport-number';
import { WireReader, type FieldProblem } from '../http/wire-reader';
import { personIdProblem } from '../identity';
import type { CitizenFacts, PassportStatus } from '../../../workflows/contract';
import type { CitizenProfile, PrintedPassport } from './port';

const PASSPORT_STATUSES: readonly PassportStatus[] = [
  'VALID',
  'EXPIRED',
  'LOST',
  'STOLEN',
  'CANCELLED',
  'PRINTED',
  'VOIDED',
];

/** The registry's JSON documents (docs/integrations.md), read and checked field by field. */
export function readCitizenFacts(body: unknown, problem: FieldProblem): CitizenFacts {
  const facts = WireReader.of(body, problem);
  const passport = facts.optionalObject('currentPassport');
  const unpaidFinesSar = facts.number('unpaidFinesSar');
  if (unpaidFinesSar < 0) throw facts.fail('unpaidFinesSar', 'must not be negative');
  return {
    nationalId: facts.checked('nationalId', personIdProblem),
    isCitizen: facts.boolean('isCitizen'),
    dateOfBirth: facts.date('dateOfBirth'),
    travelBan: facts.boolean('travelBan'),
    unpaidFinesSar,
    biometricsOnRecord: facts.boolean('biometricsOnRecord'),
    ...(passport
      ? {
          currentPassport: {
            passportNumber: passport.checked('passportNumber', passportNumberProblem).toUpperCase(),
            status: passport.oneOf('status', PASSPORT_STATUSES),
            expiresOn: passport.date('expiresOn'),
          },
        }
      : {}),
  };
}

export function readCitizenProfile(body: unknown, problem: FieldProblem): CitizenProfile {
  const profile = WireReader.of(body, problem);
  return {
    nationalId: profile.checked('nationalId', personIdProblem),
    nameAr: profile.string('nameAr'),
    nameEn: profile.string('nameEn'),
    dateOfBirth: profile.date('dateOfBirth'),
    // Stored and passed on in E.164 only, whatever local form the partner used.
    mobile: parseMobile(profile.checked('mobile', mobileProblem)),
    photoRef: profile.string('photoRef'),
    // A registry that records no preference writes to everyone in Arabic.
    preferredLanguage: profile.has('preferredLanguage')
      ? profile.oneOf('preferredLanguage', LANGUAGES)
      : DEFAULT_LANGUAGE,
  };
}

/** `PUT /v1/passports/{passportNumber}`: the passport number comes from the path. */
export function readPrintedPassport(passportNumber: string, body: unknown, problem: FieldProblem): PrintedPassport {
  const passport = WireReader.of(body, problem);
  return {
    passportNumber,
    nationalId: passport.checked('nationalId', personIdProblem),
    issuedOn: passport.date('issuedOn'),
    expiresOn: passport.date('expiresOn'),
  };
}
