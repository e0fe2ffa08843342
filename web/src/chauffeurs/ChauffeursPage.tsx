import { removeDocument } from '@relais/replica';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDatabase, useQueryResults } from '../sync/hooks';
import { logger } from '../ui/logger';
import { chauffeurName } from './chauffeur-form';
import { ChauffeurForm } from './ChauffeurForm';

type Editing = { mode: 'create' } | { mode: 'edit'; id: string } | null;

export function ChauffeursPage() {
  const { t } = useTranslation();
  const db = useDatabase();
  const [editing, setEditing] = useState<Editing>(null);
  const query = useMemo(() => db.chauffeurs.find({ sort: [{ nom: 'asc' }, { prenom: 'asc' }] }), [db]);
  const chauffeurs = useQueryResults(query);
  const editedDoc = editing?.mode === 'edit' ? chauffeurs?.find((doc) => doc.id === editing.id) : undefined;

  return (
    <section className="page">
      <div className="toolbar">
        <h1>{t('chauffeurs.title')}</h1>
        <span className="toolbar-info muted">{chauffeurs ? t('chauffeurs.count', { n: chauffeurs.length }) : null}</span>
        <button type="button" className="button primary" onClick={() => setEditing({ mode: 'create' })}>
          + {t('chauffeurs.new')}
        </button>
      </div>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th>{t('chauffeurs.fields.code')}</th>
              <th>{t('chauffeurs.fields.nom')}</th>
              <th>{t('chauffeurs.fields.telephone')}</th>
              <th>{t('chauffeurs.fields.type_contrat')}</th>
              <th>{t('chauffeurs.fields.permis')}</th>
              <th>{t('chauffeurs.fields.competences')}</th>
              <th>{t('chauffeurs.fields.is_active')}</th>
              <th className="col-actions">
                <span className="sr-only">{t('common.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {chauffeurs?.map((chauffeur) => (
              <tr key={chauffeur.id} data-id={chauffeur.id} className={chauffeur.is_active ? undefined : 'inactive'}>
                <td className="mono">{chauffeur.code}</td>
                <td>
                  <strong>{chauffeurName(chauffeur)}</strong>
                  {chauffeur.adr ? <span className="tag">ADR</span> : null}
                  {chauffeur.fimo ? <span className="tag">FIMO</span> : null}
                </td>
                <td>{chauffeur.telephone ?? ''}</td>
                <td>{chauffeur.type_contrat ? t(`chauffeurs.contrat.${chauffeur.type_contrat}`) : ''}</td>
                <td>{chauffeur.permis ?? ''}</td>
                <td className="muted">{chauffeur.competences.join(', ')}</td>
                <td>
                  <span className={chauffeur.is_active ? 'badge badge-active' : 'badge badge-inactive'}>
                    {chauffeur.is_active ? t('common.active') : t('common.inactive')}
                  </span>
                </td>
                <td className="col-actions">
                  <button type="button" className="button small" onClick={() => setEditing({ mode: 'edit', id: chauffeur.id })}>
                    {t('common.edit')}
                  </button>
                  <button
                    type="button"
                    className="button small danger"
                    onClick={() => {
                      if (window.confirm(t('chauffeurs.deleteConfirm', { name: chauffeurName(chauffeur) }))) {
                        removeDocument(chauffeur).catch((error: unknown) => logger.error('suppression du chauffeur impossible', error));
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
        {chauffeurs?.length === 0 ? <p className="empty">{t('chauffeurs.empty')}</p> : null}
      </div>
      {editing && (editing.mode === 'create' || editedDoc) ? (
        <ChauffeurForm key={editing.mode === 'edit' ? editing.id : 'new'} doc={editedDoc} onClose={() => setEditing(null)} />
      ) : null}
    </section>
  );
}
