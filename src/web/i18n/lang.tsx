import { createContext, type ComponentChildren } from 'preact';
import { useContext, useMemo, useState } from 'preact/hooks';
import { type Lang, type MessageKey, type Params, translate } from './messages';

const STORAGE_KEY = 'passport-renewal.lang';

/** Arabic unless the visitor chose English (kept across pages and visits). */
export function initialLang(): Lang {
  return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'ar';
}

/** The document follows the language: `lang` for screen readers, `dir` for right-to-left layout. */
export function applyLang(lang: Lang, titleKey: MessageKey): void {
  document.documentElement.lang = lang;
  document.documentElement.dir = lang === 'ar' ? 'rtl' : 'ltr';
  document.title = `${translate(lang, titleKey)} — ${translate(lang, 'appTitle')}`;
}

export interface I18n {
  lang: Lang;
  t(key: MessageKey, params?: Params): string;
  switchLang(): void;
}

const I18nContext = createContext<I18n | undefined>(undefined);

export function I18nProvider(props: { titleKey: MessageKey; children: ComponentChildren }) {
  const [lang, setLang] = useState<Lang>(initialLang);
  const value = useMemo<I18n>(() => {
    applyLang(lang, props.titleKey);
    return {
      lang,
      t: (key, params) => translate(lang, key, params),
      switchLang: () => {
        const next: Lang = lang === 'ar' ? 'en' : 'ar';
        localStorage.setItem(STORAGE_KEY, next);
        setLang(next);
      },
    };
  }, [lang, props.titleKey]);
  return <I18nContext.Provider value={value}>{props.children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n outside I18nProvider');
  return i18n;
}
