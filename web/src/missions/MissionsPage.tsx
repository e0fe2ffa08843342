import { removeDocument } from '@relais/replica';
import type { Chauffeur, Mission, Voyage } from '@relais/schema';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RxDocument } from 'rxdb';
import { chauffeurName } from '../chauffeurs/chauffeur-form';
import { useDatabase, useQueryResults } from '../sync/hooks';
import { formatDayLong, isValidDay, shiftDay, todayIso } from '../ui/format';
import { logger } from '../ui/logger';
import { MissionForm } from './MissionForm';

type Editing = { mode: 'create' } | { mode: 'edit'; id: string } | null;

function byId<T extends { id: string }>(docs: readonly T[] | undefined): Map<string, T> {
  return new Map((docs ?? []).map((doc) => [doc.id, doc]));
}

interface MissionRowProps {
  mission: RxDocument<Mission>;
  chauffeur: Readonly<Chauffeur> | undefined;
  voyage: Readonly<Voyage> | undefined;
  onEdit: () => void;
}

function MissionRow({ mission, chauffeur, voyage, onEdit }: MissionRowProps) {
  const { t } = useTranslation();
  const remove = (): void => {
    if (window.confirm(t('missions.deleteConfirm', { time: mission.heure_debut, destination: mission.destination }))) {
      removeDocument(mission).catch((error: unknown) => logger.error('suppression de la mission impossible', error));
    }
  };
  return (
    <tr data-testid="mission-row" data-id={mission.id} className={`statut-${mission.statut}`}>
      <td className="col-time">
        <strong>{mission.heure_debut}</strong>
        {mission.heure_fin ? <span className="muted">–{mission.heure_fin}</span> : null}
      </td>
      <td className="col-destination">
        <span className="destination">{mission.destination}</span>
        {mission.pays ? <span className="muted"> · {mission.pays}</span> : null}
        {mission.commentaire ? (
          <span className="comment" title={mission.commentaire}>
            {mission.commentaire}
          </span>
        ) : null}
      </td>
      <td>{mission.depart ?? <span className="muted">{t('common.none')}</span>}</td>
      <td>
        {mission.chauffeur_id ? (
          chauffeur ? (
            chauffeurName(chauffeur)
          ) : (
            <span className="muted">{t('missions.unknownChauffeur')}</span>
          )
        ) : (
          <span className="muted">{t('common.none')}</span>
        )}
      </td>
      <td>
        {mission.voyage_id ? (
          voyage ? (
            <span className="chip" style={voyage.couleur ? { borderLeftColor: voyage.couleur } : undefined} title={voyage.nom}>
              {voyage.code}
            </span>
          ) : (
            <span className="muted">{t('missions.unknownVoyage')}</span>
          )
        ) : (
          <span className="muted">{t('common.none')}</span>
        )}
      </td>
      <td>{t(`missions.type.${mission.type_mission}`)}</td>
      <td className="num">{mission.nb_palettes ?? ''}</td>
      <td>
        <span className={`badge badge-${mission.statut}`}>{t(`missions.statut.${mission.statut}`)}</span>
      </td>
      <td className="col-actions">
        <button type="button" className="button small" data-testid="mission-edit" onClick={onEdit}>
          {t('common.edit')}
        </button>
        <button type="button" className="button small danger" data-testid="mission-delete" onClick={remove}>
          {t('common.delete')}
        </button>
      </td>
    </tr>
  );
}

