const WEIGHTS = [8, 6, 4, 2, 3, 5, 9, 7];

/** The UPU S10 check digit of an 8-digit serial number. */
export function s10CheckDigit(serial: string): number {
  const sum = [...serial].reduce((total, digit, i) => total + Number(digit) * WEIGHTS[i], 0);
  const check = 11 - (sum % 11);
  return check === 10 ? 0 : check === 11 ? 5 : check;
}

/**
 * A Saudi Post tracking number in the international S10 format used on
 * registered items: service indicator `RR`, 8-digit serial, check digit, `SA`.
 */
export function trackingNumber(serial: number): string {
  const digits = String(serial).padStart(8, '0');
  if (!/^\d{8}$/.test(digits)) throw new Error('an S10 serial has 8 digits');
  return `RR${digits}${s10CheckDigit(digits)}SA`;
}
