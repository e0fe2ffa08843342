import { discardRefusedWrite, resendRefusedWrite, type RefusedWrite } from '@relais/replica';
import type { Chauffeur, Voyage } from '@relais/schema';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { chauffeurName } from '../chauffeurs/chauffeur-form';
import { useDatabase } from '../sync/hooks';
import { useRefusedWrites } from '../sync/use-refused-writes';
import { missionName, type MissionNaming } from '../ui/document-names';
import { logger } from '../ui/logger';
import { LazyMissionForm } from './LazyMissionForm';
import './refused-missions.css';

interface RefusedMissionsProps {
  chauffeurs: readonly Readonly<Chauffeur>[];
  voyages: readonly Readonly<Voyage>[];
  /** May write missions (else the lane only shows them). */
  editable: boolean;
  /** Called with the day of a mission once it was corrected and sent again. */
  onResent?: (day: string) => void;
}

function RefusedMission({ write, chauffeurs, editable, onFix, onError }: {
  write: RefusedWrite;
  chauffeurs: readonly Readonly<Chauffeur>[];
  editable: boolean;
  onFix: () => void;
  onError: (message: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const db = useDatabase();
  const mission = write.document as MissionNaming & { chauffeur_id?: string; heure_fin?: string };
  const name = missionName(mission, i18n.language);
  const chauffeur = chauffeurs.find((candidate) => candidate.id === mission.chauffeur_id);
  const act = (action: Promise<void>, what: string): void => {
    action.catch((error: unknown) => {
      logger.error(what, error);
      onError(error instanceof Error ? error.message : String(error));
    });
  };
  return (
    <li className="refused-mission" data-testid="refused-mission" data-id={write.id} data-code={write.code}>
      <div className="refused-mission-head">
        <span className="badge badge-refused">{t('review.refused')}</span>
        <strong className="refused-mission-name">{name}</strong>
        {mission.heure_fin ? <span className="muted">–{mission.heure_fin}</span> : null}
        <span className="muted">
          {' · '}
          {chauffeur ? chauffeurName(chauffeur) : t('review.noChauffeur')} · {t(write.creation ? 'review.creation' : 'review.update')}
        </span>
      </div>
      <p className="refused-mission-reason" data-testid="refused-reason">
        {t('review.reason', { message: write.message })}
      </p>
      {editable ? (
        <div className="refused-mission-actions">
          <button type="button" className="button primary" data-testid="refused-fix" onClick={onFix}>
            {t('review.fix')}
          </button>
          <button
            type="button"
            className="button"
            data-testid="refused-resend"
            onClick={() => act(resendRefusedWrite(db.missions, write), 'renvoi de la mission refusée impossible')}
          >
            {t('review.resend')}
          </button>
          <button
            type="button"
            className="button ghost"
            data-testid="refused-discard"
            onClick={() => {
              if (window.confirm(t('review.discardConfirm', { name }))) {
                act(discardRefusedWrite(db, 'missions', write.id), 'abandon de la mission refusée impossible');
              }
            }}
          >
            {t('review.discard')}
          </button>
        </div>
      ) : null}
    </li>
  );
}

/**
 * "À revoir": the missions the server refused, kept on this PC with the reason until the user fixes
 * and resends them or discards them. Nothing is shown when there is none.
 */
export function RefusedMissions({ chauffeurs, voyages, editable, onResent }: RefusedMissionsProps) {
  const { t } = useTranslation();
  const refused = useRefusedWrites('missions');
  const [fixing, setFixing] = useState<RefusedWrite | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (refused.length === 0 && !fixing) {
    return null;
  }
  return (
    <section className="refused-missions" data-testid="refused-missions" aria-label={t('review.title', { n: refused.length })}>
      <h2>{t('review.title', { n: refused.length })}</h2>
      <p className="muted">{t('review.hint')}</p>
      {error ? (
        <p className="form-error" role="alert">
          {t('review.failed', { message: error })}
        </p>
      ) : null}
      <ul>
        {refused.map((write) => (
          <RefusedMission key={write.id} write={write} chauffeurs={chauffeurs} editable={editable} onFix={() => setFixing(write)} onError={setError} />
        ))}
      </ul>
      {fixing ? (
        <LazyMissionForm
          key={fixing.id}
          refused={fixing}
          day={typeof fixing.document['date_mission'] === 'string' ? fixing.document['date_mission'] : ''}
          chauffeurs={chauffeurs}
          voyages={voyages}
          onClose={() => setFixing(null)}
          onSaved={(day) => {
            setFixing(null);
            onResent?.(day);
          }}
        />
      ) : null}
    </section>
  );
}
