import { today } from '@relais/domain';
import type { Chauffeur } from '@relais/schema';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMayRead } from '../auth/use-session';
import { useMayEdit } from '../auth/use-session';
import { ActiveCell, ListPage, RowActions } from '../ui/ListPage';
import { chauffeurName } from './chauffeur-form';
import { AbsencesDialog } from './AbsencesDialog';
import { ChauffeurForm } from './ChauffeurForm';
import { ExpiryBadges } from './ExpiryBadges';
import './chauffeurs.css';
import { useChauffeurs } from './use-chauffeurs';

export function ChauffeursPage() {
  const { t } = useTranslation();
  const editable = useMayEdit('chauffeurs');
  const chauffeurs = useChauffeurs();
  const absencesReadable = useMayRead('disponibilites');
  const [absencesOf, setAbsencesOf] = useState<Chauffeur | null>(null);
  const day = today();

  return (
    <>
    <ListPage
      editable={editable}
      title={t('chauffeurs.title')}
      toolbar={<span className="toolbar-info muted">{chauffeurs ? t('chauffeurs.count', { n: chauffeurs.length }) : null}</span>}
      newLabel={t('chauffeurs.new')}
      columns={
        <>
          <th>{t('chauffeurs.fields.code')}</th>
          <th>{t('chauffeurs.fields.nom')}</th>
          <th>{t('chauffeurs.fields.telephone')}</th>
          <th>{t('chauffeurs.fields.type_contrat')}</th>
          <th>{t('chauffeurs.fields.permis')}</th>
          <th>{t('chauffeurs.fields.competences')}</th>
          <th>{t('chauffeurs.expiry.column')}</th>
          <th>{t('chauffeurs.fields.is_active')}</th>
          {absencesReadable ? <th>{t('absences.column')}</th> : null}
        </>
      }
      items={chauffeurs}
      renderRow={(chauffeur, edit) => (
        <tr key={chauffeur.id} data-id={chauffeur.id} className={chauffeur.is_active ? undefined : 'inactive'}>
          <td className="mono">{chauffeur.code}</td>
          <td>
            <strong>{chauffeurName(chauffeur)}</strong>
            {chauffeur.adr ? <span className="tag">ADR</span> : null}
            {chauffeur.fimo ? <span className="tag">FIMO</span> : null}
          </td>
          <td className="phone">{chauffeur.telephone ?? ''}</td>
          <td>{chauffeur.type_contrat ? t(`chauffeurs.contrat.${chauffeur.type_contrat}`) : ''}</td>
          <td>{chauffeur.permis ?? ''}</td>
          <td className="muted">{chauffeur.competences.join(', ')}</td>
          <td className="expiries">
            <ExpiryBadges chauffeur={chauffeur} today={day} />
          </td>
          <ActiveCell active={chauffeur.is_active} />
          {absencesReadable ? (
            <td className="col-actions">
              <button type="button" className="button small" data-testid="chauffeur-absences" onClick={() => setAbsencesOf(chauffeur.toJSON() as Chauffeur)}>
                {t('absences.button')}
              </button>
            </td>
          ) : null}
          <RowActions
            editable={editable}
            doc={chauffeur}
            onEdit={edit}
            deleteQuestion={() => t('chauffeurs.deleteConfirm', { name: chauffeurName(chauffeur) })}
            deleteFailedLog="suppression du chauffeur impossible"
          />
        </tr>
      )}
      emptyText={t('chauffeurs.empty')}
      renderDialog={(doc, close) => <ChauffeurForm doc={doc} onClose={close} />}
    />
    {absencesOf ? <AbsencesDialog chauffeur={absencesOf} onClose={() => setAbsencesOf(null)} /> : null}
    </>
  );
}
