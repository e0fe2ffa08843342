import { formatDayShort } from '../ui/document-names';
import type { Mission } from '@relais/schema';

/** A mission as people call it: "Rungis → Lyon, mar. 8 déc. 06:00" (no id, no ISO date). */
export function missionName(mission: Pick<Mission, 'destination' | 'depart' | 'date_mission' | 'heure_debut'>, language: string): string {
  const date = shortDay(mission.date_mission, language);
  const route = mission.depart ? `${mission.depart} → ${mission.destination}` : mission.destination;
  return `${route}, ${date} ${mission.heure_debut}`;
}

/** A day as a short French label ("lun. 7 déc."), with the one formatter per language the app keeps. */
export function shortDay(day: string, language: string): string {
  return formatDayShort(day, language);
}
