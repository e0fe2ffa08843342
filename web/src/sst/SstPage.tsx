import { useTranslation } from 'react-i18next';
import { useMayEdit, useSignedIn } from '../auth/use-session';
import { formatEuros } from '../ui/format';
import { ActiveCell, ListPage, RowActions } from '../ui/ListPage';
import { SstForm } from './SstForm';
import { useSstList } from './use-sst';
import './sst.css';

/** The subcontractors: contacts for everyone who may read them, tariffs for `view_finance`. */
export function SstPage() {
  const { t, i18n } = useTranslation();
  const editable = useMayEdit('sst');
  const finance = useSignedIn().permissions.view_finance;
  const list = useSstList();

  return (
    <ListPage
      editable={editable}
      title={t('sst.title')}
      toolbar={<span className="toolbar-info muted">{list ? t('sst.count', { n: list.length }) : null}</span>}
      newLabel={t('sst.new')}
      newTestId="sst-new"
      columns={
        <>
          <th>{t('sst.fields.code')}</th>
          <th>{t('sst.fields.nom')}</th>
          <th>{t('sst.fields.telephone')}</th>
          <th>{t('sst.primaryContact')}</th>
          {finance ? <th>{t('sst.fields.tarifs')}</th> : null}
          <th>{t('sst.fields.is_active')}</th>
        </>
      }
      items={list}
      renderRow={(item, edit) => {
        const primary = item.contacts.find((contact) => contact.is_primary) ?? item.contacts[0];
        return (
          <tr key={item.id} data-id={item.id} className={item.is_active ? undefined : 'inactive'}>
            <td className="mono">{item.code}</td>
            <td>
              <strong>{item.nom}</strong>
              {item.raison_sociale ? <span className="muted"> · {item.raison_sociale}</span> : null}
            </td>
            <td className="phone">{item.telephone ?? ''}</td>
            <td>
              {primary ? (
                <>
                  {primary.nom_contact ? `${primary.nom_contact} · ` : ''}
                  <a href={`mailto:${primary.email}`}>{primary.email}</a>
                </>
              ) : null}
              {item.contacts.length > 1 ? <span className="muted"> (+{item.contacts.length - 1})</span> : null}
            </td>
            {finance ? (
              <td className="muted">
                {(item.tarifs ?? []).map((tarif) => (
                  <div key={tarif.id}>
                    {tarif.destination} : {formatEuros(tarif.prix, i18n.language)} / {t(`sst.unite.${tarif.unite}`)}
                  </div>
                ))}
              </td>
            ) : null}
            <ActiveCell active={item.is_active} />
            <RowActions
              editable={editable}
              doc={item}
              onEdit={edit}
              deleteQuestion={() => t('sst.deleteConfirm', { name: item.nom })}
              deleteFailedLog="suppression du sous-traitant impossible"
            />
          </tr>
        );
      }}
      emptyText={t('sst.empty')}
      renderDialog={(doc, close) => <SstForm doc={doc} onClose={close} />}
    />
  );
}
