import type { CollectionDocuments, CollectionName } from '@relais/schema';
import { checkMission, type RuleIssue } from './missions';

type RuleSet = { [K in CollectionName]: (doc: CollectionDocuments[K]) => RuleIssue[] };

/** The business rules of each collection, applied to every write on both sides. */
export const collectionRules: RuleSet = {
  chauffeurs: () => [],
  voyages: () => [],
  missions: checkMission,
};

export function checkDocument<K extends CollectionName>(collection: K, doc: CollectionDocuments[K]): RuleIssue[] {
  const rule = collectionRules[collection] as (doc: CollectionDocuments[K]) => RuleIssue[];
  return rule(doc);
}
