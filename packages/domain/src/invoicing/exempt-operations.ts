import type { Adresse, Contact, Entreprise, Facture, FactureLigne } from '@relais/schema';
import { EU_MEMBER_STATES, knownCountryCode } from './countries';
import { isExemptLine } from './exemptions';
import { deliveryAddressFor } from './reform';

/**
 * Exempt lines by the operation that exempts them, as EN 16931 sorts them: an export outside the
 * EU (category G, art. 262 I du CGI, VATEX-EU-G), an intra-community supply of goods (K, art. 262
 * ter I, VATEX-EU-IC), any other exemption (E). G and K have business rules of their own (BR-G-*,
 * BR-IC-*), which `exemptOperationIssue` checks before an invoice is validated.
 */
export type ExemptCategory = 'E' | 'G' | 'K';

const CATEGORIES_BY_CODE: Record<string, ExemptCategory> = { 'VATEX-EU-G': 'G', 'VATEX-EU-IC': 'K' };

/** The category of an exempt line, from its VATEX code (the reason chosen in the list carries it). */
export function exemptCategoryOf(ligne: Pick<FactureLigne, 'exoneration_code'>): ExemptCategory {
  return CATEGORIES_BY_CODE[ligne.exoneration_code ?? ''] ?? 'E';
}

/** Where the goods go (BT-80): the delivery address printed on the document, else the billing address. */
export function deliverToAddress(
  contact: Pick<Contact, 'adresse_facturation' | 'adresse_livraison'>,
  facture: Pick<Facture, 'adresse_livraison'>,
): Adresse {
  return deliveryAddressFor(contact, facture) ?? contact.adresse_facturation;
}

/** What an export or an intra-community supply needs and the invoice lacks, with the line it concerns. */
export type ExemptOperationIssue =
  | { code: 'EXPORT_SANS_TVA_ENTREPRISE'; ligne: string }
  | { code: 'LIVRAISON_UE_SANS_TVA_ENTREPRISE'; ligne: string }
  | { code: 'LIVRAISON_UE_SANS_TVA_CLIENT'; ligne: string }
  | { code: 'LIVRAISON_UE_SANS_DATE'; ligne: string }
  | { code: 'LIVRAISON_UE_HORS_UE'; ligne: string; pays: string };

/**
 * The first thing the exports and intra-community supplies of a document need and lack: the
 * seller's VAT number for both (BR-G-02, BR-IC-02); for an intra-community supply, the buyer's VAT
 * number too (BR-IC-02), the delivery date (BR-IC-11: the document has no invoicing period) and a
 * delivery in another member state of the EU (BR-IC-12 asks for its country; the exemption asks
 * that it be another member state, art. 262 ter I du CGI).
 */
export function exemptOperationIssue(
  doc: Pick<Facture, 'regime_tva' | 'lignes' | 'date_prestation' | 'adresse_livraison'>,
  entreprise: Pick<Entreprise, 'tva_intracom'>,
  contact: Pick<Contact, 'tva_intracom' | 'adresse_facturation' | 'adresse_livraison'>,
): ExemptOperationIssue | undefined {
  const exempt = doc.lignes.filter((ligne) => isExemptLine(doc.regime_tva, ligne));
  const export_ = exempt.find((ligne) => exemptCategoryOf(ligne) === 'G');
  if (export_ !== undefined && entreprise.tva_intracom === undefined) {
    return { code: 'EXPORT_SANS_TVA_ENTREPRISE', ligne: export_.designation };
  }
  const supply = exempt.find((ligne) => exemptCategoryOf(ligne) === 'K');
  if (supply === undefined) {
    return undefined;
  }
  const ligne = supply.designation;
  if (entreprise.tva_intracom === undefined) {
    return { code: 'LIVRAISON_UE_SANS_TVA_ENTREPRISE', ligne };
  }
  if (contact.tva_intracom === undefined) {
    return { code: 'LIVRAISON_UE_SANS_TVA_CLIENT', ligne };
  }
  if (doc.date_prestation === undefined) {
    return { code: 'LIVRAISON_UE_SANS_DATE', ligne };
  }
  const pays = deliverToAddress(contact, doc).pays;
  const country = knownCountryCode(pays);
  if (country === undefined || country === 'FR' || !EU_MEMBER_STATES.has(country)) {
    return { code: 'LIVRAISON_UE_HORS_UE', ligne, pays: pays ?? 'France' };
  }
  return undefined;
}
