/**
 * Old passports presented at the counter that do not match the record, after
 * which operators are alerted (possible fraud) and the counter page stops
 * taking attempts.
 */
export const COUNTER_MISMATCHES_BEFORE_ALERT = 3;
