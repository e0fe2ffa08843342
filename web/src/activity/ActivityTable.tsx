import type { ActivityEntry } from '@relais/schema';
import { useTranslation } from 'react-i18next';
import { translateKey } from '../i18n';
import { actionLabel } from './activity-actions';
import { detailLines, formatWhen, shortId, type ValueWords } from './activity-format';

function ActivityRow({ entry, words }: { entry: ActivityEntry; words: ValueWords }) {
  const { t } = useTranslation();
  const labels = t('activity.actions', { returnObjects: true });
  const none = <span className="muted">{t('common.none')}</span>;
  const lines = detailLines(entry.collection, entry.details, words);
  return (
    <tr
      data-testid="activity-row"
      data-id={entry.id}
      data-action={entry.action}
      data-collection={entry.collection}
      data-document-id={entry.document_id ?? undefined}
      className={`activity-${entry.action}`}
    >
      <td className="col-when" title={entry.at}>
        {formatWhen(entry.at)}
      </td>
      <td data-testid="activity-user">{entry.actor ?? <span className="muted">{t('activity.system')}</span>}</td>
      <td data-testid="activity-action">
        <span className="activity-action">{actionLabel(entry.action, labels)}</span>
      </td>
      <td>{translateKey(`activity.collections.${entry.collection}`, entry.collection)}</td>
      <td className="col-document">{entry.document_id === null ? none : <code title={entry.document_id}>{shortId(entry.document_id)}</code>}</td>
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

/** The entries of one page of the log, newest first. */
export function ActivityTable({ entries }: { entries: readonly ActivityEntry[] }) {
  const { t } = useTranslation();
  const words: ValueWords = { empty: t('sync.empty'), yes: t('sync.yes'), no: t('sync.no') };
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
          <ActivityRow key={entry.id} entry={entry} words={words} />
        ))}
      </tbody>
    </table>
  );
}
