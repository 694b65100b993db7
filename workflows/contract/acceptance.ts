import { ageOn } from './citizen';

/**
 * The terms a citizen chooses when accepting a renewal, and the pure rules
 * over them: the API's DTOs, the review it answers, the workflow's validator
 * and fee, and the citizen's page all read these, so an offer and its
 * acceptance can never disagree. Nothing here imports anything but the
 * contract, so the pages may bundle it.
 */

/** Collected at the passport office's counter, or delivered home by Saudi Post. */
export const DELIVERY_METHODS = ['PICKUP', 'POST'] as const;

export type DeliveryMethod = (typeof DELIVERY_METHODS)[number];

/** The validities (years) a passport is issued for. */
export const VALIDITY_YEARS = [5, 10] as const;

export type ValidityYears = (typeof VALIDITY_YEARS)[number];

/**
 * The validities a person born on `dateOfBirth` may choose on `today`: only the
 * shortest below the policy's minimum age for ten years.
 */
export function allowedValidityYears(dateOfBirth: string, today: Date, minAgeForTenYears: number): ValidityYears[] {
  return ageOn(dateOfBirth, today) < minAgeForTenYears ? [5] : [...VALIDITY_YEARS];
}

/** The pledges a citizen accepts by default (the policy may require others; the pages name these three). */
export const STANDARD_PLEDGE_IDS = ['DATA_ACCURACY', 'OLD_PASSPORT_SURRENDER', 'LOSS_REPORTING'] as const;

/** The fees of the renewal policy, in Saudi riyals. */
export interface Fees {
  fiveYearsSar: number;
  tenYearsSar: number;
  /** Added for home delivery. */
  postageSar: number;
}

/** What a renewal costs the citizen: the amount of its SADAD bill. */
export interface Fee {
  feeSar: number;
  postageSar: number;
  totalSar: number;
}

/** The passport fee for the validity chosen, plus postage for home delivery. */
export function feeFor(validityYears: ValidityYears, delivery: DeliveryMethod, fees: Fees): Fee {
  const feeSar = validityYears === 10 ? fees.tenYearsSar : fees.fiveYearsSar;
  const postageSar = delivery === 'POST' ? fees.postageSar : 0;
  return { feeSar, postageSar, totalSar: feeSar + postageSar };
}
