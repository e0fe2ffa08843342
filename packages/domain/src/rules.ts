import type { CollectionDocuments, CollectionName } from '@relais/schema';
import { checkContact, checkDevis, checkEntreprise, checkFacture } from './invoicing/rules';
import { checkMission, type RuleIssue } from './missions';

type RuleSet = { [K in CollectionName]: (doc: CollectionDocuments[K]) => RuleIssue[] };

/** A period given by two optional days must not end before it starts. */
function checkPeriod(start: string | undefined, end: string | undefined, field: string): RuleIssue[] {
  if (start !== undefined && end !== undefined && end < start) {
    return [{ code: 'PERIODE_FIN_AVANT_DEBUT', field, message: 'La date de fin précède la date de début' }];
  }
  return [];
}

/** The business rules of each collection, applied to every write on both sides. */
export const collectionRules: RuleSet = {
  chauffeurs: () => [],
  voyages: () => [],
  missions: checkMission,
  disponibilites: (doc) => checkPeriod(doc.date_debut, doc.date_fin, 'date_fin'),
  sst: (doc) => (doc.tarifs ?? []).flatMap((tarif, index) => checkPeriod(tarif.date_debut, tarif.date_fin, `tarifs.${index}.date_fin`)),
  revenus_palettes: (doc) => checkPeriod(doc.date_debut, doc.date_fin, 'date_fin'),
  entreprises: checkEntreprise,
  contacts: checkContact,
  articles: () => [],
  devis: checkDevis,
  factures: checkFacture,
  reglements: () => [],
};

export function checkDocument<K extends CollectionName>(collection: K, doc: CollectionDocuments[K]): RuleIssue[] {
  const rule = collectionRules[collection] as (doc: CollectionDocuments[K]) => RuleIssue[];
  return rule(doc);
}
