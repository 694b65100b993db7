import { hasValidLuhnCheckDigit } from '../domain/national-id';

/**
 * Why a value is not the ID of a person in the civil registry, or undefined.
 * Partners hold residents (first digit 2) as well as citizens, so unlike
 * `nationalIdProblem` this accepts both.
 */
export function personIdProblem(value: string): string | undefined {
  if (!/^[12]\d{9}$/.test(value)) return 'must be 10 digits starting with 1 (citizen) or 2 (resident)';
  if (!hasValidLuhnCheckDigit(value)) return 'has an invalid check digit';
  return undefined;
}
