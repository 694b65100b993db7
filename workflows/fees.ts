import type { DeliveryMethod, RenewalPolicy } from './contract';

export interface Fee {
  feeSar: number;
  postageSar: number;
  totalSar: number;
}

/** The passport fee for the validity chosen, plus postage for home delivery. */
export function feeFor(validityYears: 5 | 10, delivery: DeliveryMethod, fees: RenewalPolicy['fees']): Fee {
  const feeSar = validityYears === 10 ? fees.tenYearsSar : fees.fiveYearsSar;
  const postageSar = delivery === 'POST' ? fees.postageSar : 0;
  return { feeSar, postageSar, totalSar: feeSar + postageSar };
}
