import { typeContactValues } from '@relais/schema';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMayEdit } from '../../auth/use-session';
import { ActiveCell, ListPage, RowActions } from '../../ui/ListPage';
import { ContactForm } from './ContactForm';
import { contactName, filterContacts, noContactFilters, type ActiveFilter, type ContactFilters } from './contact-form';
import { useContacts, useEntreprises } from './use-parties';

const activeFilters: readonly ActiveFilter[] = ['all', 'active', 'inactive'];

/** The customers of the issuing companies, searched and filtered by company, group, type and status. */
export function ContactsPage() {
  const { t } = useTranslation();
  const editable = useMayEdit('contacts');
  const entreprises = useEntreprises();
  const contacts = useContacts();
  const [filters, setFilters] = useState<ContactFilters>(noContactFilters);
  const shown = useMemo(() => (contacts ? filterContacts(contacts, filters) : undefined), [contacts, filters]);
  const companies = useMemo(() => entreprises ?? [], [entreprises]);
  const byId = new Map(companies.map((entreprise) => [entreprise.id, entreprise]));
  const groupeNames = new Map(companies.flatMap((entreprise) => entreprise.groupes.map((groupe) => [groupe.id, groupe.nom] as const)));
  const groupesOffered = filters.entrepriseId ? (byId.get(filters.entrepriseId)?.groupes ?? []) : companies.flatMap((entreprise) => entreprise.groupes);
  const patch = (change: Partial<ContactFilters>): void => setFilters((current) => ({ ...current, ...change }));
  const defaultEntreprise = filters.entrepriseId || (companies.length === 1 ? companies[0]?.id : undefined);

  return (
    <ListPage
      editable={editable}
      title={t('invoicing.contacts.title')}
      toolbar={
        <div className="party-filters" data-testid="contact-filters">
          <input
            type="search"
            aria-label={t('invoicing.contacts.search')}
            placeholder={t('invoicing.contacts.searchPlaceholder')}
            value={filters.search}
            onChange={(event) => patch({ search: event.target.value })}
          />
          {companies.length > 1 ? (
            <select
              aria-label={t('invoicing.contacts.filters.entreprise')}
              value={filters.entrepriseId}
              onChange={(event) => patch({ entrepriseId: event.target.value, groupeId: '' })}
            >
              <option value="">{t('invoicing.contacts.allEntreprises')}</option>
              {companies.map((entreprise) => (
                <option key={entreprise.id} value={entreprise.id}>
                  {entreprise.raison_sociale}
                </option>
              ))}
            </select>
          ) : null}
          <select aria-label={t('invoicing.contacts.filters.groupe')} value={filters.groupeId} onChange={(event) => patch({ groupeId: event.target.value })}>
            <option value="">{t('invoicing.contacts.allGroupes')}</option>
            {groupesOffered.map((groupe) => (
              <option key={groupe.id} value={groupe.id}>
                {groupe.nom}
              </option>
            ))}
          </select>
          <select
            aria-label={t('invoicing.contacts.filters.type')}
            value={filters.type}
            onChange={(event) => patch({ type: event.target.value as ContactFilters['type'] })}
          >
            <option value="">{t('invoicing.contacts.allTypes')}</option>
            {typeContactValues.map((type) => (
              <option key={type} value={type}>
                {t(`invoicing.contacts.type.${type}`)}
              </option>
            ))}
          </select>
          <select
            aria-label={t('invoicing.contacts.filters.active')}
            value={filters.active}
            onChange={(event) => patch({ active: event.target.value as ActiveFilter })}
          >
            {activeFilters.map((value) => (
              <option key={value} value={value}>
                {t(`invoicing.contacts.active.${value}`)}
              </option>
            ))}
          </select>
          <span className="toolbar-info muted">{shown ? t('invoicing.contacts.count', { n: shown.length }) : null}</span>
        </div>
      }
      newLabel={t('invoicing.contacts.new')}
      newTestId="contact-new"
      columns={
        <>
          <th>{t('invoicing.contacts.fields.nom')}</th>
          {companies.length > 1 ? <th>{t('invoicing.contacts.fields.entreprise_id')}</th> : null}
          <th>{t('invoicing.contacts.fields.type_contact')}</th>
          <th>{t('invoicing.contacts.fields.groupe_ids')}</th>
          <th>{t('invoicing.contacts.fields.adresse_facturation')}</th>
          <th>{t('invoicing.contacts.fields.email')}</th>
          <th>{t('invoicing.contacts.fields.is_active')}</th>
        </>
      }
      items={shown}
      renderRow={(item, edit) => (
        <tr key={item.id} data-id={item.id} className={item.is_active ? undefined : 'inactive'}>
          <td>
            <strong>{contactName(item)}</strong>
            {item.code ? <span className="muted mono"> · {item.code}</span> : null}
          </td>
          {companies.length > 1 ? <td>{byId.get(item.entreprise_id)?.raison_sociale ?? ''}</td> : null}
          <td>{t(`invoicing.contacts.type.${item.type_contact}`)}</td>
          <td>
            {item.groupe_ids.map((id) => (
              <span key={id} className="tag">
                {groupeNames.get(id) ?? '?'}
              </span>
            ))}
          </td>
          <td>
            {item.adresse_facturation.code_postal} {item.adresse_facturation.ville}
          </td>
          <td>
            {item.email ? <a href={`mailto:${item.email}`}>{item.email}</a> : null}
            {item.telephone ? <div className="muted">{item.telephone}</div> : null}
          </td>
          <ActiveCell active={item.is_active} />
          <RowActions
            editable={editable}
            doc={item}
            onEdit={edit}
            deleteQuestion={() => t('invoicing.contacts.deleteConfirm', { name: contactName(item) })}
            deleteFailedLog="suppression du contact impossible"
          />
        </tr>
      )}
      emptyText={t('invoicing.contacts.empty')}
      renderDialog={(doc, close) => <ContactForm doc={doc} onClose={close} entreprises={companies} entrepriseId={defaultEntreprise} />}
    />
  );
}
