import type { typeAbsenceValues } from '@relais/schema';

type TypeAbsence = (typeof typeAbsenceValues)[number];

export interface BoardAbsence {
  chauffeur_id: string;
  date_debut: string;
  date_fin: string;
  type_absence: TypeAbsence;
  motif?: string | undefined;
}

/**
 * The absence of each chauffeur row on each shown day (key `chauffeur:<id>|<day>`), so the board
 * draws it before anyone drops a mission there. Two absences on one day: the first one ending last wins.
 */
export function absencesByRowAndDay<T extends BoardAbsence>(absences: readonly T[], days: readonly string[]): Map<string, T> {
  const map = new Map<string, T>();
  for (const absence of absences) {
    for (const day of days) {
      if (day < absence.date_debut || day > absence.date_fin) {
        continue;
      }
      const key = `chauffeur:${absence.chauffeur_id}|${day}`;
      const current = map.get(key);
      if (!current || current.date_fin < absence.date_fin) {
        map.set(key, absence);
      }
    }
  }
  return map;
}
