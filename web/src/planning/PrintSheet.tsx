import type { Mission } from '@relais/schema';
import { useTranslation } from 'react-i18next';
import type { BoardAbsence } from './board-absences';
import type { BoardRow } from './board-rows';
import { assigneeKey } from './drop-target';
import type { BlockVoyage } from './block-models';
import { shortDay } from './mission-name';

interface PrintSheetProps {
  days: readonly string[];
  rows: readonly BoardRow[];
  byRowAndDay: ReadonlyMap<string, Readonly<Mission>[]>;
  absences: ReadonlyMap<string, BoardAbsence>;
  voyageOf: (mission: Readonly<Mission>) => BlockVoyage | undefined;
  endOf: (mission: Readonly<Mission>) => string;
  unassigned: readonly Readonly<Mission>[];
}

/**
 * The board on paper: one A4 landscape page per shown day, a line per chauffeur or subcontractor
 * with its missions in order (only drawn for printing; the print stylesheet hides the screen board).
 */
export function PrintSheet({ days, rows, byRowAndDay, absences, voyageOf, endOf, unassigned }: PrintSheetProps) {
  const { t, i18n } = useTranslation();
  return (
    <div className="print-sheet" data-testid="planning-print-sheet">
      {days.map((day) => {
        const loose = unassigned.filter((mission) => mission.date_mission === day);
        return (
          <section key={day} className="print-day">
            <h1>{t('board.printedOn', { day: shortDay(day, i18n.language) })}</h1>
            <table>
              <tbody>
                {rows.map((row) => {
                  const key = assigneeKey(row.assignee);
                  const absence = absences.get(`${key}|${day}`);
                  const missions = byRowAndDay.get(`${key}|${day}`) ?? [];
                  return (
                    <tr key={key}>
                      <th scope="row">{row.name}</th>
                      <td>
                        {absence ? <span className="print-absence">{t(`absences.type.${absence.type_absence}`)}</span> : null}
                        {missions.map((mission) => (
                          <PrintMission key={mission.id} mission={mission} voyage={voyageOf(mission)} end={endOf(mission)} />
                        ))}
                      </td>
                    </tr>
                  );
                })}
                {loose.length > 0 ? (
                  <tr>
                    <th scope="row">{t('planning.unassigned')}</th>
                    <td>
                      {loose.map((mission) => (
                        <PrintMission key={mission.id} mission={mission} voyage={voyageOf(mission)} end={endOf(mission)} />
                      ))}
                    </td>
                  </tr>
                ) : null}
              </tbody>
            </table>
          </section>
        );
      })}
    </div>
  );
}

function PrintMission({ mission, voyage, end }: { mission: Readonly<Mission>; voyage: BlockVoyage | undefined; end: string }) {
  const { t } = useTranslation();
  return (
    <span className="print-mission" style={{ borderLeftColor: voyage?.couleur ?? '#1f3a5f' }}>
      <strong>
        {mission.heure_debut}–{end}
      </strong>{' '}
      {mission.destination}
      {mission.nb_palettes !== undefined ? ` · ${t('board.pallets', { count: mission.nb_palettes })}` : ''}
      {voyage ? ` · ${voyage.code}` : ''}
    </span>
  );
}
