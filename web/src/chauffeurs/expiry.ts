import { dayNumber } from '@relais/domain';
import type { Chauffeur } from '@relais/schema';

/** The validity dates the list warns about, in display order. */
export const validityFields = ['permis_validite', 'fimo_validite', 'adr_validite', 'visite_medicale_validite'] as const;
export type ValidityField = (typeof validityFields)[number];

/** `expired`: the last valid day is past; `soon`: it is within `warningDays` days. */
export type ExpiryLevel = 'expired' | 'soon';

export interface ExpiryWarning {
  field: ValidityField;
  level: ExpiryLevel;
  /** The last valid day. */
  date: string;
  /** Days from today to the last valid day (negative once expired). */
  days: number;
}

/** Days get orange this many days before they expire. */
export const expiryWarningDays = 30;

/** The level of one validity date against `today` (both `YYYY-MM-DD`), or none when it is far enough. */
export function expiryLevel(lastValidDay: string, today: string, warningDays = expiryWarningDays): ExpiryLevel | undefined {
  const days = dayNumber(lastValidDay) - dayNumber(today);
  if (days < 0) {
    return 'expired';
  }
  return days <= warningDays ? 'soon' : undefined;
}

/** The warnings of a chauffeur's validity dates (licence, FIMO, ADR, medical check) against `today`. */
export function expiryWarnings(chauffeur: Readonly<Partial<Pick<Chauffeur, ValidityField>>>, today: string): ExpiryWarning[] {
  const warnings: ExpiryWarning[] = [];
  for (const field of validityFields) {
    const date = chauffeur[field];
    if (date === undefined) {
      continue;
    }
    const level = expiryLevel(date, today);
    if (level) {
      warnings.push({ field, level, date, days: dayNumber(date) - dayNumber(today) });
    }
  }
  return warnings;
}
