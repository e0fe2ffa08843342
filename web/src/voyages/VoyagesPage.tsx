import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMayEdit, useSignedIn } from '../auth/use-session';
import { formatMinutes } from '../ui/format';
import { GenerateMissionsDialog } from './GenerateMissionsDialog';
import { ActiveCell, ListPage, RowActions } from '../ui/ListPage';
import { useVoyages } from './use-voyages';
import { VoyageForm } from './VoyageForm';

export function VoyagesPage() {
  const { t } = useTranslation();
  const editable = useMayEdit('voyages');
  const voyages = useVoyages();
  const mayGenerate = useSignedIn().permissions.generate_planning;
  const [generating, setGenerating] = useState(false);

  return (
    <>
    <ListPage
      editable={editable}
      title={t('voyages.title')}
      toolbar={
        <>
          <span className="toolbar-info muted">{voyages ? t('voyages.count', { n: voyages.length }) : null}</span>
          {mayGenerate ? (
            <button type="button" className="button" data-testid="generate-missions" onClick={() => setGenerating(true)}>
              {t('voyages.generate.button')}
            </button>
          ) : null}
        </>
      }
      newLabel={t('voyages.new')}
      columns={
        <>
          <th>{t('voyages.fields.code')}</th>
          <th>{t('voyages.fields.nom')}</th>
          <th>{t('voyages.fields.depart')}</th>
          <th>{t('voyages.fields.destination')}</th>
          <th>{t('voyages.timesColumn')}</th>
          <th>{t('voyages.fields.jours_operation')}</th>
          <th className="num wrap">{t('voyages.fields.nb_palettes_moyen')}</th>
          <th className="num wrap">{t('voyages.fields.duree_conduite_min')}</th>
          <th>{t('voyages.requirementsColumn')}</th>
          <th>{t('voyages.fields.is_active')}</th>
        </>
      }
      items={voyages}
      renderRow={(voyage, edit) => (
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
          <td className="num mono">{formatMinutes(voyage.duree_conduite_min)}</td>
          <td className="muted">
            {voyage.permis_requis ? <span className="tag">{voyage.permis_requis}</span> : null}
            {(voyage.competences_requises ?? []).join(', ')}
          </td>
          <ActiveCell active={voyage.is_active} />
          <RowActions
            editable={editable}
            doc={voyage}
            onEdit={edit}
            deleteQuestion={() => t('voyages.deleteConfirm', { code: voyage.code })}
            deleteFailedLog="suppression du voyage impossible"
          />
        </tr>
      )}
      emptyText={t('voyages.empty')}
      renderDialog={(doc, close) => <VoyageForm doc={doc} onClose={close} />}
    />
    {generating ? <GenerateMissionsDialog onClose={() => setGenerating(false)} /> : null}
    </>
  );
}
