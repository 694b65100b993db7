/**
 * The languages citizens are written to in: Arabic, the default, and English
 * for those whose registry record says they prefer it.
 */
export const LANGUAGES = ['ar', 'en'] as const;

export type Language = (typeof LANGUAGES)[number];

export const DEFAULT_LANGUAGE: Language = 'ar';
