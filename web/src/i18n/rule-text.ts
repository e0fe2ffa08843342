import type { TFunction } from 'i18next';
import { errorKey } from './errors';

/** A rule the server (or the domain, on this PC) said was broken: its code, its French text, what it names. */
export interface RuleReason {
  code: string;
  message: string;
  params?: Record<string, string | number> | undefined;
}

/**
 * A broken rule for the user: in French, the server's own sentence (it names the document with its
 * gender and number); in another language, the catalogue's message for the code, with its params;
 * a code the catalogue lacks keeps the server's sentence.
 */
export function ruleText(reason: RuleReason, language: string, t: TFunction): string {
  const key = errorKey(reason.code);
  if (language.startsWith('fr') || key === 'errors.UNKNOWN') {
    return reason.message;
  }
  return t(key, { ...reason.params, defaultValue: reason.message });
}
