import { readPending } from '@relais/replica';
import type { Voyage } from '@relais/schema';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { conflictsText } from '../planning/conflict-text';
import { useDatabase, useSyncStatus } from '../sync/hooks';
import { useRefusedWrites } from '../sync/use-refused-writes';
import { missionName } from '../ui/document-names';
import type { GenerationResult } from './generate-missions';

interface Delivery {
  onServer: number;
  waiting: number;
  refused: number;
}

/** Where the generated missions are: acknowledged by the server, waiting to be sent, or refused and kept here. */
function useDelivery(ids: readonly string[]): Delivery {
  const db = useDatabase();
  const status = useSyncStatus();
  const refusedWrites = useRefusedWrites('missions');
  const [delivery, setDelivery] = useState<Delivery>({ onServer: 0, waiting: ids.length, refused: 0 });
  useEffect(() => {
    let cancelled = false;
    const refused = new Set(refusedWrites.map((write) => write.id));
    void readPending(db).then((pending) => {
      if (cancelled) {
        return;
      }
      let waiting = 0;
      let refusedCount = 0;
      for (const id of ids) {
        if (refused.has(id)) {
          refusedCount += 1;
        } else if (pending.docs[`missions/${id}`] !== undefined) {
          waiting += 1;
        }
      }
      setDelivery({ onServer: ids.length - waiting - refusedCount, waiting, refused: refusedCount });
    });
    return () => {
      cancelled = true;
    };
  }, [db, ids, refusedWrites, status.pending]);
  return delivery;
}

/** What a generation did, in words: created, left without chauffeur (why), skipped, and where they are now. */
export function GenerationReport({ result, voyages }: { result: GenerationResult; voyages: ReadonlyMap<string, Readonly<Voyage>> }) {
  const { t, i18n } = useTranslation();
  const delivery = useDelivery(result.ids);
  return (
    <div className="generate-result" role="status" data-testid="generate-result">
      <p>
        <strong data-testid="generate-created">{t('voyages.generate.created', { n: result.created })}</strong>
        {result.unassigned.length > 0 ? <span data-testid="generate-unassigned-count"> {t('voyages.generate.unassigned', { n: result.unassigned.length })}</span> : null}
      </p>
      {result.unassigned.length > 0 ? (
        <ul className="generate-unassigned" data-testid="generate-unassigned">
          {result.unassigned.map((entry) => {
            const voyage = voyages.get(entry.voyage_id);
            const mission = missionName(
              { depart: voyage?.depart, destination: voyage?.destination ?? voyage?.nom, date_mission: entry.date, heure_debut: voyage?.heure_depart_defaut },
              i18n.language,
            );
            return (
              <li key={entry.id} data-id={entry.id}>
                {t('voyages.generate.unassignedEntry', { mission, voyage: voyage?.code ?? '', reason: conflictsText(entry.conflicts, i18n.language, t) })}
              </li>
            );
          })}
        </ul>
      ) : null}
      {result.skipped - result.pastDays > 0 ? <p data-testid="generate-skipped">{t('voyages.generate.skipped', { n: result.skipped - result.pastDays })}</p> : null}
      {result.pastDays > 0 ? <p data-testid="generate-past">{t('voyages.generate.pastDays', { n: result.pastDays })}</p> : null}
      {result.created > 0 ? (
        <p className="generate-delivery muted" data-testid="generate-delivery" data-on-server={delivery.onServer} data-refused={delivery.refused}>
          {t('voyages.generate.onServer', { n: delivery.onServer, total: result.created })}
          {delivery.waiting > 0 ? ` · ${t('voyages.generate.waiting', { n: delivery.waiting })}` : ''}
          {delivery.refused > 0 ? ` · ${t('voyages.generate.refused', { n: delivery.refused })}` : ''}
        </p>
      ) : null}
    </div>
  );
}
