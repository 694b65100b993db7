/**
 * Riyadh's time for people reading the Temporal UI: `2026-12-08 14:30 Riyadh (UTC+3)`. Saudi Arabia keeps UTC+3
 * all year (no daylight saving), so a fixed offset is exact; and it is deterministic in workflow code, where an
 * Intl time-zone look-up would depend on the worker host's ICU data.
 */
export const RIYADH_OFFSET_MS = 3 * 60 * 60 * 1000;

/** `instant` as a Riyadh wall-clock time to the minute, saying its zone. */
export function riyadhTime(instant: Date): string {
  const local = new Date(instant.getTime() + RIYADH_OFFSET_MS).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, 16)} Riyadh (UTC+3)`;
}
