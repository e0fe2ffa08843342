import type { Chauffeur, Mission, Voyage } from '@relais/schema';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMayEdit } from '../auth/use-session';
import type { RxDocument } from 'rxdb';
import { chauffeurName } from '../chauffeurs/chauffeur-form';
import { useChauffeurs } from '../chauffeurs/use-chauffeurs';
import { useDatabase, useQueryResults } from '../sync/hooks';
import { formatDayLong, isValidDay, shiftDay, todayIso } from '../ui/format';
import { ListPage, RowActions } from '../ui/ListPage';
import { useVoyages } from '../voyages/use-voyages';
import { MissionForm } from './MissionForm';
import { RefusedMissions } from './RefusedMissions';

function byId<T extends { id: string }>(docs: readonly T[] | undefined): Map<string, T> {
  return new Map((docs ?? []).map((doc) => [doc.id, doc]));
}

interface MissionRowProps {
  mission: RxDocument<Mission>;
  chauffeur: Readonly<Chauffeur> | undefined;
  voyage: Readonly<Voyage> | undefined;
  onEdit: () => void;
  editable: boolean;
}

function MissionRow({ mission, chauffeur, voyage, onEdit, editable }: MissionRowProps) {
  const { t } = useTranslation();
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
        {mission.facture_id !== undefined ? (
          <span className="badge badge-facturee" data-testid="mission-invoiced">
            {t('missions.invoiced')}
          </span>
        ) : null}
      </td>
      <RowActions
        editable={editable}
        doc={mission}
        onEdit={onEdit}
        deleteQuestion={() => t('missions.deleteConfirm', { time: mission.heure_debut, destination: mission.destination })}
        deleteFailedLog="suppression de la mission impossible"
        editTestId="mission-edit"
        deleteTestId="mission-delete"
      />
    </tr>
  );
}

/** The day's missions, the default page. */
export function MissionsPage() {
  const { t, i18n } = useTranslation();
  const db = useDatabase();
  const editable = useMayEdit('missions');
  const [day, setDay] = useState(todayIso);

  const missionsQuery = useMemo(
    () => db.missions.find({ selector: { date_mission: day }, sort: [{ heure_debut: 'asc' }] }),
    [db, day],
  );
  const missions = useQueryResults(missionsQuery);
  const chauffeurDocs = useChauffeurs();
  const voyageDocs = useVoyages();
  const chauffeurs = useMemo(() => (chauffeurDocs ?? []).map((doc) => doc.toJSON() as Readonly<Chauffeur>), [chauffeurDocs]);
  const voyages = useMemo(() => (voyageDocs ?? []).map((doc) => doc.toJSON() as Readonly<Voyage>), [voyageDocs]);
  const chauffeursById = useMemo(() => byId(chauffeurs), [chauffeurs]);
  const voyagesById = useMemo(() => byId(voyages), [voyages]);

  const changeDay = (next: string): void => {
    if (isValidDay(next)) {
      setDay(next);
    }
  };

  return (
    <ListPage
      banner={<RefusedMissions chauffeurs={chauffeurs} voyages={voyages} editable={editable} onResent={changeDay} />}
      editable={editable}
      title={t('missions.title')}
      toolbar={
        <>
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
        </>
      }
      newLabel={t('missions.new')}
      newTestId="mission-new"
      columns={
        <>
          <th className="col-time">{t('missions.timeColumn')}</th>
          <th>{t('missions.fields.destination')}</th>
          <th>{t('missions.fields.depart')}</th>
          <th>{t('missions.fields.chauffeur_id')}</th>
          <th>{t('missions.fields.voyage_id')}</th>
          <th>{t('missions.fields.type_mission')}</th>
          <th className="num">{t('missions.fields.nb_palettes')}</th>
          <th>{t('missions.fields.statut')}</th>
        </>
      }
      items={missions}
      renderRow={(mission, edit) => (
        <MissionRow
          key={mission.id}
          mission={mission}
          chauffeur={mission.chauffeur_id ? chauffeursById.get(mission.chauffeur_id) : undefined}
          voyage={mission.voyage_id ? voyagesById.get(mission.voyage_id) : undefined}
          onEdit={edit}
          editable={editable}
        />
      )}
      emptyText={t('missions.empty')}
      loadingText={t('common.loading')}
      renderDialog={(doc, close) => (
        <MissionForm
          doc={doc}
          day={day}
          chauffeurs={chauffeurs}
          voyages={voyages}
          onClose={close}
          onSaved={(savedDay) => {
            close();
            changeDay(savedDay);
          }}
        />
      )}
    />
  );
}
