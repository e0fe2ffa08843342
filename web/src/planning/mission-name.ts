import type { Mission } from '@relais/schema';

/** A mission as people call it: "Rungis → Lyon, mar. 8 déc. 06:00" (no id, no ISO date). */
export function missionName(mission: Pick<Mission, 'destination' | 'depart' | 'date_mission' | 'heure_debut'>, language: string): string {
  const date = shortDay(mission.date_mission, language);
  const route = mission.depart ? `${mission.depart} → ${mission.destination}` : mission.destination;
  return `${route}, ${date} ${mission.heure_debut}`;
}

/** A day as a short French label ("lun. 7 déc."). */
export function shortDay(day: string, language: string): string {
  const [year, month, dayOfMonth] = day.split('-').map(Number);
  return new Intl.DateTimeFormat(language, { weekday: 'short', day: 'numeric', month: 'short' }).format(
    new Date(year ?? 1970, (month ?? 1) - 1, dayOfMonth ?? 1),
  );
}
