/**
 * The short reference of a renewal, what a citizen reads over the phone instead of its 36-character id:
 * `PR-7K3M-9QX2`. Seven symbols of Crockford's base32 (digits and capitals without I, L, O and U, so nothing
 * reads as another symbol) carry 35 bits, and an eighth is a check symbol (Luhn mod 32), which catches every
 * single mistyped symbol and nearly every swap of two neighbours.
 *
 * The 35 bits are not drawn at random: PostgreSQL hands each renewal the next number of a sequence
 * (`renewals.reference_number`), unique by construction, and the reference is that number passed through a fixed
 * permutation of the 35-bit numbers. So references need no retry on a collision, and consecutive renewals do
 * not get neighbouring references (which would tell how many renewals were opened between two of them). The
 * permutation is not a secret and the reference grants nothing: reading a renewal still takes the right role.
 */

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const BASE = 32n;
const DATA_SYMBOLS = 7;
const BITS = 35n;
const MASK = (1n << BITS) - 1n;

/** How many references there are: the sequence may hand out numbers below this. */
export const REFERENCE_SPACE = 2 ** 35;

/** The shape the OpenAPI document states (a 400 if not met): the prefix and hyphens optional, either case. */
export const RENEWAL_REFERENCE_SHAPE = /^(?:[Pp][Rr]-?)?[0-9A-TV-Za-tv-z]{4}-?[0-9A-TV-Za-tv-z]{4}$/;

// The permutation: xor with a constant, then two rounds of multiply-by-odd and xorshift, each invertible modulo
// 2^35. Multiplication spreads low bits upwards and the shift spreads high bits downwards.
const XOR = 0x5_a3c9_6e1dn & MASK;
const MULTIPLIERS = [0x2_9e37_79b9n | 1n, 0x4_f1bb_cdcbn | 1n].map((m) => m & MASK);
const SHIFTS = [17n, 13n];

function inverseOf(odd: bigint): bigint {
  // Newton's iteration doubles the correct low bits each time; an odd number is its own inverse modulo 8.
  let inverse = odd;
  for (let i = 0; i < 5; i++) inverse = (inverse * (2n - odd * inverse)) & MASK;
  return inverse;
}
const INVERSES = MULTIPLIERS.map(inverseOf);

function unshift(value: bigint, shift: bigint): bigint {
  let result = value;
  for (let done = shift; done < BITS; done += shift) result = value ^ (result >> shift);
  return result;
}

// The forward permutation runs for every renewal shown (50 a page), so it uses doubles, exact below 2^53, rather
// than BigInt (ten times slower); its inverse, for the rare reference typed in, is BigInt. The tests hold them to
// being each other's inverse.
const SPACE = 2 ** 35;
const TWO_32 = 2 ** 32;
const NUMBER_XOR = Number(XOR);
const NUMBER_MULTIPLIERS = MULTIPLIERS.map(Number);
const NUMBER_SHIFTS = SHIFTS.map(Number);

/** a × b modulo 2^35, for a and b below 2^35, without leaving the doubles' exact range. */
function mulmod(a: number, b: number): number {
  const low = b % 2 ** 18;
  const high = (b - low) / 2 ** 18;
  return (((a * low) % SPACE) + ((a * high) % 2 ** 17) * 2 ** 18) % SPACE;
}

/** a XOR b for a and b below 2^35 (JavaScript's ^ keeps 32 bits). */
function xor(a: number, b: number): number {
  const aLow = a % TWO_32;
  const bLow = b % TWO_32;
  return (((a - aLow) / TWO_32) ^ ((b - bLow) / TWO_32)) * TWO_32 + ((aLow ^ bLow) >>> 0);
}

function permute(sequence: number): number {
  let x = xor(sequence, NUMBER_XOR);
  for (let round = 0; round < NUMBER_MULTIPLIERS.length; round++) {
    x = mulmod(x, NUMBER_MULTIPLIERS[round]);
    x = xor(x, Math.floor(x / 2 ** NUMBER_SHIFTS[round]));
  }
  return x;
}

function unpermute(scrambled: bigint): bigint {
  let x = scrambled;
  for (let round = MULTIPLIERS.length - 1; round >= 0; round--) {
    x = unshift(x, SHIFTS[round]);
    x = (x * INVERSES[round]) & MASK;
  }
  return x ^ XOR;
}

/** Luhn mod N over symbol values, rightmost first: `withCheck` when the last value is the check itself. */
function luhnSum(values: number[], withCheck: boolean): number {
  let factor = withCheck ? 1 : 2;
  let sum = 0;
  for (let i = values.length - 1; i >= 0; i--) {
    const addend = factor * values[i];
    sum += Math.floor(addend / 32) + (addend % 32);
    factor = factor === 2 ? 1 : 2;
  }
  return sum % 32;
}

/** The reference of the renewal that drew `sequence` (a whole number below REFERENCE_SPACE). */
export function formatRenewalReference(sequence: number | string | bigint): string {
  const n = Number(sequence);
  if (!Number.isInteger(n) || n < 0 || n >= SPACE) {
    throw new RangeError(`A reference number must be a whole number in [0, 2^35), not ${sequence}`);
  }
  let x = permute(n);
  const values: number[] = [];
  for (let i = 0; i < DATA_SYMBOLS; i++) {
    values.unshift(x % 32);
    x = Math.floor(x / 32);
  }
  values.push((32 - luhnSum(values, false)) % 32);
  const symbols = values.map((value) => ALPHABET[value]).join('');
  return `PR-${symbols.slice(0, 4)}-${symbols.slice(4)}`;
}

/** A reference as typed or heard, read back to its sequence number; or why it is not one. */
export type ParsedReference = { sequence: number } | { problem: string };

/**
 * Reads a reference in any of the ways a person writes it: either case, with or without `PR` and hyphens, an
 * O for a zero and an I or L for a one (Crockford's reading). A value of the wrong shape, or whose check
 * symbol does not fit (a typo), is refused with the reason.
 */
export function parseRenewalReference(text: string): ParsedReference {
  if (!RENEWAL_REFERENCE_SHAPE.test(text)) {
    return { problem: 'must look like PR-7K3M-9QX2: eight letters or digits (no U), PR and hyphens optional' };
  }
  let symbols = text.toUpperCase().replace(/-/g, '');
  if (symbols.length === 10) symbols = symbols.slice(2);
  const values = [...symbols.replace(/O/g, '0').replace(/[IL]/g, '1')].map((symbol) => ALPHABET.indexOf(symbol));
  if (luhnSum(values, true) !== 0) {
    return {
      problem: 'does not check out (its last symbol does not fit the others): a symbol was misread or mistyped',
    };
  }
  const scrambled = values.slice(0, DATA_SYMBOLS).reduce((x, value) => x * BASE + BigInt(value), 0n);
  return { sequence: Number(unpermute(scrambled)) };
}
