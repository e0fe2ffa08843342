import type { Contact, Entreprise } from '@relais/schema';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatEuros } from '../../ui/format';
import { formatDay, type TotalsRow } from './filters';
import type { LoadedInvoicingData } from './loaded';
import { byId, contactName } from './use-invoicing-data';

/** The scaffolding the quote list and the invoice list share: toolbar, columns, common cells, totals. */

interface ListToolbarProps {
  title: string;
  count: string;
  /** The "new" button's test id and text; no button when `onNew` is absent (read-only role). */
  newTestId: string;
  newLabel: string;
  onNew: (() => void) | undefined;
}

/** A list's title, its count and its "new" button. */
export function ListToolbar({ title, count, newTestId, newLabel, onNew }: ListToolbarProps) {
  return (
    <div className="toolbar">
      <h1>{title}</h1>
      <span className="toolbar-info muted">{count}</span>
      {onNew ? (
        <button type="button" className="button primary" data-testid={newTestId} onClick={onNew}>
          + {newLabel}
        </button>
      ) : null}
    </div>
  );
}

/** What a row needs to name its customer and company. */
export interface ListLookups {
  contacts: ReadonlyMap<string, Contact>;
  entreprises: ReadonlyMap<string, Entreprise>;
  /** The company column is shown only when there are several companies. */
  several: boolean;
}

export function listLookups(data: LoadedInvoicingData): ListLookups {
  return { contacts: byId(data.contacts), entreprises: byId(data.entreprises), several: data.entreprises.length > 1 };
}

interface DocumentTableProps {
  /** The table's and its totals row's test ids. */
  testId: string;
  totalsTestId: string;
  lookups: ListLookups;
  totals: TotalsRow;
  /** The invoices' "left to pay" column, after the TTC one. */
  withReste?: boolean;
  /** Shown under the table when no row matches. */
  emptyText: string;
  /** The rows (`<tr>`), one per document. */
  children: ReactNode;
}

/** A document list: the columns numero, date, client, (entreprise), HT, TTC, (reste), statut, actions, and the totals row. */
export function DocumentTable({ testId, totalsTestId, lookups, totals, withReste = false, emptyText, children }: DocumentTableProps) {
  const { t, i18n } = useTranslation();
  const euros = (cents: number): string => formatEuros(cents, i18n.language);
  return (
    <div className="table-wrap">
      <table className="table" data-testid={testId}>
        <thead>
          <tr>
            <th>{t('invoicingDocuments.list.numero')}</th>
            <th>{t('invoicingDocuments.list.date')}</th>
            <th>{t('invoicingDocuments.list.client')}</th>
            {lookups.several ? <th>{t('invoicingDocuments.list.entreprise')}</th> : null}
            <th className="num">{t('invoicingDocuments.list.ht')}</th>
            <th className="num">{t('invoicingDocuments.list.ttc')}</th>
            {withReste ? <th className="num">{t('invoicingDocuments.list.reste')}</th> : null}
            <th>{t('invoicingDocuments.list.statut')}</th>
            <th className="col-actions">
              <span className="sr-only">{t('common.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>{children}</tbody>
        {totals.count > 0 ? (
          <tfoot>
            <tr className="doc-totals-row" data-testid={totalsTestId}>
              <th colSpan={lookups.several ? 4 : 3}>{t('invoicingDocuments.list.total', { n: totals.count })}</th>
              <td className="num">{euros(totals.total_ht)}</td>
              <td className="num">{euros(totals.total_ttc)}</td>
              {withReste ? <td className="num">{euros(totals.reste)}</td> : null}
              <td colSpan={2} />
            </tr>
          </tfoot>
        ) : null}
      </table>
      {totals.count === 0 ? <p className="empty">{emptyText}</p> : null}
    </div>
  );
}

interface CommonCellsProps {
  row: { date: string; total_ht: number; total_ttc: number };
  doc: { contact_id: string; entreprise_id: string };
  lookups: ListLookups;
}

/** A row's cells between its number and its status: date, client, (entreprise), HT, TTC. */
export function CommonCells({ row, doc, lookups }: CommonCellsProps) {
  const { t, i18n } = useTranslation();
  const contact = lookups.contacts.get(doc.contact_id);
  return (
    <>
      <td>{formatDay(row.date, i18n.language)}</td>
      <td>{contact ? contactName(contact) : t('invoicingDocuments.unknownContact')}</td>
      {lookups.several ? <td>{lookups.entreprises.get(doc.entreprise_id)?.raison_sociale ?? ''}</td> : null}
      <td className="num">{formatEuros(row.total_ht, i18n.language)}</td>
      <td className="num">{formatEuros(row.total_ttc, i18n.language)}</td>
    </>
  );
}

/** A row's last cell: its "open" button. */
export function OpenCell({ testId, onOpen }: { testId: string; onOpen: () => void }) {
  const { t } = useTranslation();
  return (
    <td className="col-actions">
      <button type="button" className="button small" data-testid={testId} onClick={onOpen}>
        {t('invoicingDocuments.list.open')}
      </button>
    </td>
  );
}
