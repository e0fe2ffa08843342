import type { Chauffeur } from './chauffeurs';
import type { Mission } from './missions';
import type { Voyage } from './voyages';
import { chauffeurs } from './chauffeurs';
import { missions } from './missions';
import { voyages } from './voyages';

export * from './fields';
export * from './ids';
export * from './define';
export * from './chauffeurs';
export * from './voyages';
export * from './missions';
export * from './auth';

/** Every replicated collection, by name. Everything else (RxDB, server tables, routes) derives from it. */
export const collections = { chauffeurs, voyages, missions } as const;

export type CollectionName = keyof typeof collections;

export const collectionNames = Object.keys(collections) as CollectionName[];

export function isCollectionName(name: string): name is CollectionName {
  return Object.hasOwn(collections, name);
}

export interface CollectionDocuments {
  chauffeurs: Chauffeur;
  voyages: Voyage;
  missions: Mission;
}
