import type { Article, Contact, Devis, Entreprise, Facture, Reglement } from '@relais/schema';
import { useMemo } from 'react';
import type { RxDocument } from 'rxdb';
import { useDatabase, useQueryResults } from '../../sync/hooks';

/** The invoicing collections, live; each `undefined` until its first results. */
export interface InvoicingData {
  entreprises: RxDocument<Entreprise>[] | undefined;
  contacts: RxDocument<Contact>[] | undefined;
  articles: RxDocument<Article>[] | undefined;
  devis: RxDocument<Devis>[] | undefined;
  factures: RxDocument<Facture>[] | undefined;
  reglements: RxDocument<Reglement>[] | undefined;
}

export function useInvoicingData(): InvoicingData {
  const db = useDatabase();
  const queries = useMemo(
    () => ({
      entreprises: db.entreprises.find({ sort: [{ raison_sociale: 'asc' }] }),
      contacts: db.contacts.find({ sort: [{ nom: 'asc' }] }),
      articles: db.articles.find({ sort: [{ reference: 'asc' }] }),
      devis: db.devis.find(),
      factures: db.factures.find(),
      reglements: db.reglements.find(),
    }),
    [db],
  );
  return {
    entreprises: useQueryResults(queries.entreprises),
    contacts: useQueryResults(queries.contacts),
    articles: useQueryResults(queries.articles),
    devis: useQueryResults(queries.devis),
    factures: useQueryResults(queries.factures),
    reglements: useQueryResults(queries.reglements),
  };
}

/** A customer's name as the lists show it: `Prénom Nom` for a person, the company name otherwise. */
export function contactName(contact: Pick<Contact, 'nom' | 'prenom'>): string {
  return contact.prenom ? `${contact.prenom} ${contact.nom}` : contact.nom;
}

export function byId<T extends { id: string }>(docs: readonly T[] | undefined): Map<string, T> {
  return new Map((docs ?? []).map((doc) => [doc.id, doc]));
}

/** A document as plain data (RxDB's are frozen proxies): what the domain's conversions take. */
export function plain<T>(doc: RxDocument<T>): T {
  return doc.toMutableJSON();
}
