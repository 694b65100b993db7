import { DomainValidationError } from './validation-error';

/** A passport number: six to nine uppercase letters or digits. */
export type PassportNumber = string & { readonly __brand: 'PassportNumber' };

/** A passport number as a person may type it: either letter case. */
export const PASSPORT_NUMBER_ANY_CASE = /^[A-Za-z0-9]{6,9}$/;
/** A passport number as partners and our records write it: capitals. */
export const PASSPORT_NUMBER_CANONICAL = /^[A-Z0-9]{6,9}$/;

/** Why a value is not a passport number (in either letter case), or `undefined` when it is one. */
export function passportNumberProblem(value: string): string | undefined {
  // Named separately: a space is the usual copy-typing slip, and the generic message would hide it.
  if (/\s/.test(value)) return 'must not contain spaces';
  if (!PASSPORT_NUMBER_ANY_CASE.test(value)) return 'must be 6 to 9 letters or digits';
  return undefined;
}

/** True only for the normalised uppercase form; use `passportNumberProblem` to check raw input. */
export function isPassportNumber(value: unknown): value is PassportNumber {
  return typeof value === 'string' && PASSPORT_NUMBER_CANONICAL.test(value);
}

export function parsePassportNumber(value: string, field = 'passportNumber'): PassportNumber {
  const problem = passportNumberProblem(value);
  if (problem) throw new DomainValidationError(field, 'invalid_passport_number', `${field} ${problem}`);
  return value.toUpperCase() as PassportNumber;
}
