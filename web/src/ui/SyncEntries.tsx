import type { ConflictReport, RefusedWrite } from '@relais/replica';
import { useMemo } from 'react';
import type { Observable } from 'rxjs';
import { useTranslation } from 'react-i18next';
import { translateKey } from '../i18n';
import { ruleText } from '../i18n/rule-text';
import { useDatabase, useQueryResults } from '../sync/hooks';
import { referencesIn, useDocumentNames, useNameWords, useReadableValue } from '../sync/use-document-names';
import { documentName } from './document-names';

/** What the panel needs of any collection to name a document. */
interface NamedSource {
  findOne(id: string): { readonly $: Observable<{ toJSON(): object } | null> };
}

/**
 * "la mission Lyon → Grenoble, mar. 8 déc. 06:00": a document named as people call it, from this PC's
 * store, or from `fallback` (the refused state of a creation the store no longer holds); never an id.
 */
export function useTarget(collection: string, documentId: string, fallback?: Record<string, unknown>): string {
  const { t, i18n } = useTranslation();
  const db = useDatabase();
  const words = useNameWords();
  const query = useMemo(() => {
    const source = (db.collections as unknown as Record<string, NamedSource | undefined>)[collection];
    return (source ?? db.missions).findOne(source ? documentId : '');
  }, [db, collection, documentId]);
  const doc = useQueryResults(query);
  const data = (doc?.toJSON() as Record<string, unknown> | undefined) ?? fallback;
  const name = data ? documentName(collection, data, i18n.language, words) : undefined;
  return name ? translateKey(`targets.${collection}`, name, { name }) : words.unknown(collection) || t('values.unknown.other');
}

/** A conflict with another device, or a refusal whose document came back as the server keeps it. */
export function ConflictEntry({ report }: { report: ConflictReport }) {
  const { t, i18n } = useTranslation();
  const target = useTarget(report.collection, report.documentId);
  const refs = useMemo(() => referencesIn(report.replaced.flatMap((replaced) => [[replaced.field, replaced.mine], [replaced.field, replaced.theirs]] as [string, unknown][])), [report]);
  const value = useReadableValue(useDocumentNames(refs));
  const label = (field: string): string => translateKey(`${report.collection}.fields.${field}`, field.replace(/_/g, ' ')).toLocaleLowerCase();
  return (
    <li className="conflict-entry" data-testid="conflict-entry" data-collection={report.collection} data-id={report.documentId}>
      {report.refused ? (
        <p className="conflict-reason" data-code={report.reason?.code}>
          {t('sync.refusedRestored', { target, message: report.reason ? ruleText(report.reason, i18n.language, t) : t('errors.FORBIDDEN') })}
        </p>
      ) : (
        <>
          {report.reason ? (
            <p className="conflict-reason" data-code={report.reason.code}>
              {t('sync.serverNotice', { target, message: ruleText(report.reason, i18n.language, t) })}
            </p>
          ) : null}
          {report.replaced.map((replaced) => (
            <p key={replaced.field}>
              {replaced.field === '_deleted'
                ? t('sync.conflictDeleted', { target })
                : t('sync.conflictReplaced', {
                    target,
                    field: label(replaced.field),
                    mine: value(replaced.field, replaced.mine),
                    theirs: value(replaced.field, replaced.theirs),
                  })}
            </p>
          ))}
        </>
      )}
    </li>
  );
}

interface RefusedEntryProps {
  write: RefusedWrite;
  onResend: () => void;
  onDiscard: () => void;
}

/** A write the server refused, kept on this PC: what it was, why, and what the user can do. */
export function RefusedEntry({ write, onResend, onDiscard }: RefusedEntryProps) {
  const { t, i18n } = useTranslation();
  const target = useTarget(write.collection, write.id, write.document);
  return (
    <li className="conflict-entry refused-entry" data-testid="refused-entry" data-collection={write.collection} data-id={write.id}>
      <p>
        <strong>{t(write.creation ? 'sync.refusedCreation' : 'sync.refusedUpdate', { target })}</strong>
      </p>
      <p className="conflict-reason" data-code={write.code}>
        {t('sync.refusedReason', { message: ruleText(write, i18n.language, t) })}
      </p>
      <div className="refused-actions">
        <button type="button" className="button" onClick={onResend} data-testid="refused-resend">
          {t('sync.resend')}
        </button>
        <button
          type="button"
          className="button ghost"
          data-testid="refused-discard"
          onClick={() => {
            if (window.confirm(t('sync.discardConfirm', { target }))) {
              onDiscard();
            }
          }}
        >
          {t('sync.discard')}
        </button>
      </div>
    </li>
  );
}
