import { useMemo } from 'react';
import { useDatabase, useQueryResults } from '../../sync/hooks';

/** The issuing companies, live, by name; `undefined` until the first results. */
export function useEntreprises() {
  const db = useDatabase();
  const query = useMemo(() => db.entreprises.find({ sort: [{ raison_sociale: 'asc' }] }), [db]);
  return useQueryResults(query);
}

/** All the contacts, live; `undefined` until the first results. */
export function useContacts() {
  const db = useDatabase();
  const query = useMemo(() => db.contacts.find({ sort: [{ nom: 'asc' }] }), [db]);
  return useQueryResults(query);
}

/** All the articles, live, by reference. */
export function useArticles() {
  const db = useDatabase();
  const query = useMemo(() => db.articles.find({ sort: [{ reference: 'asc' }] }), [db]);
  return useQueryResults(query);
}

/** All the invoices, deposit invoices and credit notes, live. */
export function useFactures() {
  const db = useDatabase();
  const query = useMemo(() => db.factures.find(), [db]);
  return useQueryResults(query);
}

/** All the payments, live. */
export function useReglements() {
  const db = useDatabase();
  const query = useMemo(() => db.reglements.find(), [db]);
  return useQueryResults(query);
}
