import { Fragment, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** One column: its header (already in the user's language), its cell, and how it aligns and sorts. */
export interface Column<T> {
  key: string;
  header: ReactNode;
  cell: (row: T) => ReactNode;
  /** Right-aligned, tabular figures: amounts, sizes, counts. */
  numeric?: boolean;
  className?: string;
  /** Makes the header a sort button (mouse and keyboard); rows compare by this value. */
  sortValue?: (row: T) => string | number;
}

export type SortDirection = 'ascending' | 'descending';

export interface SortState {
  key: string;
  direction: SortDirection;
}

/** What a row carries besides its cells: test ids, the state a style or a test reads, a click. */
export type RowAttributes = { className?: string | undefined; onClick?: (() => void) | undefined } & { [data: `data-${string}`]: string | undefined };

interface DataTableProps<T> {
  columns: readonly Column<T>[];
  /** `undefined` until the first answer: the loading message is shown. */
  rows: readonly T[] | undefined;
  rowKey: (row: T) => string | number;
  rowAttributes?: (row: T) => RowAttributes;
  /** The last cell's buttons (Edit, Delete…), right-aligned under a header read only by screen readers. */
  actions?: (row: T) => ReactNode;
  /** A full-width row under a row (a job's history), or nothing. */
  detail?: (row: T) => ReactNode;
  /** Shown when there are no rows. */
  empty: string;
  loading?: string | undefined;
  /** A failure to read the rows, shown instead of the loading message. */
  error?: ReactNode;
  testId?: string | undefined;
  /** Extra classes of the table (`table-compact`…). */
  className?: string | undefined;
  /** The order the page shows first, for a sortable table. */
  initialSort?: SortState | undefined;
}

/** The rows in the order asked: numbers by value, texts the French way (accents, digits by value). */
export function sortRows<T>(rows: readonly T[], columns: readonly Column<T>[], sort: SortState | null): readonly T[] {
  const value = sort ? columns.find((column) => column.key === sort.key)?.sortValue : undefined;
  if (!sort || !value) {
    return rows;
  }
  const collator = new Intl.Collator('fr', { numeric: true, sensitivity: 'base' });
  const sign = sort.direction === 'ascending' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const left = value(a);
    const right = value(b);
    const order = typeof left === 'number' && typeof right === 'number' ? left - right : collator.compare(String(left), String(right));
    return sign * order;
  });
}

/** A header clicked: ascending first, then the other way. */
export function nextSort(current: SortState | null, key: string): SortState {
  return current?.key === key && current.direction === 'ascending' ? { key, direction: 'descending' } : { key, direction: 'ascending' };
}

function cellClass<T>(column: Column<T>): string | undefined {
  return [column.numeric ? 'num' : undefined, column.className].filter(Boolean).join(' ') || undefined;
}

/**
 * The app's table: typed columns, a header that stays in view while the rows scroll, loading, error
 * and empty states, right-aligned numbers, sortable headers and row actions. One markup for every
 * list of the administration and the connectors, so they look and behave alike.
 */
export function DataTable<T>(props: DataTableProps<T>) {
  const { columns, rows, rowKey, rowAttributes, actions, detail } = props;
  const { t } = useTranslation();
  const [sort, setSort] = useState<SortState | null>(props.initialSort ?? null);
  const shown = rows === undefined ? undefined : sortRows(rows, columns, sort);
  const width = columns.length + (actions ? 1 : 0);
  return (
    <div className="table-wrap data-table-wrap">
      <table className={['table', 'data-table', props.className].filter(Boolean).join(' ')} data-testid={props.testId}>
        <thead>
          <tr>
            {columns.map((column) => {
              const sorted = sort?.key === column.key ? sort.direction : undefined;
              return (
                <th key={column.key} className={cellClass(column)} aria-sort={column.sortValue ? (sorted ?? 'none') : undefined}>
                  {column.sortValue ? (
                    <button type="button" className="sort-button" onClick={() => setSort((current) => nextSort(current, column.key))}>
                      {column.header}
                      <span className="sort-mark" aria-hidden="true">
                        {sorted === 'ascending' ? '▲' : sorted === 'descending' ? '▼' : '↕'}
                      </span>
                    </button>
                  ) : (
                    column.header
                  )}
                </th>
              );
            })}
            {actions ? (
              <th className="col-actions">
                <span className="sr-only">{t('common.actions')}</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {shown?.map((row) => {
            const extra = detail?.(row);
            return (
              <Fragment key={rowKey(row)}>
                <tr {...rowAttributes?.(row)}>
                  {columns.map((column) => (
                    <td key={column.key} className={cellClass(column)}>
                      {column.cell(row)}
                    </td>
                  ))}
                  {actions ? <td className="col-actions">{actions(row)}</td> : null}
                </tr>
                {extra ? (
                  <tr className="table-detail-row">
                    <td colSpan={width}>{extra}</td>
                  </tr>
                ) : null}
              </Fragment>
            );
          })}
        </tbody>
      </table>
      {props.error ? (
        <div className="table-error">{props.error}</div>
      ) : shown === undefined ? (
        <p className="empty">{props.loading ?? t('common.loading')}</p>
      ) : shown.length === 0 ? (
        <p className="empty">{props.empty}</p>
      ) : null}
    </div>
  );
}
