import { removeDocument } from '@relais/replica';
import { Fragment, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { RxDocument } from 'rxdb';
import type { Revisioned } from './document-form';
import { logger } from './logger';

type Editing = { mode: 'create' } | { mode: 'edit'; id: string } | null;

interface ListPageProps<T extends { id: string }> {
  title: string;
  /** Between the title and the “new” button: count, filters… */
  toolbar: ReactNode;
  /** Above the table: what needs the user's attention first (missions refused by the server…). */
  banner?: ReactNode;
  newLabel: string;
  newTestId?: string;
  /** False for a role that may only read: no “new” button (the rows hide their actions too). */
  editable?: boolean;
  /** The header cells, but the actions column's. */
  columns: ReactNode;
  /** `undefined` until the first results. */
  items: readonly T[] | undefined;
  /** A row (with its `key`); `edit` opens the dialog on it. */
  renderRow: (item: T, edit: () => void) => ReactNode;
  emptyText: string;
  /** Shown until the first results, when given. */
  loadingText?: string;
  /** The create (`doc` absent) or edit dialog, opened by the “new” button or a row's `edit`. */
  renderDialog: (doc: T | undefined, close: () => void) => ReactNode;
}

/** A page listing a collection in a table, with a button to create and a dialog to create or edit. */
export function ListPage<T extends { id: string }>(props: ListPageProps<T>) {
  const { items, renderRow, renderDialog, editable = true } = props;
  const { t } = useTranslation();
  const [editing, setEditing] = useState<Editing>(null);
  const edited = editing?.mode === 'edit' ? items?.find((item) => item.id === editing.id) : undefined;
  const close = (): void => setEditing(null);

  return (
    <section className="page">
      <div className="toolbar">
        <h1>{props.title}</h1>
        {props.toolbar}
        {editable ? (
          <button type="button" className="button primary" data-testid={props.newTestId} onClick={() => setEditing({ mode: 'create' })}>
            + {props.newLabel}
          </button>
        ) : null}
      </div>
      {props.banner}
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              {props.columns}
              <th className="col-actions">
                <span className="sr-only">{t('common.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>{items?.map((item) => renderRow(item, () => setEditing({ mode: 'edit', id: item.id })))}</tbody>
        </table>
        {items === undefined && props.loadingText !== undefined ? <p className="empty">{props.loadingText}</p> : null}
        {items?.length === 0 ? <p className="empty">{props.emptyText}</p> : null}
      </div>
      {editable && editing && (editing.mode === 'create' || edited) ? (
        <Fragment key={editing.mode === 'edit' ? editing.id : 'new'}>{renderDialog(edited, close)}</Fragment>
      ) : null}
    </section>
  );
}

interface RowActionsProps<T extends Revisioned> {
  doc: RxDocument<T>;
  onEdit: () => void;
  /** The question asked before deleting. */
  deleteQuestion: () => string;
  /** Logged (in French, as the other logs) with the error when the deletion fails. */
  deleteFailedLog: string;
  editTestId?: string;
  deleteTestId?: string;
  /** False for a role that may only read: the cell stays, empty. */
  editable?: boolean;
}

/** A row's last cell: Edit, and Delete once confirmed. */
export function RowActions<T extends Revisioned>({ doc, onEdit, deleteQuestion, deleteFailedLog, editTestId, deleteTestId, editable = true }: RowActionsProps<T>) {
  const { t } = useTranslation();
  if (!editable) {
    return <td className="col-actions" />;
  }
  const remove = (): void => {
    if (window.confirm(deleteQuestion())) {
      removeDocument(doc).catch((error: unknown) => logger.error(deleteFailedLog, error));
    }
  };
  return (
    <td className="col-actions">
      <button type="button" className="button small" data-testid={editTestId} onClick={onEdit}>
        {t('common.edit')}
      </button>
      <button type="button" className="button small danger" data-testid={deleteTestId} onClick={remove}>
        {t('common.delete')}
      </button>
    </td>
  );
}

/** The Active / Inactive badge; `feminine` agrees the French word with its noun (« entreprise active »). */
export function ActiveBadge({ active, feminine = false }: { active: boolean; feminine?: boolean }) {
  const { t } = useTranslation();
  const text = feminine ? (active ? t('common.activeFeminine') : t('common.inactiveFeminine')) : active ? t('common.active') : t('common.inactive');
  return <span className={active ? 'badge badge-active' : 'badge badge-inactive'}>{text}</span>;
}

/** A cell with the Active / Inactive badge. */
export function ActiveCell({ active, feminine = false }: { active: boolean; feminine?: boolean }) {
  return (
    <td>
      <ActiveBadge active={active} feminine={feminine} />
    </td>
  );
}
