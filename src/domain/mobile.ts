import { DomainValidationError } from './validation-error';

/** A Saudi mobile number in E.164 form, `+9665XXXXXXXX`: the only form stored or passed on. */
export type Mobile = string & { readonly __brand: 'Mobile' };

// Separators are tolerated only between digit groups, so stray text never gets silently dropped.
const DIGIT_GROUPS = /^\+?\d+(?:[ -]\d+)*$/;
// International (+966, 966, 00966) or national (0) prefix, then the 9-digit mobile number starting with 5.
const SAUDI_MOBILE = /^(?:\+966|00966|966|0)(5\d{8})$/;
const E164_MOBILE = /^\+9665\d{8}$/;

function toE164(value: string): string | undefined {
  if (!DIGIT_GROUPS.test(value)) return undefined;
  const match = SAUDI_MOBILE.exec(value.replace(/[ -]/g, ''));
  return match ? `+966${match[1]}` : undefined;
}

/** Why a value is not a Saudi mobile number in any accepted form, or `undefined` when it is one. */
export function mobileProblem(value: string): string | undefined {
  if (!DIGIT_GROUPS.test(value)) {
    return 'must contain only digits, with an optional leading + and single spaces or dashes between groups';
  }
  if (toE164(value) === undefined) {
    return 'must be a Saudi mobile number: +9665XXXXXXXX, 9665XXXXXXXX, 009665XXXXXXXX or 05XXXXXXXX';
  }
  return undefined;
}

/** True only for the normalised E.164 form; use `mobileProblem` to check raw input. */
export function isMobile(value: unknown): value is Mobile {
  return typeof value === 'string' && E164_MOBILE.test(value);
}

export function parseMobile(value: string, field = 'mobile'): Mobile {
  const problem = mobileProblem(value);
  if (problem) throw new DomainValidationError(field, 'invalid_mobile', `${field} ${problem}`);
  return toE164(value) as Mobile;
}

/** The number with all but its last 2 digits hidden (`+9665******67`), for messages and logs that must refer to it. */
export function maskMobile(mobile: Mobile): string {
  // `+9665` is common to every Saudi mobile, so showing it reveals nothing.
  return `${mobile.slice(0, 5)}${'*'.repeat(mobile.length - 7)}${mobile.slice(-2)}`;
}
