import { PostalCode, postalCodeProblem } from './postal-code';
import { ShortAddress, shortAddressProblem } from './short-address';
import { DomainValidationError } from './validation-error';

interface NationalAddressParts {
  readonly buildingNumber: string;
  readonly street: string;
  readonly district: string;
  readonly city: string;
  readonly postalCode: PostalCode;
  readonly additionalNumber: string;
  readonly unitNumber?: string;
  readonly shortAddress?: ShortAddress;
}

/** A Saudi national address (as held by Wasel), every part checked, trimmed and normalised. */
export type NationalAddress = NationalAddressParts & { readonly __brand: 'NationalAddress' };

/** One thing wrong with one part, so an API can list them all against their fields. */
export interface NationalAddressProblem {
  readonly field: string;
  readonly reason: string;
  readonly message: string;
}

interface PartRule {
  readonly key: keyof NationalAddressParts;
  readonly required: boolean;
  readonly reason: string;
  readonly problem: (value: string) => string | undefined;
  readonly normalise?: (value: string) => string;
}

function digitsProblem(pattern: RegExp, description: string) {
  return (value: string) => (pattern.test(value) ? undefined : `must be ${description}`);
}

function textProblem(maxLength: number) {
  return (value: string) => {
    // The address is printed on one line of the envelope label, so a line break would split it.
    if (/\p{Cc}/u.test(value)) return 'must be a single line without control characters';
    // Counted in characters (code points), as PostgreSQL's varchar(n) does, not UTF-16 units.
    if ([...value].length > maxLength) return `must be at most ${maxLength} characters`;
    return undefined;
  };
}

// In this order, so the first problem reported is the first bad part as read on the form.
const PARTS: readonly PartRule[] = [
  {
    key: 'buildingNumber',
    required: true,
    reason: 'invalid_building_number',
    problem: digitsProblem(/^\d{4}$/, 'exactly 4 digits'),
  },
  { key: 'street', required: true, reason: 'invalid_street', problem: textProblem(100) },
  { key: 'district', required: true, reason: 'invalid_district', problem: textProblem(100) },
  { key: 'city', required: true, reason: 'invalid_city', problem: textProblem(60) },
  { key: 'postalCode', required: true, reason: 'invalid_postal_code', problem: postalCodeProblem },
  {
    key: 'additionalNumber',
    required: true,
    reason: 'invalid_additional_number',
    problem: digitsProblem(/^\d{4}$/, 'exactly 4 digits'),
  },
  {
    key: 'unitNumber',
    required: false,
    reason: 'invalid_unit_number',
    problem: digitsProblem(/^\d{1,4}$/, '1 to 4 digits'),
  },
  {
    key: 'shortAddress',
    required: false,
    reason: 'invalid_short_address',
    problem: shortAddressProblem,
    normalise: (value) => value.toUpperCase(),
  },
];

function examine(input: unknown, field: string) {
  const problems: NationalAddressProblem[] = [];
  const parts: Partial<Record<keyof NationalAddressParts, string>> = {};
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    problems.push({ field, reason: 'invalid_national_address', message: `${field} must be an object` });
    return { problems, parts };
  }
  for (const rule of PARTS) {
    const raw: unknown = (input as Record<string, unknown>)[rule.key];
    const path = `${field}.${rule.key}`;
    const fail = (problem: string) =>
      problems.push({ field: path, reason: rule.reason, message: `${path} ${problem}` });
    // A blank optional part is how forms send "none", so it counts as absent rather than invalid.
    if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) {
      if (rule.required) fail('is required');
      continue;
    }
    if (typeof raw !== 'string') {
      fail('must be a string');
      continue;
    }
    const value = raw.trim();
    const problem = rule.problem(value);
    if (problem) fail(problem);
    else parts[rule.key] = rule.normalise ? rule.normalise(value) : value;
  }
  return { problems, parts };
}

/** Everything wrong with an address, first bad part first; empty when it is valid. */
export function nationalAddressProblems(input: unknown, field = 'address'): NationalAddressProblem[] {
  return examine(input, field).problems;
}

/** True only for an address already in normalised form; use `nationalAddressProblems` to check raw input. */
export function isNationalAddress(value: unknown): value is NationalAddress {
  const { problems, parts } = examine(value, 'address');
  return (
    problems.length === 0 && PARTS.every((rule) => (value as Record<string, unknown>)[rule.key] === parts[rule.key])
  );
}

export function parseNationalAddress(input: unknown, field = 'address'): NationalAddress {
  const { problems, parts } = examine(input, field);
  const [first] = problems;
  if (first) throw new DomainValidationError(first.field, first.reason, first.message);
  return parts as NationalAddress;
}

/** The one-line form Saudi Post uses: `8228 King Fahd Road, Al Olaya, Riyadh 12214-3890`. */
export function formatNationalAddress(address: NationalAddress): string {
  const unit = address.unitNumber ? ` unit ${address.unitNumber}` : '';
  return (
    `${address.buildingNumber} ${address.street}${unit}, ${address.district}, ` +
    `${address.city} ${address.postalCode}-${address.additionalNumber}`
  );
}
