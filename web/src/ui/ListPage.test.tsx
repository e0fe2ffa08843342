import type { RxDocument } from 'rxdb';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { initI18n, setLanguage } from '../i18n';
import { ActiveBadge, ActiveCell, ListPage, RowActions } from './ListPage';

interface Item {
  id: string;
  rev: number;
  updated_at: string;
  name: string;
}

function page(items: readonly Item[] | undefined, loadingText?: string): string {
  return renderToStaticMarkup(
    <ListPage
      title="Things"
      toolbar={<span className="toolbar-info">2 things</span>}
      newLabel="New thing"
      newTestId="thing-new"
      columns={<th>Name</th>}
      items={items}
      renderRow={(item, edit) => (
        <tr key={item.id} data-id={item.id}>
          <td>{item.name}</td>
          <ActiveCell active={item.name !== 'old'} />
          <RowActions
            doc={item as RxDocument<Item>}
            onEdit={edit}
            deleteQuestion={() => `Delete ${item.name}?`}
            deleteFailedLog="suppression impossible"
            editTestId="thing-edit"
            deleteTestId="thing-delete"
          />
        </tr>
      )}
      emptyText="Nothing yet."
      {...(loadingText === undefined ? {} : { loadingText })}
      renderDialog={() => <p>dialog</p>}
    />,
  );
}

describe('ListPage', () => {
  beforeAll(async () => {
    await initI18n();
    await setLanguage('en');
  });

  it('lays out the toolbar, the header with its actions column, and the rows', () => {
    const html = page([
      { id: 'a', rev: 1, updated_at: '', name: 'Quai 4' },
      { id: 'b', rev: 1, updated_at: '', name: 'old' },
    ]);
    expect(html).toContain('<div class="toolbar"><h1>Things</h1><span class="toolbar-info">2 things</span>');
    expect(html).toContain('<button type="button" class="button primary" data-testid="thing-new">+ New thing</button>');
    expect(html).toContain('<th>Name</th><th class="col-actions"><span class="sr-only">Actions</span></th>');
    expect(html).toContain('<tr data-id="a"><td>Quai 4</td><td><span class="badge badge-active">Active</span></td>');
    expect(html).toContain('<span class="badge badge-inactive">Inactive</span>');
    expect(html).toContain(
      '<td class="col-actions"><button type="button" class="button small" data-testid="thing-edit">Edit</button>' +
        '<button type="button" class="button small danger" data-testid="thing-delete">Delete</button></td>',
    );
    expect(html).not.toContain('class="empty"');
    expect(html).not.toContain('dialog');
  });

  it('says when the list is empty, and while it loads when asked to', () => {
    expect(page([])).toContain('<p class="empty">Nothing yet.</p>');
    expect(page(undefined)).not.toContain('class="empty"');
    expect(page(undefined, 'Loading…')).toContain('<p class="empty">Loading…</p>');
  });

  it('agrees the French badge with a feminine noun (une entreprise active)', async () => {
    await setLanguage('fr');
    try {
      expect(renderToStaticMarkup(<ActiveBadge active feminine />)).toBe('<span class="badge badge-active">Active</span>');
      expect(renderToStaticMarkup(<ActiveBadge active={false} feminine />)).toBe('<span class="badge badge-inactive">Inactive</span>');
      expect(renderToStaticMarkup(<ActiveBadge active />)).toBe('<span class="badge badge-active">Actif</span>');
    } finally {
      await setLanguage('en');
    }
  });
});