/** The day's missions, the default page. */
export function MissionsPage() {
  const { t, i18n } = useTranslation();
  const db = useDatabase();
  const [day, setDay] = useState(todayIso);
  const [editing, setEditing] = useState<Editing>(null);

  const missionsQuery = useMemo(
    () => db.missions.find({ selector: { date_mission: day }, sort: [{ heure_debut: 'asc' }] }),
    [db, day],
  );
  const chauffeursQuery = useMemo(() => db.chauffeurs.find({ sort: [{ nom: 'asc' }, { prenom: 'asc' }] }), [db]);
  const voyagesQuery = useMemo(() => db.voyages.find({ sort: [{ code: 'asc' }] }), [db]);
  const missions = useQueryResults(missionsQuery);
  const chauffeurDocs = useQueryResults(chauffeursQuery);
  const voyageDocs = useQueryResults(voyagesQuery);
  const chauffeurs = useMemo(() => (chauffeurDocs ?? []).map((doc) => doc.toJSON() as Readonly<Chauffeur>), [chauffeurDocs]);
  const voyages = useMemo(() => (voyageDocs ?? []).map((doc) => doc.toJSON() as Readonly<Voyage>), [voyageDocs]);
  const chauffeursById = useMemo(() => byId(chauffeurs), [chauffeurs]);
  const voyagesById = useMemo(() => byId(voyages), [voyages]);

  const editedDoc = editing?.mode === 'edit' ? missions?.find((mission) => mission.id === editing.id) : undefined;
  const changeDay = (next: string): void => {
    if (isValidDay(next)) {
      setDay(next);
    }
  };

  return (
    <section className="page">
      <div className="toolbar">
        <h1>{t('missions.title')}</h1>
        <div className="day-picker">
          <button type="button" className="button icon" onClick={() => changeDay(shiftDay(day, -1))} aria-label={t('missions.previousDay')} title={t('missions.previousDay')}>
            ‹
          </button>
          <input
            type="date"
            data-testid="mission-date-filter"
            aria-label={t('missions.dateFilter')}
            value={day}
            onChange={(event) => changeDay(event.target.value)}
          />
          <button type="button" className="button icon" onClick={() => changeDay(shiftDay(day, 1))} aria-label={t('missions.nextDay')} title={t('missions.nextDay')}>
            ›
          </button>
          <button type="button" className="button ghost" onClick={() => setDay(todayIso())} disabled={day === todayIso()}>
            {t('missions.today')}
          </button>
        </div>
        <span className="toolbar-info">
          <span className="day-long">{formatDayLong(day, i18n.language)}</span>
          {missions ? <span className="muted"> · {t('missions.count', { n: missions.length })}</span> : null}
        </span>
        <button type="button" className="button primary" data-testid="mission-new" onClick={() => setEditing({ mode: 'create' })}>
          + {t('missions.new')}
        </button>
      </div>

      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th className="col-time">{t('missions.timeColumn')}</th>
              <th>{t('missions.fields.destination')}</th>
              <th>{t('missions.fields.depart')}</th>
              <th>{t('missions.fields.chauffeur_id')}</th>
              <th>{t('missions.fields.voyage_id')}</th>
              <th>{t('missions.fields.type_mission')}</th>
              <th className="num">{t('missions.fields.nb_palettes')}</th>
              <th>{t('missions.fields.statut')}</th>
              <th className="col-actions">
                <span className="sr-only">{t('common.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {missions?.map((mission) => (
              <MissionRow
                key={mission.id}
                mission={mission}
                chauffeur={mission.chauffeur_id ? chauffeursById.get(mission.chauffeur_id) : undefined}
                voyage={mission.voyage_id ? voyagesById.get(mission.voyage_id) : undefined}
                onEdit={() => setEditing({ mode: 'edit', id: mission.id })}
              />
            ))}
          </tbody>
        </table>
        {missions === undefined ? <p className="empty">{t('common.loading')}</p> : null}
        {missions?.length === 0 ? <p className="empty">{t('missions.empty')}</p> : null}
      </div>

      {editing && (editing.mode === 'create' || editedDoc) ? (
        <MissionForm
          key={editing.mode === 'edit' ? editing.id : 'new'}
          doc={editedDoc}
          day={day}
          chauffeurs={chauffeurs}
          voyages={voyages}
          onClose={() => setEditing(null)}
          onSaved={(savedDay) => {
            setEditing(null);
            changeDay(savedDay);
          }}
        />
      ) : null}
    </section>
  );
}
