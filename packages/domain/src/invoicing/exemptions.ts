import type { Contact, Entreprise, Facture, FactureLigne } from '@relais/schema';

/**
 * VAT exemptions of a line and the option for VAT on debits, as the PDF and the Factur-X XML both
 * read them (one answer for both).
 */

/** A usual French reason for a 0 % line, with its VATEX code (BT-121) where the code list has one. */
export interface MotifExoneration {
  id: string;
  /** Short enough for a select: "Exportation (art. 262 I)". */
  libelle: string;
  /** The mention printed on the invoice and put in the XML (BT-120). */
  texte: string;
  code?: string;
}

/**
 * The usual reasons of a transport or logistics company's exempt lines (CGI articles, as the
 * invoice must cite them, art. 242 nonies A, annexe II); any other reason is typed as free text.
 */
export const motifsExoneration: readonly MotifExoneration[] = [
  { id: 'export', libelle: 'Exportation (art. 262 I)', texte: 'Exonération de TVA, article 262 I du CGI (exportation)', code: 'VATEX-EU-G' },
  { id: 'livraison-ue', libelle: 'Livraison intracommunautaire (art. 262 ter I)', texte: 'Exonération de TVA, article 262 ter I du CGI (livraison intracommunautaire)', code: 'VATEX-EU-IC' },
  { id: 'transport-international', libelle: 'Transport international (art. 262 II)', texte: 'Exonération de TVA, article 262 II du CGI (transport international)', code: 'VATEX-EU-146-1E' },
  { id: 'article-261', libelle: 'Exonération de l’article 261', texte: 'Exonération de TVA, article 261 du CGI', code: 'VATEX-EU-132' },
  { id: 'article-261-d', libelle: 'Location de locaux nus (art. 261 D)', texte: 'Exonération de TVA, article 261 D du CGI (location de locaux nus)', code: 'VATEX-FR-CGI261D-2' },
];

/** The listed reason a line carries (same code and text), if any. */
export function motifOf(ligne: Pick<FactureLigne, 'exoneration' | 'exoneration_code'>): MotifExoneration | undefined {
  return motifsExoneration.find((motif) => motif.code === ligne.exoneration_code && motif.texte === ligne.exoneration);
}

/**
 * A 0 % line is exempt (category E) when it carries an exemption (a reason, a code, or the reason
 * field left blank on purpose); a 0 % line without one is zero-rated (Z).
 */
export function isExemptLine(regime: Facture['regime_tva'], ligne: Pick<FactureLigne, 'taux_tva_bp' | 'exoneration' | 'exoneration_code'>): boolean {
  return regime === 'normale' && ligne.taux_tva_bp === 0 && (ligne.exoneration !== undefined || ligne.exoneration_code !== undefined);
}

/** The exempt lines that say no reason (BR-E-10; the CGI requires the mention on the invoice). */
export function exemptLinesWithoutReason<L extends Pick<FactureLigne, 'taux_tva_bp' | 'exoneration' | 'exoneration_code'>>(
  regime: Facture['regime_tva'],
  lignes: readonly L[],
): L[] {
  return lignes.filter((ligne) => isExemptLine(regime, ligne) && (ligne.exoneration ?? '').trim() === '');
}

/**
 * Whether the document is under the option for VAT on debits: what the server froze on it at
 * validation; the company's current option for a draft (or a document validated before).
 */
export function tvaSurDebitsFor(entreprise: Pick<Entreprise, 'tva_sur_debits'>, facture: Pick<Facture, 'tva_sur_debits'> | undefined): boolean {
  return facture?.tva_sur_debits ?? entreprise.tva_sur_debits === true;
}

/** The Electronic Address Scheme (CEF EAS) of each country's VAT number. */
const VAT_SCHEMES: Record<string, string> = {
  AD: '9922', AL: '9923', AT: '9914', BA: '9924', BE: '9925', BG: '9926', CH: '9927', CY: '9928', CZ: '9929', DE: '9930',
  EE: '9931', ES: '9920', GB: '9932', GR: '9933', EL: '9933', HR: '9934', HU: '9910', IE: '9935', IT: '0211', LI: '9936',
  LT: '9937', LU: '9938', LV: '9939', MC: '9940', ME: '9941', MK: '9942', MT: '9943', NL: '9944', PL: '9945', PT: '9946',
  RO: '9947', RS: '9948', SI: '9949', SK: '9950', SM: '9951', TR: '9952', VA: '9953', FR: '9957',
};

/** The buyer's electronic address (BT-49) and its scheme (BT-49-1). */
export interface AdresseElectronique {
  scheme: string;
  id: string;
}

/**
 * The buyer's electronic address (BT-49, mandatory: BR-FR-12): its SIREN in the French directory
 * (0225, what BR-FR-21 requires of a French business); else its e-mail (EM); else, for a foreign
 * business, its VAT number under its country's EAS scheme (Peppol's identifiers of a company:
 * the reform's rules accept every EAS code). None when the customer has none of these: such an
 * invoice cannot be validated. The order keeps the address of the invoices issued before the VAT
 * number was used.
 */
export function buyerElectronicAddress(contact: Pick<Contact, 'siren' | 'email' | 'tva_intracom'>): AdresseElectronique | undefined {
  if (contact.siren !== undefined) {
    return { scheme: '0225', id: contact.siren };
  }
  if (contact.email !== undefined) {
    return { scheme: 'EM', id: contact.email };
  }
  const scheme = contact.tva_intracom === undefined ? undefined : VAT_SCHEMES[contact.tva_intracom.slice(0, 2)];
  return scheme !== undefined && contact.tva_intracom !== undefined ? { scheme, id: contact.tva_intracom } : undefined;
}
