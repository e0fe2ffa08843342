import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMayEdit } from '../../auth/use-session';
import { formatEuros, todayIso } from '../../ui/format';
import { FacturePanel } from './FacturePanel';
import { FiltersBar } from './FiltersBar';
import { byDateDesc, formatDay, emptyFilters, factureFilterStatuts, factureRow, linksOf, matchesFacture, totalsRow, type DocumentFilters } from './filters';
import { loaded } from './loaded';
import { clearOpenRequest, openRequest } from './persistence';
import { byId, contactName, plain, useInvoicingData } from './use-invoicing-data';
import './documents.css';

type Open = { id?: string | undefined } | null;

/** The invoices, deposit invoices and credit notes: the filtered list with its totals, or one document. */
export function FacturesPage() {
  const { t, i18n } = useTranslation();
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
  const today = todayIso();
  const contacts = byId(data.contacts);
  const entreprises = byId(data.entreprises);
  const factures = data.factures.map(plain);
  const links = linksOf(factures, data.reglements.map(plain));
  const rows = factures
    .map((facture) => factureRow(facture, links, today))
    .filter((row) => matchesFacture(row, filters))
    .sort(byDateDesc);
  const totals = totalsRow(rows);
  const several = data.entreprises.length > 1;
  return (
    <section className="page" data-testid="factures-page">
      <div className="toolbar">
        <h1>{t('invoicingDocuments.factures.title')}</h1>
        <span className="toolbar-info muted">{t('invoicingDocuments.factures.count', { n: rows.length })}</span>
        {mayEdit ? (
          <button type="button" className="button primary" data-testid="facture-new" onClick={() => setOpen({})}>
            + {t('invoicingDocuments.factures.new')}
          </button>
        ) : null}
      </div>
      <FiltersBar
        filters={filters}
        onChange={setFilters}
        statuts={factureFilterStatuts.map((statut) => ({ value: statut, label: t(`invoicingDocuments.factures.filter.${statut}`) }))}
        contacts={data.contacts}
        entreprises={data.entreprises}
      />
      <div className="table-wrap">
        <table className="table" data-testid="factures-list">
          <thead>
            <tr>
              <th>{t('invoicingDocuments.list.numero')}</th>
              <th>{t('invoicingDocuments.list.date')}</th>
              <th>{t('invoicingDocuments.list.client')}</th>
              {several ? <th>{t('invoicingDocuments.list.entreprise')}</th> : null}
              <th className="num">{t('invoicingDocuments.list.ht')}</th>
              <th className="num">{t('invoicingDocuments.list.ttc')}</th>
              <th className="num">{t('invoicingDocuments.list.reste')}</th>
              <th>{t('invoicingDocuments.list.statut')}</th>
              <th className="col-actions">
                <span className="sr-only">{t('common.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const contact = contacts.get(row.facture.contact_id);
              return (
                <tr key={row.facture.id} data-testid="facture-row" data-id={row.facture.id} data-state={row.state}>
                  <td className="mono">
                    {row.numero}
                    {row.facture.type_facture !== 'facture' ? <span className="tag">{t(`invoicingDocuments.factures.type.${row.facture.type_facture}`)}</span> : null}
                  </td>
                  <td>{formatDay(row.date, i18n.language)}</td>
                  <td>{contact ? contactName(contact) : t('invoicingDocuments.unknownContact')}</td>
                  {several ? <td>{entreprises.get(row.facture.entreprise_id)?.raison_sociale ?? ''}</td> : null}
                  <td className="num">{euros(row.total_ht)}</td>
                  <td className="num">{euros(row.total_ttc)}</td>
                  <td className="num">{row.balance ? euros(row.balance.reste) : ''}</td>
                  <td>
                    <span className={`badge doc-state-${row.state}`}>{t(`invoicingDocuments.factures.state.${row.state}`, { n: row.joursRetard ?? 0 })}</span>
                  </td>
                  <td className="col-actions">
                    <button type="button" className="button small" data-testid="facture-open" onClick={() => setOpen({ id: row.facture.id })}>
                      {t('invoicingDocuments.list.open')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
          {rows.length > 0 ? (
            <tfoot>
              <tr className="doc-totals-row" data-testid="factures-totals">
                <th colSpan={several ? 4 : 3}>{t('invoicingDocuments.list.total', { n: totals.count })}</th>
                <td className="num">{euros(totals.total_ht)}</td>
                <td className="num">{euros(totals.total_ttc)}</td>
                <td className="num">{euros(totals.reste)}</td>
                <td colSpan={2} />
              </tr>
            </tfoot>
          ) : null}
        </table>
        {rows.length === 0 ? <p className="empty">{t('invoicingDocuments.factures.empty')}</p> : null}
      </div>
    </section>
  );
}
