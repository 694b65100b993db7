import { DomainValidationError } from './validation-error';

/** A Saudi citizen's national ID: ten digits, first digit 1, Luhn check digit. */
export type NationalId = string & { readonly __brand: 'NationalId' };

const TEN_DIGITS = /^\d{10}$/;

/** Plain Luhn over all ten digits: every second digit from the right is doubled. */
export function hasValidLuhnCheckDigit(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** Appends the Luhn check digit to nine digits (used to mint sandbox and test identities). */
export function withCheckDigit(firstNineDigits: string): string {
  if (!/^\d{9}$/.test(firstNineDigits)) throw new Error('withCheckDigit needs exactly nine digits');
  const check = [...'0123456789'].find((digit) => hasValidLuhnCheckDigit(firstNineDigits + digit));
  return firstNineDigits + check;
}

/** Why a value is not a citizen's national ID, or `undefined` when it is one. */
export function nationalIdProblem(value: string): string | undefined {
  if (!TEN_DIGITS.test(value)) return 'must be exactly 10 digits';
  if (value[0] === '2') return 'belongs to a resident (starts with 2); only citizens (starting with 1) can renew';
  if (value[0] !== '1') return 'must start with 1 (Saudi citizen)';
  if (!hasValidLuhnCheckDigit(value)) return 'has an invalid check digit';
  return undefined;
}

export function isNationalId(value: unknown): value is NationalId {
  return typeof value === 'string' && nationalIdProblem(value) === undefined;
}

export function parseNationalId(value: string, field = 'nationalId'): NationalId {
  const problem = nationalIdProblem(value);
  if (problem) throw new DomainValidationError(field, 'invalid_national_id', `${field} ${problem}`);
  return value as NationalId;
}
