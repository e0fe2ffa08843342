import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { translateKey } from '../i18n';
import { documentName, formatDayNumeric, isDocumentId, type NameWords } from '../ui/document-names';
import { readableValue, referencedCollection, type ValueContext } from '../ui/readable-value';
import { useDatabase } from './hooks';

export interface DocumentRef {
  collection: string;
  id: string;
}

interface StorageLike {
  storageInstance: { findDocumentsById(ids: string[], withDeleted: boolean): Promise<Record<string, unknown>[]> };
}

/** The words `documentName` needs, in the user's language. */
export function useNameWords(): NameWords {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  return useMemo(
    () => ({
      unknown: (collection: string) => t(`values.unknown.${collection}`, { defaultValue: t('values.unknown.other') }),
      draft: (day: string) => t('values.draftOf', { date: formatDayNumeric(day, language) }),
    }),
    [t, language],
  );
}

/**
 * The names of documents as this PC knows them (deleted ones included: a deleted mission keeps its
 * name in the journal), by `collection/id`; a document this PC does not hold has none.
 */
export function useDocumentNames(refs: readonly DocumentRef[]): ReadonlyMap<string, string> {
  const db = useDatabase();
  const { i18n } = useTranslation();
  const words = useNameWords();
  const wanted = useMemo(() => [...new Set(refs.map((ref) => `${ref.collection}/${ref.id}`))].sort().join('|'), [refs]);
  const [names, setNames] = useState<{ key: string; map: ReadonlyMap<string, string> }>({ key: '', map: new Map() });
  useEffect(() => {
    let cancelled = false;
    const byCollection = new Map<string, string[]>();
    for (const key of wanted === '' ? [] : wanted.split('|')) {
      const [collection = '', id = ''] = key.split('/');
      byCollection.set(collection, [...(byCollection.get(collection) ?? []), id]);
    }
    const collections = db.collections as unknown as Record<string, StorageLike | undefined>;
    void Promise.all(
      [...byCollection].map(async ([collection, ids]) => {
        const source = collections[collection];
        const docs = source ? await source.storageInstance.findDocumentsById(ids, true) : [];
        return docs.map((doc): [string, string | undefined] => [
          `${collection}/${String(doc['id'])}`,
          documentName(collection, doc, i18n.language, words),
        ]);
      }),
    ).then((found) => {
      if (!cancelled) {
        const map = new Map<string, string>();
        for (const [key, name] of found.flat()) {
          if (name !== undefined) {
            map.set(key, name);
          }
        }
        setNames({ key: wanted, map });
      }
    });
    return () => {
      cancelled = true;
    };
  }, [db, wanted, i18n.language, words]);
  return names.key === wanted ? names.map : new Map();
}

/**
 * A stored value as a person reads it (see `readableValue`), ids named from `names` (`collection/id`
 * keys, from `useDocumentNames`).
 */
export function useReadableValue(names: ReadonlyMap<string, string>): (field: string, value: unknown) => string {
  const { t, i18n } = useTranslation();
  return useMemo(() => {
    const context: ValueContext = {
      language: i18n.language,
      empty: t('sync.empty'),
      yes: t('sync.yes'),
      no: t('sync.no'),
      enumWord: (field, value) => {
        const key = `values.${field === 'type_facture' ? 'type' : field}.${value}`;
        return i18n.exists(key) ? translateKey(key, value) : undefined;
      },
      nameOf: (field, id) => {
        const collection = referencedCollection(field);
        return collection ? names.get(`${collection}/${id}`) : undefined;
      },
      unknownRef: (field) => {
        const collection = referencedCollection(field) ?? 'other';
        return t(`values.unknown.${collection}`, { defaultValue: t('values.unknown.other') });
      },
    };
    return (field: string, value: unknown) => readableValue(field, value, context);
  }, [t, i18n, names]);
}

/** The documents the id fields of some values point at, for `useDocumentNames`. */
export function referencesIn(fields: readonly [string, unknown][]): DocumentRef[] {
  const refs: DocumentRef[] = [];
  for (const [field, value] of fields) {
    const collection = referencedCollection(field);
    for (const item of Array.isArray(value) ? (value as unknown[]) : [value]) {
      if (collection && isDocumentId(item)) {
        refs.push({ collection, id: item });
      }
    }
  }
  return refs;
}
