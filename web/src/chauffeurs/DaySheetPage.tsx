import { today } from '@relais/domain';
import type { Mission, Voyage } from '@relais/schema';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDatabase, useQueryResults } from '../sync/hooks';
import { formatDayLong, isValidDay } from '../ui/format';
import { useVoyages } from '../voyages/use-voyages';
import { chauffeurName } from './chauffeur-form';
import { daySheetLines } from './day-sheet';
import { useChauffeurs } from './use-chauffeurs';
import './day-sheet.css';

/** One chauffeur's missions of one day, in order, to print and hand over. */
export function DaySheetPage() {
  const { t, i18n } = useTranslation();
  const db = useDatabase();
  const chauffeurs = useChauffeurs();
  const voyages = useVoyages();
  const [chauffeurId, setChauffeurId] = useState('');
  const [day, setDay] = useState(() => today());
  const query = useMemo(
    () => db.missions.find({ selector: { date_mission: isValidDay(day) ? day : '' }, sort: [{ heure_debut: 'asc' }] }),
    [db, day],
  );
  const missions = useQueryResults(query);
  const chauffeur = chauffeurs?.find((item) => item.id === chauffeurId);
  const lines = useMemo(
    () =>
      chauffeur
        ? daySheetLines(
            (missions ?? []).map((mission) => mission.toJSON() as Mission),
            (voyages ?? []).map((voyage) => voyage.toJSON() as Voyage),
            chauffeur.id,
            day,
          )
        : [],
    [chauffeur, missions, voyages, day],
  );

  return (
    <section className="page day-sheet">
      <div className="toolbar no-print">
        <h1>{t('daySheet.title')}</h1>
        <label className="day-picker">
          <span>{t('daySheet.chauffeur')}</span>
          <select value={chauffeurId} data-testid="day-sheet-chauffeur" onChange={(event) => setChauffeurId(event.target.value)}>
            <option value="">{t('common.select')}</option>
            {chauffeurs?.map((item) => (
              <option key={item.id} value={item.id}>
                {chauffeurName(item)} ({item.code})
              </option>
            ))}
          </select>
        </label>
        <label className="day-picker">
          <span>{t('daySheet.day')}</span>
          <input type="date" value={day} data-testid="day-sheet-day" onChange={(event) => setDay(event.target.value)} />
        </label>
        <button type="button" className="button primary" disabled={!chauffeur} onClick={() => window.print()}>
          {t('daySheet.print')}
        </button>
      </div>
      {chauffeur && isValidDay(day) ? (
        <article className="sheet" data-testid="day-sheet">
          <header className="sheet-header">
            <h2>{chauffeurName(chauffeur)}</h2>
            <p className="day-long">{formatDayLong(day, i18n.language)}</p>
            {chauffeur.telephone ? <p className="muted">{chauffeur.telephone}</p> : null}
          </header>
          {lines.length === 0 ? (
            <p className="empty">{t('daySheet.empty')}</p>
          ) : (
            <table className="table sheet-table">
              <thead>
                <tr>
                  <th>{t('daySheet.time')}</th>
                  <th>{t('missions.fields.voyage_id')}</th>
                  <th>{t('missions.fields.depart')}</th>
                  <th>{t('missions.fields.destination')}</th>
                  <th className="num">{t('missions.fields.nb_palettes')}</th>
                  <th>{t('daySheet.vehicle')}</th>
                  <th>{t('missions.fields.commentaire')}</th>
                </tr>
              </thead>
              <tbody>
                {lines.map(({ mission, voyage }) => (
                  <tr key={mission.id} data-id={mission.id}>
                    <td className="mono">
                      {mission.heure_debut}
                      {mission.heure_fin ? `–${mission.heure_fin}` : ''}
                    </td>
                    <td>{voyage ? `${voyage.code} · ${voyage.nom}` : (mission.numero ?? '')}</td>
                    <td>{mission.depart ?? ''}</td>
                    <td>
                      <strong>{mission.destination}</strong>
                      {mission.pays ? <span className="muted"> · {mission.pays}</span> : null}
                    </td>
                    <td className="num">{mission.nb_palettes ?? ''}</td>
                    <td className="mono">{[mission.tracteur, mission.remorque].filter((part) => part !== undefined).join(' / ')}</td>
                    <td className="comment-cell">{mission.commentaire ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </article>
      ) : (
        <p className="empty no-print">{t('daySheet.pick')}</p>
      )}
    </section>
  );
}
