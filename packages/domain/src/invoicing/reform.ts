import type { Adresse, Contact, Entreprise, Facture, MentionsFacturation } from '@relais/schema';
import type { natureOperationValues } from '@relais/schema';

/**
 * The e-invoicing reform's mentions, resolved once for the PDF and the Factur-X XML: the document's
 * own value, else the company's, else the legal default.
 */

export type NatureOperation = (typeof natureOperationValues)[number];

/** The three notes BR-FR-05 requires, each resolved to its text. */
export type MentionsResolues = Required<MentionsFacturation>;

/** The fixed recovery fee owed by a professional customer paying late (Code de commerce, L441-10). */
export const INDEMNITE_RECOUVREMENT_CENTS = 4_000;

function ratePercentText(bp: number): string {
  const units = Math.floor(bp / 100);
  const hundredths = bp % 100;
  return hundredths === 0 ? String(units) : `${units},${String(hundredths).padStart(2, '0').replace(/0$/, '')}`;
}

/** The legal defaults of the notes, from the company's penalty rate. */
export function defaultMentions(entreprise: Pick<Entreprise, 'taux_penalites_bp'>): MentionsResolues {
  return {
    recouvrement: 'Indemnité forfaitaire pour frais de recouvrement en cas de retard de paiement : 40 €',
    penalites: `Pénalités de retard : ${ratePercentText(entreprise.taux_penalites_bp)} % par an, exigibles dès le lendemain de l'échéance`,
    escompte: "Pas d'escompte pour paiement anticipé",
  };
}

export function mentionsFor(
  entreprise: Pick<Entreprise, 'taux_penalites_bp' | 'mentions_facturation'>,
  facture: Pick<Facture, 'mentions_facturation'> | undefined,
): MentionsResolues {
  const defaults = defaultMentions(entreprise);
  const pick = (key: keyof MentionsFacturation): string =>
    facture?.mentions_facturation?.[key] ?? entreprise.mentions_facturation?.[key] ?? defaults[key];
  return { recouvrement: pick('recouvrement'), penalites: pick('penalites'), escompte: pick('escompte') };
}

export function natureFor(entreprise: Pick<Entreprise, 'nature_operation'>, facture: Pick<Facture, 'nature_operation'>): NatureOperation {
  return facture.nature_operation ?? entreprise.nature_operation ?? 'services';
}

/**
 * What a document keeps of the reform's mentions once validated: its own nature and notes, else the
 * company's as they are at validation, else the legal defaults. The server stores them on the
 * document then (like VAT on debits), so changing the company later never changes an issued invoice.
 */
export function frozenReformFields(
  entreprise: Pick<Entreprise, 'nature_operation' | 'taux_penalites_bp' | 'mentions_facturation'>,
  facture: Pick<Facture, 'nature_operation' | 'mentions_facturation'>,
): Required<Pick<Facture, 'nature_operation' | 'mentions_facturation'>> {
  return { nature_operation: natureFor(entreprise, facture), mentions_facturation: mentionsFor(entreprise, facture) };
}

export const natureLabels: Record<NatureOperation, string> = {
  biens: 'Livraison de biens',
  services: 'Prestation de services',
  mixte: 'Livraison de biens et prestation de services',
};

/** True for a final invoice that deducts deposit invoices (its lines citing them). */
export function deductsAcomptes(facture: Pick<Facture, 'type_facture' | 'lignes'>): boolean {
  return facture.type_facture === 'facture' && facture.lignes.some((ligne) => ligne.acompte_facture_id !== undefined);
}

/**
 * The "cadre de facturation" (BT-23): B goods, S services, M both; 1 a plain invoice, deposit
 * invoice or credit note, 4 a final invoice after deposits (BR-FR-CO-08 forbids 4 on a deposit).
 */
export function cadreFacturation(
  entreprise: Pick<Entreprise, 'nature_operation'>,
  facture: Pick<Facture, 'nature_operation' | 'type_facture' | 'lignes'>,
): string {
  const letter = { biens: 'B', services: 'S', mixte: 'M' }[natureFor(entreprise, facture)];
  return `${letter}${deductsAcomptes(facture) ? 4 : 1}`;
}

function sameAddress(a: Adresse, b: Adresse): boolean {
  const norm = (value: string | undefined) => (value ?? '').trim().toLowerCase();
  return (
    norm(a.ligne1) === norm(b.ligne1) &&
    norm(a.ligne2) === norm(b.ligne2) &&
    norm(a.code_postal) === norm(b.code_postal) &&
    norm(a.ville) === norm(b.ville) &&
    norm(a.pays ?? 'France') === norm(b.pays ?? 'France')
  );
}

/** The delivery address to print: the document's, else the customer's; none when it is the billing address. */
export function deliveryAddressFor(
  contact: Pick<Contact, 'adresse_facturation' | 'adresse_livraison'>,
  facture: Pick<Facture, 'adresse_livraison'>,
): Adresse | undefined {
  const address = facture.adresse_livraison ?? contact.adresse_livraison;
  return address === undefined || sameAddress(address, contact.adresse_facturation) ? undefined : address;
}
