import type { Chauffeur, Disponibilite } from './chauffeurs';
import type { Mission } from './missions';
import type { RevenuPalette, Sst } from './sst';
import type { Voyage } from './voyages';
import type { Article, Contact, Devis, Entreprise, Facture, Reglement } from './invoicing';
import { chauffeurs, disponibilites } from './chauffeurs';
import { missions } from './missions';
import { revenus_palettes, sst } from './sst';
import { voyages } from './voyages';
import { articles, contacts, devis, entreprises, factures, reglements } from './invoicing';

export * from './fields';
export * from './ids';
export * from './define';
export * from './chauffeurs';
export * from './voyages';
export * from './missions';
export * from './sst';
export * from './auth';
export * from './annonces';
export * from './jobs';
export * from './admin';
export * from './invoicing';

/**
 * Every replicated collection, by name. Everything else (RxDB, server tables, routes) derives from
 * it. The open-source RxDB opens at most 13 collections at once in a page, for all modules
 * together: embed what is edited with its parent (an sst's contacts and tariffs) rather than adding
 * a collection.
 * Planning uses 6 and invoicing 6: a page opens 12.
 */
export const collections = {
  chauffeurs,
  disponibilites,
  voyages,
  missions,
  sst,
  revenus_palettes,
  entreprises,
  contacts,
  articles,
  devis,
  factures,
  reglements,
} as const;

export type CollectionName = keyof typeof collections;

export const collectionNames = Object.keys(collections) as CollectionName[];

export function isCollectionName(name: string): name is CollectionName {
  return Object.hasOwn(collections, name);
}

export interface CollectionDocuments {
  chauffeurs: Chauffeur;
  disponibilites: Disponibilite;
  voyages: Voyage;
  missions: Mission;
  sst: Sst;
  revenus_palettes: RevenuPalette;
  entreprises: Entreprise;
  contacts: Contact;
  articles: Article;
  devis: Devis;
  factures: Facture;
  reglements: Reglement;
}
export * from './wms';
