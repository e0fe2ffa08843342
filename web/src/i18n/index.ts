import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { adminCatalogue } from '../admin/catalogue';
import type { invoicingCatalogue } from '../invoicing/catalogue';
import { fr, type CoreMessages } from './fr';

/**
 * Every text the app may show: the core catalogue of the first screen, and those the console and
 * invoicing download with their screens. `t` is typed against all of them, so a missing message
 * fails typecheck whichever chunk carries it.
 */
export type Messages = CoreMessages & (typeof adminCatalogue)['fr'] & (typeof invoicingCatalogue)['fr'];

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

/** A lazily loaded module's texts in both languages, each under its own top-level keys. */
export type Catalogue = Record<Language, Record<string, object>>;

/**
 * Adds a module's texts, merged under the core's keys (`admin.screens` is core, the rest of
 * `admin` is the console's). Call it before the module's screens render: `t` finds them from then on.
 */
export function addCatalogue(catalogue: Catalogue): void {
  for (const language of languages) {
    i18next.addResourceBundle(language, 'translation', catalogue[language], true, false);
  }
}

/** The core texts of a language: French is bundled, English is downloaded when it is chosen. */
async function loadLanguage(language: Language): Promise<void> {
  if (language === 'en' && !i18next.hasResourceBundle('en', 'translation')) {
    const { en } = await import('./en');
    i18next.addResourceBundle('en', 'translation', en, true, false);
  }
}

/**
 * Initialises i18next in the language the user chose on this device (French by default); resolves
 * once its texts are there, so the first render never shows a key.
 */
export async function initI18n(): Promise<typeof i18next> {
  const language = storedLanguage();
  await i18next.use(initReactI18next).init({
    resources: { fr: { translation: fr } },
    lng: 'fr',
    fallbackLng: 'fr',
    supportedLngs: [...languages],
    initAsync: false,
    interpolation: { escapeValue: false },
  });
  applyLanguage('fr');
  i18next.on('languageChanged', applyLanguage);
  if (language !== 'fr') {
    await loadLanguage(language);
    await i18next.changeLanguage(language);
  }
  return i18next;
}

/** Switches the language (once its texts are downloaded) and remembers the choice on this device. */
export async function setLanguage(language: Language): Promise<void> {
  try {
    globalThis.localStorage?.setItem(storageKey, language);
  } catch {
    // Private browsing may forbid storage; the choice then lasts for this session only.
  }
  await loadLanguage(language);
  await i18next.changeLanguage(language);
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
