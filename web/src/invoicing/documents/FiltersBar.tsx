import type { Contact, Entreprise } from '@relais/schema';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentFilters } from './filters';
import { contactName } from './use-invoicing-data';

interface FiltersBarProps {
  filters: DocumentFilters;
  onChange: (filters: DocumentFilters) => void;
  /** The status choices, value and label. */
  statuts: readonly { value: string; label: string }[];
  contacts: readonly Contact[];
  entreprises: readonly Entreprise[];
}

/** Status, customer, period and (when there are several) company filters of a document list. */
export function FiltersBar({ filters, onChange, statuts, contacts, entreprises }: FiltersBarProps) {
  const { t } = useTranslation();
  const ids = { statut: useId(), contact: useId(), entreprise: useId(), from: useId(), to: useId() };
  const set = (patch: Partial<DocumentFilters>): void => onChange({ ...filters, ...patch });
  const shownContacts = contacts.filter((contact) => filters.entreprise_id === '' || contact.entreprise_id === filters.entreprise_id);
  return (
    <div className="doc-filters" data-testid="doc-filters">
      <label htmlFor={ids.statut}>{t('invoicingDocuments.filters.statut')}</label>
      <select id={ids.statut} data-testid="filter-statut" value={filters.statut} onChange={(event) => set({ statut: event.target.value })}>
        {statuts.map((statut) => (
          <option key={statut.value} value={statut.value}>
            {statut.label}
          </option>
        ))}
      </select>
      <label htmlFor={ids.contact}>{t('invoicingDocuments.filters.client')}</label>
      <select id={ids.contact} data-testid="filter-contact" value={filters.contact_id} onChange={(event) => set({ contact_id: event.target.value })}>
        <option value="">{t('invoicingDocuments.filters.allClients')}</option>
        {shownContacts.map((contact) => (
          <option key={contact.id} value={contact.id}>
            {contactName(contact)}
          </option>
        ))}
      </select>
      {entreprises.length > 1 ? (
        <>
          <label htmlFor={ids.entreprise}>{t('invoicingDocuments.filters.entreprise')}</label>
          <select id={ids.entreprise} data-testid="filter-entreprise" value={filters.entreprise_id} onChange={(event) => set({ entreprise_id: event.target.value, contact_id: '' })}>
            <option value="">{t('invoicingDocuments.filters.allEntreprises')}</option>
            {entreprises.map((entreprise) => (
              <option key={entreprise.id} value={entreprise.id}>
                {entreprise.raison_sociale}
              </option>
            ))}
          </select>
        </>
      ) : null}
      <label htmlFor={ids.from}>{t('invoicingDocuments.filters.from')}</label>
      <input id={ids.from} type="date" data-testid="filter-from" value={filters.from} onChange={(event) => set({ from: event.target.value })} />
      <label htmlFor={ids.to}>{t('invoicingDocuments.filters.to')}</label>
      <input id={ids.to} type="date" data-testid="filter-to" value={filters.to} onChange={(event) => set({ to: event.target.value })} />
    </div>
  );
}
