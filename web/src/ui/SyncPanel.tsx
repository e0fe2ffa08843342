import { isNotable, type ConflictReport } from '@relais/replica';
import { useMemo } from 'react';
import type { Observable } from 'rxjs';
import { useTranslation } from 'react-i18next';
import { translateKey } from '../i18n';
import { errorKey } from '../i18n/errors';
import { useDatabase, useQueryResults, useSyncController, useSyncStatus } from '../sync/hooks';
import { formatClock } from './format';

/** What the panel needs of any collection to name a document. */
interface NamedSource {
  findOne(id: string): { readonly $: Observable<{ toJSON(): object } | null> };
}

function useTarget(report: ConflictReport): string {
  const { i18n } = useTranslation();
  const db = useDatabase();
  const query = useMemo(() => {
    const collection: NamedSource = db.collections[report.collection];
    return collection.findOne(report.documentId);
  }, [db, report.collection, report.documentId]);
  const doc = useQueryResults(query);
  const shortId = report.documentId.slice(0, 8);
  const unknown = translateKey(`targets.${report.collection}Unknown`, shortId, { id: shortId });
  if (!doc) {
    return unknown;
  }
  const data = doc.toJSON() as Record<string, unknown>;
  switch (report.collection) {
    case 'missions': {
      const [year, month, day] = String(data['date_mission']).split('-').map(Number);
      const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short' }).format(
        new Date(year ?? 1970, (month ?? 1) - 1, day ?? 1),
      );
      return translateKey('targets.missions', unknown, { date, time: data['heure_debut'] });
    }
    case 'chauffeurs':
      return translateKey('targets.chauffeurs', unknown, { name: `${String(data['prenom'])} ${String(data['nom'])}` });
    case 'voyages':
      return translateKey('targets.voyages', unknown, { code: data['code'] });
    case 'disponibilites':
      return translateKey('targets.disponibilites', unknown, { from: data['date_debut'], to: data['date_fin'] });
    case 'sst':
      return translateKey('targets.sst', unknown, { name: data['nom'] });
    case 'revenus_palettes':
      return translateKey(`targets.${report.collection}`, unknown, { destination: data['destination'] });
    case 'entreprises':
      return translateKey('targets.entreprises', unknown, { name: data['raison_sociale'] });
    case 'contacts':
      return translateKey('targets.contacts', unknown, { name: [data['prenom'], data['nom']].filter(Boolean).join(' ') });
    case 'articles':
      return translateKey('targets.articles', unknown, { reference: data['reference'] });
    case 'devis':
    case 'factures':
      // A draft has no number yet: its short id stands for it.
      return translateKey(`targets.${report.collection}`, unknown, { numero: data['numero'] ?? shortId });
    case 'reglements':
      return translateKey('targets.reglements', unknown, { date: data['date_reglement'] });
  }
}

function useValueText(): (collection: string, field: string, value: unknown) => string {
  const { t } = useTranslation();
  return (collection, field, value) => {
    if (value === undefined || value === null || value === '') {
      return t('sync.empty');
    }
    if (typeof value === 'boolean') {
      return value ? t('sync.yes') : t('sync.no');
    }
    if (Array.isArray(value)) {
      return value.map(String).join(', ');
    }
    const text = typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value);
    const enumKey = field === 'statut' ? 'statut' : field === 'type_mission' ? 'type' : null;
    return enumKey ? translateKey(`${collection}.${enumKey}.${text}`, text) : text;
  };
}

function ConflictEntry({ report }: { report: ConflictReport }) {
  const { t } = useTranslation();
  const target = useTarget(report);
  const valueText = useValueText();
  return (
    <li className="conflict-entry" data-testid="conflict-entry" data-collection={report.collection} data-id={report.documentId}>
      {report.reason ? (
        <p className="conflict-reason" data-code={report.reason.code}>
          {t(report.refused ? 'sync.serverRefused' : 'sync.serverNotice', { target, message: report.reason.message })}
        </p>
      ) : null}
      {report.replaced.map((replaced) => (
        <p key={replaced.field}>
          {replaced.field === '_deleted'
            ? t('sync.conflictDeleted', { target })
            : t('sync.conflictReplaced', {
                target,
                field: translateKey(`${report.collection}.fields.${replaced.field}`, replaced.field).toLocaleLowerCase(),
                mine: valueText(report.collection, replaced.field, replaced.mine),
                theirs: valueText(report.collection, replaced.field, replaced.theirs),
              })}
        </p>
      ))}
    </li>
  );
}

/** Details of the synchronisation and the conflicts the server won, until the user acknowledges them. */
export function SyncPanel({ onClose }: { onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const status = useSyncStatus();
  const controller = useSyncController();
  const conflicts = status.conflicts.filter(isNotable);
  return (
    <section className="sync-panel" data-testid="conflict-panel" role="dialog" aria-label={t('sync.panelTitle')}>
      <header className="sync-panel-header">
        <h2>{t('sync.panelTitle')}</h2>
        <button type="button" className="icon-button" onClick={onClose} aria-label={t('sync.close')}>
          ×
        </button>
      </header>
      <ul className="sync-facts">
        <li>
          <span className={status.online ? 'dot dot-online' : 'dot dot-offline'} aria-hidden="true" />
          {status.online ? t('sync.online') : t('sync.offline')}
        </li>
        <li>{t('sync.pendingLong', { n: status.pending })}</li>
        <li>
          {status.lastSyncAt
            ? t('sync.lastSyncLong', { time: formatClock(status.lastSyncAt, i18n.language) })
            : t('sync.never')}
        </li>
        {status.error ? (
          <li className="sync-panel-error" title={status.error}>
            {t('sync.errorLabel', { message: t(errorKey(status.errorCode ?? 'UNKNOWN')) })}
          </li>
        ) : null}
      </ul>
      {!status.online ? <p className="muted">{t('sync.offlineHint')}</p> : null}
      <div className="sync-panel-actions">
        <button type="button" className="button" onClick={() => controller.reconnect()}>
          {t('sync.reconnect')}
        </button>
      </div>
      <h3>{t('sync.conflictsTitle')}</h3>
      {conflicts.length === 0 ? (
        <p className="muted">{t('sync.noConflicts')}</p>
      ) : (
        <>
          <ul className="conflict-list">
            {conflicts.map((report) => (
              <ConflictEntry key={`${report.collection}/${report.documentId}/${report.resolvedAt}`} report={report} />
            ))}
          </ul>
          <div className="sync-panel-actions">
            <button type="button" className="button primary" onClick={() => controller.dismissConflicts()}>
              {t('sync.dismiss')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
