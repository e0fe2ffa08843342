import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMayEdit } from '../../auth/use-session';
import { useDocumentNumber } from '../../ui/use-document-number';
import { formatEuros, todayIso } from '../../ui/format';
import { CommonCells, DocumentTable, ListToolbar, OpenCell, listLookups } from './DocumentList';
import { FacturePanel } from './FacturePanel';
import { FiltersBar } from './FiltersBar';
import { byDateDesc, emptyFilters, factureFilterStatuts, factureRow, linksOf, matchesFacture, totalsRow, type DocumentFilters } from './filters';
import { loaded } from './loaded';
import { clearOpenRequest, openRequest } from './persistence';
import { plain, useInvoicingData } from './use-invoicing-data';
import './documents.css';

type Open = { id?: string | undefined } | null;

/** The invoices, deposit invoices and credit notes: the filtered list with its totals, or one document. */
export function FacturesPage() {
  const { t, i18n } = useTranslation();
  const numberOf = useDocumentNumber();
  const mayEdit = useMayEdit('factures');
  const data = loaded(useInvoicingData());
  const [filters, setFilters] = useState<DocumentFilters>(emptyFilters);
  // A draft just converted from a quote is opened from the address (`?ouvrir=<id>`).
  const [open, setOpen] = useState<Open>(() => {
    const id = openRequest();
    return id === undefined ? null : { id };
  });
  useEffect(clearOpenRequest, []);
  if (!data) {
    return <p className="empty">{t('common.loading')}</p>;
  }
  if (open) {
    const doc = open.id === undefined ? undefined : data.factures.find((candidate) => candidate.id === open.id);
    if (open.id !== undefined && !doc) {
      return <p className="empty">{t('common.loading')}</p>;
    }
    return <FacturePanel key={open.id ?? 'new'} doc={doc} data={data} onClose={() => setOpen(null)} onOpen={(id) => setOpen({ id })} />;
  }
  const euros = (cents: number): string => formatEuros(cents, i18n.language);
  const factures = data.factures.map(plain);
  const links = linksOf(factures, data.reglements.map(plain));
  const today = todayIso();
  const rows = factures
    .map((facture) => factureRow(facture, links, today, numberOf))
    .filter((row) => matchesFacture(row, filters))
    .sort(byDateDesc);
  const lookups = listLookups(data);
  return (
    <section className="page" data-testid="factures-page">
      <ListToolbar
        title={t('invoicingDocuments.factures.title')}
        count={t('invoicingDocuments.factures.count', { n: rows.length })}
        newTestId="facture-new"
        newLabel={t('invoicingDocuments.factures.new')}
        onNew={mayEdit ? () => setOpen({}) : undefined}
      />
      <FiltersBar
        filters={filters}
        onChange={setFilters}
        statuts={factureFilterStatuts.map((statut) => ({ value: statut, label: t(`invoicingDocuments.factures.filter.${statut}`) }))}
        contacts={data.contacts}
        entreprises={data.entreprises}
      />
      <DocumentTable
        testId="factures-list"
        totalsTestId="factures-totals"
        lookups={lookups}
        totals={totalsRow(rows)}
        withReste
        emptyText={t('invoicingDocuments.factures.empty')}
      >
        {rows.map((row) => (
          <tr key={row.facture.id} data-testid="facture-row" data-id={row.facture.id} data-state={row.state}>
            <td className="mono">
              {row.numero}
              {row.facture.type_facture !== 'facture' ? <span className="tag">{t(`invoicingDocuments.factures.type.${row.facture.type_facture}`)}</span> : null}
            </td>
            <CommonCells row={row} doc={row.facture} lookups={lookups} />
            <td className="num">{row.balance ? euros(row.balance.reste) : ''}</td>
            <td>
              <span className={`badge doc-state-${row.state}`}>{t(`invoicingDocuments.factures.state.${row.state}`, { n: row.joursRetard ?? 0 })}</span>
            </td>
            <OpenCell testId="facture-open" onOpen={() => setOpen({ id: row.facture.id })} />
          </tr>
        ))}
      </DocumentTable>
    </section>
  );
}
