import type { ActivityEntry } from '@relais/schema';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { translateKey } from '../i18n';
import { referencesIn, useDocumentNames, useReadableValue, type DocumentRef } from '../sync/use-document-names';
import { actionLabel } from './activity-actions';
import { detailLines, formatWhen, type DetailRender, type ValueWords } from './activity-format';

/** The message namespace holding a collection's field labels. */
const fieldNamespaces: Record<string, string> = {
  missions: 'missions',
  chauffeurs: 'chauffeurs',
  voyages: 'voyages',
  disponibilites: 'absences',
  sst: 'sst',
  revenus_palettes: 'revenus',
};

/** A field's label as its screen shows it; else its name in words (`date_fin` → `date fin`). */
function fieldLabel(collection: string, field: string): string {
  const fallback = field.replace(/_id$/, '').replace(/_/g, ' ');
  const namespace = fieldNamespaces[collection];
  return namespace ? translateKey(`${namespace}.fields.${field}`, fallback) : fallback;
}

interface RowProps {
  entry: ActivityEntry;
  words: ValueWords;
  names: ReadonlyMap<string, string>;
  render: DetailRender;
}

function ActivityRow({ entry, words, names, render }: RowProps) {
  const { t } = useTranslation();
  const labels = t('activity.actions', { returnObjects: true });
  const none = <span className="muted">{t('common.none')}</span>;
  const lines = detailLines(entry.collection, entry.details, words, {
    label: (field) => fieldLabel(entry.collection, field),
    value: render.value,
  });
  const documentName =
    entry.document_id === null
      ? null
      : entry.collection === 'auth'
        ? entry.document_id
        : (names.get(`${entry.collection}/${entry.document_id}`) ??
          t(`values.unknown.${entry.collection}`, { defaultValue: t('values.unknown.other') }));
  return (
    <tr
      data-testid="activity-row"
      data-id={entry.id}
      data-action={entry.action}
      data-collection={entry.collection}
      data-document-id={entry.document_id ?? undefined}
      className={`activity-${entry.action}`}
    >
      <td className="col-when">{formatWhen(entry.at)}</td>
      <td data-testid="activity-user">{entry.actor ?? <span className="muted">{t('activity.system')}</span>}</td>
      <td data-testid="activity-action">
        <span className="activity-action">{actionLabel(entry.action, labels)}</span>
      </td>
      <td>{translateKey(`activity.collections.${entry.collection}`, entry.collection)}</td>
      <td className="col-document" data-testid="activity-document">
        {documentName ?? none}
      </td>
      <td>{entry.hostname ?? none}</td>
      <td className="col-ip">{entry.ip ?? none}</td>
      <td className="col-details">
        {lines.length === 0 ? null : (
          <ul className="activity-details">
            {lines.map((line, index) => (
              <li key={index}>{line}</li>
            ))}
          </ul>
        )}
      </td>
    </tr>
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The documents a page of the log speaks of: each entry's, and those its changed id fields point at. */
function pageReferences(entries: readonly ActivityEntry[]): DocumentRef[] {
  const refs: DocumentRef[] = [];
  for (const entry of entries) {
    if (entry.document_id !== null && entry.collection !== 'auth') {
      refs.push({ collection: entry.collection, id: entry.document_id });
    }
    if (isRecord(entry.details)) {
      refs.push(...referencesIn(Object.entries(entry.details).flatMap(([field, value]) => (Array.isArray(value) ? value.map((item): [string, unknown] => [field, item]) : [[field, value] as [string, unknown]]))));
    }
  }
  return refs;
}

/** The entries of one page of the log, newest first, documents named from this PC's local store. */
export function ActivityTable({ entries }: { entries: readonly ActivityEntry[] }) {
  const { t } = useTranslation();
  const words: ValueWords = { empty: t('sync.empty'), yes: t('sync.yes'), no: t('sync.no') };
  const refs = useMemo(() => pageReferences(entries), [entries]);
  const names = useDocumentNames(refs);
  const value = useReadableValue(names);
  const render: DetailRender = { label: (field) => field, value };
  return (
    <table className="table activity-table">
      <thead>
        <tr>
          <th className="col-when">{t('activity.columns.when')}</th>
          <th>{t('activity.columns.user')}</th>
          <th>{t('activity.columns.action')}</th>
          <th>{t('activity.columns.collection')}</th>
          <th>{t('activity.columns.document')}</th>
          <th>{t('activity.columns.hostname')}</th>
          <th>{t('activity.columns.ip')}</th>
          <th>{t('activity.columns.details')}</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => (
          <ActivityRow key={entry.id} entry={entry} words={words} names={names} render={render} />
        ))}
      </tbody>
    </table>
  );
}
