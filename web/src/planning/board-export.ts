import type { Mission, Voyage } from '@relais/schema';
import type { TFunction } from 'i18next';
import { boardCsv, csvColumns, type CsvLine } from './board-csv';
import { shortDay } from './mission-name';

interface ExportInput {
  missions: readonly Readonly<Mission>[];
  days: readonly string[];
  /** The name of a mission's chauffeur or subcontractor (empty when unassigned). */
  resourceOf: (mission: Readonly<Mission>) => string;
  voyages: ReadonlyMap<string, Pick<Voyage, 'code'>>;
  endOf: (mission: Readonly<Mission>) => string;
  t: TFunction;
  language: string;
}

/** The CSV of the missions of `days`, in words, sorted by day and start time. */
export function boardExport({ missions, days, resourceOf, voyages, endOf, t, language }: ExportInput): string {
  const first = days[0] ?? '';
  const last = days[days.length - 1] ?? '';
  const lines: CsvLine[] = missions
    .filter((mission) => mission.date_mission >= first && mission.date_mission <= last)
    .slice()
    .sort((a, b) => a.date_mission.localeCompare(b.date_mission) || a.heure_debut.localeCompare(b.heure_debut))
    .map((mission) => ({
      date: shortDay(mission.date_mission, language),
      start: mission.heure_debut,
      end: endOf(mission),
      resource: resourceOf(mission),
      voyage: mission.voyage_id ? (voyages.get(mission.voyage_id)?.code ?? '') : '',
      depart: mission.depart ?? '',
      destination: mission.destination,
      pallets: mission.nb_palettes === undefined ? '' : String(mission.nb_palettes),
      statut: t(`missions.statut.${mission.statut}`),
      comment: mission.commentaire ?? '',
    }));
  const headers = Object.fromEntries(csvColumns.map((column) => [column, t(`board.csv.${column}`)])) as Record<(typeof csvColumns)[number], string>;
  return boardCsv(lines, headers);
}

/** Saves a text as a file through the browser's download. */
export function downloadText(text: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}
