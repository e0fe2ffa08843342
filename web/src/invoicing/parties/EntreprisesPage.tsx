import { useTranslation } from 'react-i18next';
import { useMayEdit } from '../../auth/use-session';
import { ActiveCell, ListPage, RowActions } from '../../ui/ListPage';
import { formatSiren } from './codecs';
import { EntrepriseForm } from './EntrepriseForm';
import { termsSummary } from './PartyFields';
import { useContacts, useEntreprises } from './use-parties';

/** The issuing companies: identity, terms, numbering and their customer groups. */
export function EntreprisesPage() {
  const { t } = useTranslation();
  const editable = useMayEdit('entreprises');
  const list = useEntreprises();
  const contacts = useContacts() ?? [];
  return (
    <ListPage
      editable={editable}
      title={t('invoicing.entreprises.title')}
      toolbar={<span className="toolbar-info muted">{list ? t('invoicing.entreprises.count', { n: list.length }) : null}</span>}
      newLabel={t('invoicing.entreprises.new')}
      newTestId="entreprise-new"
      columns={
        <>
          <th>{t('invoicing.entreprises.fields.raison_sociale')}</th>
          <th>{t('invoicing.entreprises.fields.siren')}</th>
          <th>{t('invoicing.entreprises.fields.regime_tva')}</th>
          <th>{t('invoicing.entreprises.fields.conditions_paiement')}</th>
          <th>{t('invoicing.entreprises.fields.groupes')}</th>
          <th>{t('invoicing.entreprises.fields.is_active')}</th>
        </>
      }
      items={list}
      renderRow={(item, edit) => (
        <tr key={item.id} data-id={item.id} className={item.is_active ? undefined : 'inactive'}>
          <td>
            <div className="party-name">
              {item.logo ? <img className="logo-thumb" src={item.logo} alt="" /> : null}
              <span>
                <strong>{item.raison_sociale}</strong>
                {item.forme_juridique ? <span className="muted"> · {item.forme_juridique}</span> : null}
                <br />
                <span className="muted">
                  {item.adresse.code_postal} {item.adresse.ville}
                </span>
              </span>
            </div>
          </td>
          <td className="mono">{formatSiren(item.siren)}</td>
          <td>{t(`invoicing.entreprises.regime.${item.regime_tva}`)}</td>
          <td>{termsSummary(t, item.conditions_paiement)}</td>
          <td>
            {item.groupes.map((groupe) => (
              <span key={groupe.id} className="tag">
                {groupe.nom}
              </span>
            ))}
          </td>
          <ActiveCell active={item.is_active} feminine />
          <RowActions
            editable={editable}
            doc={item}
            onEdit={edit}
            deleteQuestion={() => t('invoicing.entreprises.deleteConfirm', { name: item.raison_sociale })}
            deleteFailedLog="suppression de l’entreprise impossible"
          />
        </tr>
      )}
      emptyText={t('invoicing.entreprises.empty')}
      renderDialog={(doc, close) => <EntrepriseForm doc={doc} onClose={close} contacts={contacts} />}
    />
  );
}
