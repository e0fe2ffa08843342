import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { initI18n, setLanguage } from '../i18n';
import { DataTable, nextSort, sortRows, type Column } from './DataTable';

interface Backup {
  name: string;
  size: number;
}

const columns: Column<Backup>[] = [
  { key: 'name', header: 'Nom', cell: (row) => row.name, sortValue: (row) => row.name },
  { key: 'size', header: 'Taille', numeric: true, cell: (row) => `${row.size} Mo`, sortValue: (row) => row.size },
  { key: 'note', header: 'Note', cell: () => '—' },
];

const rows: Backup[] = [
  { name: 'Été', size: 9 },
  { name: 'avril 10', size: 120 },
  { name: 'avril 9', size: 30 },
];

function table(props: Partial<Parameters<typeof DataTable<Backup>>[0]> = {}): string {
  return renderToStaticMarkup(
    <DataTable<Backup>
      columns={columns}
      rows={rows}
      rowKey={(row) => row.name}
      rowAttributes={(row) => ({ 'data-testid': 'backup-row', 'data-name': row.name })}
      empty="Aucune sauvegarde."
      actions={(row) => <button type="button">Supprimer {row.name}</button>}
      testId="backups"
      {...props}
    />,
  );
}

beforeAll(async () => {
  await initI18n();
  await setLanguage('fr');
});

describe('DataTable', () => {
  it('renders typed cells, right-aligned numbers, row attributes and the actions column', () => {
    const html = table();
    expect(html).toContain('data-testid="backups"');
    expect(html).toContain('<td class="num">120 Mo</td>');
    expect(html).toContain('<th class="num" aria-sort="none">');
    expect(html).toContain('data-testid="backup-row" data-name="Été"');
    expect(html).toContain('<td class="col-actions"><button type="button">Supprimer Été</button></td>');
    expect(html).toContain('<span class="sr-only">Actions</span>');
    expect(html).not.toContain('Aucune sauvegarde.');
  });

  it('makes only the sortable headers buttons, and marks the initial order', () => {
    const html = table({ initialSort: { key: 'size', direction: 'descending' } });
    expect(html.match(/<button type="button" class="sort-button">/g)).toHaveLength(2);
    expect(html).toContain('<th class="num" aria-sort="descending">');
    expect(html).toContain('<th>Note</th>');
    expect(html.indexOf('avril 10')).toBeLessThan(html.indexOf('avril 9'));
    expect(html.indexOf('avril 9')).toBeLessThan(html.indexOf('Été'));
  });

  it('says it is loading, empty, or failed', () => {
    expect(table({ rows: undefined })).toContain('<p class="empty">Chargement…</p>');
    expect(table({ rows: undefined, loading: 'Lecture des sauvegardes…' })).toContain('Lecture des sauvegardes…');
    expect(table({ rows: [] })).toContain('<p class="empty">Aucune sauvegarde.</p>');
    const failed = table({ rows: undefined, error: <p role="alert">Serveur injoignable</p> });
    expect(failed).toContain('Serveur injoignable');
    expect(failed).not.toContain('Chargement…');
  });

  it('puts a detail row under a row, across every column', () => {
    const html = table({ detail: (row) => (row.name === 'Été' ? <p>Historique</p> : null) });
    expect(html.match(/table-detail-row/g)).toHaveLength(1);
    expect(html).toContain('<td colSpan="4"><p>Historique</p></td>');
  });
});

describe('sorting', () => {
  it('compares numbers by value and texts the French way', () => {
    expect(sortRows(rows, columns, { key: 'size', direction: 'ascending' }).map((row) => row.size)).toEqual([9, 30, 120]);
    expect(sortRows(rows, columns, { key: 'name', direction: 'ascending' }).map((row) => row.name)).toEqual(['avril 9', 'avril 10', 'Été']);
    expect(sortRows(rows, columns, { key: 'name', direction: 'descending' }).map((row) => row.name)).toEqual(['Été', 'avril 10', 'avril 9']);
  });

  it('keeps the given order without a sort or on a column that does not sort', () => {
    expect(sortRows(rows, columns, null)).toBe(rows);
    expect(sortRows(rows, columns, { key: 'note', direction: 'ascending' })).toBe(rows);
  });

  it('sorts ascending on a first click, then flips', () => {
    expect(nextSort(null, 'name')).toEqual({ key: 'name', direction: 'ascending' });
    expect(nextSort({ key: 'name', direction: 'ascending' }, 'name')).toEqual({ key: 'name', direction: 'descending' });
    expect(nextSort({ key: 'name', direction: 'descending' }, 'name')).toEqual({ key: 'name', direction: 'ascending' });
    expect(nextSort({ key: 'name', direction: 'descending' }, 'size')).toEqual({ key: 'size', direction: 'ascending' });
  });
});
