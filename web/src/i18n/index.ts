import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { fr, type Messages } from './fr';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
  }
}

export const languages = ['fr', 'en'] as const;
export type Language = (typeof languages)[number];

const storageKey = 'relais-langue';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

function storedLanguage(): Language {
  try {
    const stored = globalThis.localStorage?.getItem(storageKey);
    return isLanguage(stored) ? stored : 'fr';
  } catch {
    return 'fr';
  }
}

function applyLanguage(language: string): void {
  if (typeof document !== 'undefined') {
    document.documentElement.lang = language;
  }
}

/** Initialises i18next synchronously (the resources are bundled), French unless the user chose otherwise. */
export function initI18n(): typeof i18next {
  const language = storedLanguage();
  void i18next.use(initReactI18next).init({
    resources: { fr: { translation: fr }, en: { translation: en } },
    lng: language,
    fallbackLng: 'fr',
    supportedLngs: [...languages],
    initAsync: false,
    interpolation: { escapeValue: false },
  });
  applyLanguage(language);
  i18next.on('languageChanged', applyLanguage);
  return i18next;
}

/** Switches the language and remembers the choice on this device. */
export function setLanguage(language: Language): void {
  try {
    globalThis.localStorage?.setItem(storageKey, language);
  } catch {
    // Private browsing may forbid storage; the choice then lasts for this session only.
  }
  void i18next.changeLanguage(language);
}

type LooseTranslate = (key: string, options?: Record<string, unknown>) => string;

/**
 * Translates a key built at run time (a field name, an enum value), or returns `fallback` when the
 * resources have no such key. Call it from a component that uses `useTranslation` so it re-renders
 * when the language changes.
 */
export function translateKey(key: string, fallback: string, options?: Record<string, unknown>): string {
  return i18next.exists(key) ? (i18next.t as unknown as LooseTranslate)(key, options) : fallback;
}
