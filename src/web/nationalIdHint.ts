import { hasValidLuhnCheckDigit } from '../domain/national-id';
import type { MessageKey, Params } from './i18n/messages';

/**
 * What to tell someone typing a national ID, digit by digit: how many digits
 * are left, then whether it is a citizen's ID with a valid check digit.
 */
export function nationalIdHint(typed: string): { key: MessageKey; params?: Params; valid: boolean } {
  if (!/^\d*$/.test(typed)) return { key: 'nidOnlyDigits', valid: false };
  if (typed.length > 10) return { key: 'nidTooLong', valid: false };
  if (typed.startsWith('2')) return { key: 'nidResident', valid: false };
  if (typed.length > 0 && !typed.startsWith('1')) return { key: 'nidMustStartWith1', valid: false };
  if (typed.length < 10) return { key: 'nidDigitsLeft', params: { n: 10 - typed.length }, valid: false };
  if (!hasValidLuhnCheckDigit(typed)) return { key: 'nidBadCheckDigit', valid: false };
  return { key: 'nidValid', valid: true };
}
