import type { Lang } from './messages';

/** Every time is shown as it is in Riyadh, wherever the browser is. */
export const RIYADH = 'Asia/Riyadh';

const locale = (lang: Lang) => (lang === 'ar' ? 'ar-SA' : 'en-GB');

export function formatDateTime(iso: string, lang: Lang): string {
  return new Intl.DateTimeFormat(`${locale(lang)}-u-ca-gregory`, {
    timeZone: RIYADH,
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(iso));
}

/** A time of day in Riyadh, e.g. when a session ends. */
export function formatTime(ms: number, lang: Lang): string {
  return new Intl.DateTimeFormat(`${locale(lang)}-u-ca-gregory`, { timeZone: RIYADH, timeStyle: 'short' }).format(
    new Date(ms),
  );
}

/** A calendar date (YYYY-MM-DD, no time of day), shown as that day. */
export function formatDay(day: string, lang: Lang): string {
  return new Intl.DateTimeFormat(`${locale(lang)}-u-ca-gregory`, { timeZone: 'UTC', dateStyle: 'long' }).format(
    new Date(`${day}T00:00:00Z`),
  );
}

/** The same instant's day in the Hijri (Umm al-Qura) calendar, as Saudi deadlines are read. */
export function formatHijriDay(iso: string, lang: Lang): string {
  return new Intl.DateTimeFormat(`${locale(lang)}-u-ca-islamic-umalqura`, {
    timeZone: RIYADH,
    dateStyle: 'long',
  }).format(new Date(iso));
}

export function formatSar(amount: number, lang: Lang): string {
  return new Intl.NumberFormat(locale(lang), { style: 'currency', currency: 'SAR', maximumFractionDigits: 0 }).format(
    amount,
  );
}

/** "3 minutes", "2 hours", "5 days": how long ago a deadline passed. */
export function formatDuration(ms: number, lang: Lang): string {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  const [value, unit] =
    minutes < 120
      ? [minutes, 'minute']
      : minutes < 48 * 60
        ? [Math.round(minutes / 60), 'hour']
        : [Math.round(minutes / 1440), 'day'];
  return new Intl.NumberFormat(locale(lang), { style: 'unit', unit, unitDisplay: 'long' }).format(value);
}
