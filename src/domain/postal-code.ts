import { DomainValidationError } from './validation-error';

/** A Saudi postal code: five digits, the first naming the postal region (1–8). */
export type PostalCode = string & { readonly __brand: 'PostalCode' };

const FIVE_DIGITS = /^\d{5}$/;

/** Why a value is not a Saudi postal code, or `undefined` when it is one. */
export function postalCodeProblem(value: string): string | undefined {
  if (!FIVE_DIGITS.test(value)) return 'must be exactly 5 digits';
  if (value[0] === '0' || value[0] === '9') return 'must start with a region digit from 1 to 8';
  return undefined;
}

export function isPostalCode(value: unknown): value is PostalCode {
  return typeof value === 'string' && postalCodeProblem(value) === undefined;
}

export function parsePostalCode(value: string, field = 'postalCode'): PostalCode {
  const problem = postalCodeProblem(value);
  if (problem) throw new DomainValidationError(field, 'invalid_postal_code', `${field} ${problem}`);
  return value as PostalCode;
}

/** The postal region (1–8) a code belongs to, e.g. 1 for Riyadh's 12214. */
export function postalRegionDigit(code: PostalCode): number {
  return Number(code[0]);
}
