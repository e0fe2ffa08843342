import { devisStatutValues } from '@relais/schema';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMayEdit } from '../../auth/use-session';
import { formatEuros, todayIso } from '../../ui/format';
import { DevisPanel } from './DevisPanel';
import { FiltersBar } from './FiltersBar';
import { byDateDesc, formatDay, devisRow, emptyFilters, matchesDevis, totalsRow, type DocumentFilters } from './filters';
import { byId, contactName, plain, useInvoicingData } from './use-invoicing-data';
import { loaded } from './loaded';
import './documents.css';

type Open = { id?: string | undefined } | null;

/** The quotes: the filtered list with its totals, or one quote's editor and actions. */
export function DevisPage() {
  const { t, i18n } = useTranslation();
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
  const euros = (cents: number): string => formatEuros(cents, i18n.language);
  const today = todayIso();
  const contacts = byId(data.contacts);
  const entreprises = byId(data.entreprises);
  const rows = data.devis.map((doc) => devisRow(plain(doc), today)).filter((row) => matchesDevis(row, filters)).sort(byDateDesc);
  const totals = totalsRow(rows);
  const several = data.entreprises.length > 1;
  return (
    <section className="page" data-testid="devis-page">
      <div className="toolbar">
        <h1>{t('invoicingDocuments.devis.title')}</h1>
        <span className="toolbar-info muted">{t('invoicingDocuments.devis.count', { n: rows.length })}</span>
        {mayEdit ? (
          <button type="button" className="button primary" data-testid="devis-new" onClick={() => setOpen({})}>
            + {t('invoicingDocuments.devis.new')}
          </button>
        ) : null}
      </div>
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
      <div className="table-wrap">
        <table className="table" data-testid="devis-list">
          <thead>
            <tr>
              <th>{t('invoicingDocuments.list.numero')}</th>
              <th>{t('invoicingDocuments.list.date')}</th>
              <th>{t('invoicingDocuments.list.client')}</th>
              {several ? <th>{t('invoicingDocuments.list.entreprise')}</th> : null}
              <th className="num">{t('invoicingDocuments.list.ht')}</th>
              <th className="num">{t('invoicingDocuments.list.ttc')}</th>
              <th>{t('invoicingDocuments.list.statut')}</th>
              <th className="col-actions">
                <span className="sr-only">{t('common.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const contact = contacts.get(row.devis.contact_id);
              return (
                <tr key={row.devis.id} data-testid="devis-row" data-id={row.devis.id} data-statut={row.statut}>
                  <td className="mono">{row.numero}</td>
                  <td>{formatDay(row.date, i18n.language)}</td>
                  <td>{contact ? contactName(contact) : t('invoicingDocuments.unknownContact')}</td>
                  {several ? <td>{entreprises.get(row.devis.entreprise_id)?.raison_sociale ?? ''}</td> : null}
                  <td className="num">{euros(row.total_ht)}</td>
                  <td className="num">{euros(row.total_ttc)}</td>
                  <td>
                    <span className={`badge doc-badge-${row.statut}`}>{t(`invoicingDocuments.devis.statut.${row.statut}`)}</span>
                  </td>
                  <td className="col-actions">
                    <button type="button" className="button small" data-testid="devis-open" onClick={() => setOpen({ id: row.devis.id })}>
                      {t('invoicingDocuments.list.open')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
          {rows.length > 0 ? (
            <tfoot>
              <tr className="doc-totals-row" data-testid="devis-totals">
                <th colSpan={several ? 4 : 3}>{t('invoicingDocuments.list.total', { n: totals.count })}</th>
                <td className="num">{euros(totals.total_ht)}</td>
                <td className="num">{euros(totals.total_ttc)}</td>
                <td colSpan={2} />
              </tr>
            </tfoot>
          ) : null}
        </table>
        {rows.length === 0 ? <p className="empty">{t('invoicingDocuments.devis.empty')}</p> : null}
      </div>
    </section>
  );
}
