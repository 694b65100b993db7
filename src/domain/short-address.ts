import { DomainValidationError } from './validation-error';

/** A Saudi short national address: four uppercase letters and four digits, e.g. `RRRD2929`. */
export type ShortAddress = string & { readonly __brand: 'ShortAddress' };

const LETTERS_THEN_DIGITS = /^[A-Za-z]{4}\d{4}$/;
const CANONICAL = /^[A-Z]{4}\d{4}$/;

/** Why a value is not a short address (in either letter case), or `undefined` when it is one. */
export function shortAddressProblem(value: string): string | undefined {
  if (!LETTERS_THEN_DIGITS.test(value)) return 'must be 4 letters followed by 4 digits, e.g. RRRD2929';
  return undefined;
}

/** True only for the normalised uppercase form; use `shortAddressProblem` to check raw input. */
export function isShortAddress(value: unknown): value is ShortAddress {
  return typeof value === 'string' && CANONICAL.test(value);
}

export function parseShortAddress(value: string, field = 'shortAddress'): ShortAddress {
  const problem = shortAddressProblem(value);
  if (problem) throw new DomainValidationError(field, 'invalid_short_address', `${field} ${problem}`);
  return value.toUpperCase() as ShortAddress;
}
