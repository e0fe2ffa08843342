import type { Contact, Mission } from '@relais/schema';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useMayRead } from '../auth/use-session';
import { contactName } from '../invoicing/documents/use-invoicing-data';
import { useDatabase, useQueryResults } from '../sync/hooks';
import { formatEuros } from '../ui/format';
import { revenueByCustomer } from './revenue-by-customer';

interface Props {
  days: readonly string[];
  missions: readonly Readonly<Mission>[];
  dayLabel: (day: string) => string;
}

/** Customer names, for those who may read the invoicing contacts; empty otherwise. */
function useCustomerNames(): ReadonlyMap<string, string> {
  const db = useDatabase();
  const mayRead = useMayRead('contacts');
  const query = useMemo(() => db.contacts.find(), [db]);
  const contacts = useQueryResults(query);
  return useMemo(
    () => new Map(mayRead ? (contacts ?? []).map((doc) => [doc.id, contactName(doc.toJSON() as Contact)] as const) : []),
    [contacts, mayRead],
  );
}

/**
 * The board's revenue per customer and day, under the revenue per day; the board shows it only with
 * `view_finance`. Customers are named for those who read the invoicing contacts.
 */
export function RevenueByCustomer({ days, missions, dayLabel }: Props) {
  const { t, i18n } = useTranslation();
  const names = useCustomerNames();
  const rows = revenueByCustomer(missions, days);
  if (rows.length === 0) {
    return null;
  }
  const euros = (cents: number): string => formatEuros(cents, i18n.language);
  const label = (clientId: string | undefined): string =>
    clientId === undefined ? t('missionBilling.noCustomer') : (names.get(clientId) ?? t('missionBilling.customersHidden'));
  return (
    <table className="table planning-totals revenue-by-customer" data-testid="revenue-by-customer">
      <caption>{t('missionBilling.revenueTitle')}</caption>
      <thead>
        <tr>
          <th />
          {days.map((day) => (
            <th key={day} className="num">
              {dayLabel(day)}
            </th>
          ))}
          <th className="num">{t('missionBilling.revenueTotal')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.client_id ?? 'none'} data-testid="revenue-customer">
            <th scope="row">{label(row.client_id)}</th>
            {row.byDay.map((cents, index) => (
              <td key={days[index]} className="num">
                {cents === 0 ? '' : euros(cents)}
              </td>
            ))}
            <td className="num">
              <strong>{euros(row.total)}</strong>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
