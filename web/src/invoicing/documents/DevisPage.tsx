import { devisStatutValues } from '@relais/schema';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMayEdit } from '../../auth/use-session';
import { useDocumentNumber } from '../../ui/use-document-number';
import { todayIso } from '../../ui/format';
import { DevisPanel } from './DevisPanel';
import { CommonCells, DocumentTable, ListToolbar, OpenCell, listLookups } from './DocumentList';
import { FiltersBar } from './FiltersBar';
import { byDateDesc, devisRow, emptyFilters, matchesDevis, totalsRow, type DocumentFilters } from './filters';
import { plain, useInvoicingData } from './use-invoicing-data';
import { loaded } from './loaded';
import './documents.css';

type Open = { id?: string | undefined } | null;

/** The quotes: the filtered list with its totals, or one quote's editor and actions. */
export function DevisPage() {
  const { t } = useTranslation();
  const numberOf = useDocumentNumber();
  const mayEdit = useMayEdit('devis');
  const raw = useInvoicingData();
  const data = loaded(raw);
  const [filters, setFilters] = useState<DocumentFilters>(emptyFilters);
  const [open, setOpen] = useState<Open>(null);
  if (!data) {
    return <p className="empty">{t('common.loading')}</p>;
  }
  if (open) {
    const doc = open.id === undefined ? undefined : data.devis.find((candidate) => candidate.id === open.id);
    if (open.id !== undefined && !doc) {
      return <p className="empty">{t('common.loading')}</p>;
    }
    return <DevisPanel key={open.id ?? 'new'} doc={doc} data={data} onClose={() => setOpen(null)} onOpen={(id) => setOpen({ id })} />;
  }
  const today = todayIso();
  const rows = data.devis.map((doc) => devisRow(plain(doc), today, numberOf)).filter((row) => matchesDevis(row, filters)).sort(byDateDesc);
  const lookups = listLookups(data);
  return (
    <section className="page" data-testid="devis-page">
      <ListToolbar
        title={t('invoicingDocuments.devis.title')}
        count={t('invoicingDocuments.devis.count', { n: rows.length })}
        newTestId="devis-new"
        newLabel={t('invoicingDocuments.devis.new')}
        onNew={mayEdit ? () => setOpen({}) : undefined}
      />
      <FiltersBar
        filters={filters}
        onChange={setFilters}
        statuts={[
          { value: 'tous', label: t('invoicingDocuments.filters.allStatuts') },
          ...devisStatutValues.map((statut) => ({ value: statut, label: t(`invoicingDocuments.devis.statut.${statut}`) })),
        ]}
        contacts={data.contacts}
        entreprises={data.entreprises}
      />
      <DocumentTable testId="devis-list" totalsTestId="devis-totals" lookups={lookups} totals={totalsRow(rows)} emptyText={t('invoicingDocuments.devis.empty')}>
        {rows.map((row) => (
          <tr key={row.devis.id} data-testid="devis-row" data-id={row.devis.id} data-statut={row.statut}>
            <td className="mono">{row.numero}</td>
            <CommonCells row={row} doc={row.devis} lookups={lookups} />
            <td>
              <span className={`badge doc-badge-${row.statut}`}>{t(`invoicingDocuments.devis.statut.${row.statut}`)}</span>
            </td>
            <OpenCell testId="devis-open" onOpen={() => setOpen({ id: row.devis.id })} />
          </tr>
        ))}
      </DocumentTable>
    </section>
  );
}
