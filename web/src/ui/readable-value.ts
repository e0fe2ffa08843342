import { formatEuros } from './format';
import { isDocumentId, readableDateValue } from './document-names';

/** What a value needs to be read by a person, in the user's language. */
export interface ValueContext {
  language: string;
  empty: string;
  yes: string;
  no: string;
  /** An enum value in words (`conges` → `congés`), `undefined` when the field has none. */
  enumWord: (field: string, value: string) => string | undefined;
  /** The name of the document an id field points at, `undefined` when unknown here. */
  nameOf: (field: string, id: string) => string | undefined;
  /** What an id field says when its document cannot be named ("un chauffeur"). */
  unknownRef: (field: string) => string;
}

/** The collection an id field points at (`chauffeur_habituel_id` → `chauffeurs`), for naming it. */
export function referencedCollection(field: string): string | undefined {
  const references: Record<string, string> = {
    chauffeur_id: 'chauffeurs',
    chauffeur_habituel_id: 'chauffeurs',
    voyage_id: 'voyages',
    sst_id: 'sst',
    contact_id: 'contacts',
    entreprise_id: 'entreprises',
    article_id: 'articles',
    devis_id: 'devis',
    facture_id: 'factures',
    facture_origine_id: 'factures',
    acompte_facture_id: 'factures',
    mission_id: 'missions',
  };
  return references[field];
}

/** The fields held in euro cents (`centsField` in `@relais/schema`). */
const moneyFields = new Set(['prix', 'prix_unitaire_ht', 'cout_sst', 'revenu', 'revenu_par_palette', 'capital_social']);

/** One stored value as a person reads it: words for enums, names for ids, French dates, euros for cents. */
export function readableValue(field: string, value: unknown, context: ValueContext): string {
  if (value === undefined || value === null || value === '') {
    return context.empty;
  }
  if (typeof value === 'boolean') {
    return value ? context.yes : context.no;
  }
  if (Array.isArray(value)) {
    return value.length === 0 ? context.empty : value.map((item) => readableValue(field, item, context)).join(', ');
  }
  if (typeof value === 'number') {
    return moneyFields.has(field) || field.startsWith('montant') || field.startsWith('total_')
      ? formatEuros(value, context.language)
      : value.toLocaleString(context.language);
  }
  if (typeof value === 'string') {
    if (isDocumentId(value)) {
      return context.nameOf(field, value) ?? context.unknownRef(field);
    }
    return context.enumWord(field, value) ?? readableDateValue(value, context.language);
  }
  return JSON.stringify(value);
}
