import { removeDocument } from '@relais/replica';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDatabase, useQueryResults } from '../sync/hooks';
import { logger } from '../ui/logger';
import { VoyageForm } from './VoyageForm';

type Editing = { mode: 'create' } | { mode: 'edit'; id: string } | null;

export function VoyagesPage() {
  const { t } = useTranslation();
  const db = useDatabase();
  const [editing, setEditing] = useState<Editing>(null);
  const query = useMemo(() => db.voyages.find({ sort: [{ code: 'asc' }] }), [db]);
  const voyages = useQueryResults(query);
  const editedDoc = editing?.mode === 'edit' ? voyages?.find((doc) => doc.id === editing.id) : undefined;

  return (
    <section className="page">
      <div className="toolbar">
        <h1>{t('voyages.title')}</h1>
        <span className="toolbar-info muted">{voyages ? t('voyages.count', { n: voyages.length }) : null}</span>
        <button type="button" className="button primary" onClick={() => setEditing({ mode: 'create' })}>
          + {t('voyages.new')}
        </button>
      </div>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th>{t('voyages.fields.code')}</th>
              <th>{t('voyages.fields.nom')}</th>
              <th>{t('voyages.fields.depart')}</th>
              <th>{t('voyages.fields.destination')}</th>
              <th>{t('voyages.timesColumn')}</th>
              <th>{t('voyages.fields.jours_operation')}</th>
              <th className="num">{t('voyages.fields.nb_palettes_moyen')}</th>
              <th>{t('voyages.fields.is_active')}</th>
              <th className="col-actions">
                <span className="sr-only">{t('common.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {voyages?.map((voyage) => (
              <tr key={voyage.id} data-id={voyage.id} className={voyage.is_active ? undefined : 'inactive'}>
                <td>
                  <span className="chip" style={voyage.couleur ? { borderLeftColor: voyage.couleur } : undefined}>
                    {voyage.code}
                  </span>
                </td>
                <td>
                  <strong>{voyage.nom}</strong>
                </td>
                <td>{voyage.depart ?? ''}</td>
                <td>
                  {voyage.destination ?? ''}
                  {voyage.pays_destination ? <span className="muted"> · {voyage.pays_destination}</span> : null}
                </td>
                <td>
                  {voyage.heure_depart_defaut ?? ''}
                  {voyage.heure_arrivee_defaut ? <span className="muted">–{voyage.heure_arrivee_defaut}</span> : null}
                </td>
                <td className="days">
                  {voyage.jours_operation.map((jour) => (
                    <span key={jour} className="day">
                      {t(`voyages.jours.${jour}`)}
                    </span>
                  ))}
                </td>
                <td className="num">{voyage.nb_palettes_moyen ?? ''}</td>
                <td>
                  <span className={voyage.is_active ? 'badge badge-active' : 'badge badge-inactive'}>
                    {voyage.is_active ? t('common.active') : t('common.inactive')}
                  </span>
                </td>
                <td className="col-actions">
                  <button type="button" className="button small" onClick={() => setEditing({ mode: 'edit', id: voyage.id })}>
                    {t('common.edit')}
                  </button>
                  <button
                    type="button"
                    className="button small danger"
                    onClick={() => {
                      if (window.confirm(t('voyages.deleteConfirm', { code: voyage.code }))) {
                        removeDocument(voyage).catch((error: unknown) => logger.error('suppression du voyage impossible', error));
                      }
                    }}
                  >
                    {t('common.delete')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {voyages?.length === 0 ? <p className="empty">{t('voyages.empty')}</p> : null}
      </div>
      {editing && (editing.mode === 'create' || editedDoc) ? (
        <VoyageForm key={editing.mode === 'edit' ? editing.id : 'new'} doc={editedDoc} onClose={() => setEditing(null)} />
      ) : null}
    </section>
  );
}
