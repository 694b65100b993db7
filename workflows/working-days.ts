/**
 * Working-day arithmetic for the pickup window. The Saudi working week runs
 * Sunday to Thursday; Friday and Saturday are the weekend, and public holidays
 * (from the policy) are skipped too. Days are counted in Riyadh time (UTC+3,
 * no daylight saving), since that is where the offices open and close.
 */
import { RIYADH_OFFSET_MS } from './contract';

const DAY_MS = 24 * 60 * 60 * 1000;
const FRIDAY = 5;
const SATURDAY = 6;

function riyadhDate(instant: Date): Date {
  return new Date(instant.getTime() + RIYADH_OFFSET_MS);
}

export function isWorkingDay(instant: Date, holidays: readonly string[]): boolean {
  const local = riyadhDate(instant);
  const weekday = local.getUTCDay();
  return weekday !== FRIDAY && weekday !== SATURDAY && !holidays.includes(local.toISOString().slice(0, 10));
}

/**
 * The end (Riyadh midnight) of the `count`-th working day after `from`. The day
 * a passport becomes ready does not count: the window starts the next working day.
 */
export function endOfWorkingDays(from: Date, count: number, holidays: readonly string[]): Date {
  const local = riyadhDate(from);
  let dayStart = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) - RIYADH_OFFSET_MS;
  let counted = 0;
  while (counted < count) {
    dayStart += DAY_MS;
    if (isWorkingDay(new Date(dayStart), holidays)) counted += 1;
  }
  return new Date(dayStart + DAY_MS);
}
