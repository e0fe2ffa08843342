import type { Contact, Devis, Entreprise, Facture, Ligne, Reglement } from '@relais/schema';
import { paymentState, type EtatPaiement } from './life-cycle';
import { divideRoundedBig } from './money';
import { documentTotals } from './totals';

/**
 * What one document becomes in the next, in the PWA (offline) as well as anywhere else: a quote
 * into an invoice or a deposit invoice, an invoice into a credit note; and what an invoice still
 * owes. Ids come from the caller (`crypto.randomUUID` in practice), so the functions stay pure.
 */
export type NewId = () => string;

/** What naming a document needs: its number once the server gave it, else its dates. */
export interface NumberedDocument {
  numero?: string | undefined;
  date_devis?: string | undefined;
  date_facture?: string | undefined;
  updated_at: string;
}

/** The day a document is dated by: a quote's date, an invoice's, or for a draft not dated yet its last edit's. */
export function documentDay(doc: NumberedDocument): string {
  return doc.date_devis ?? doc.date_facture ?? doc.updated_at.slice(0, 10);
}

/** "Brouillon du 06/12/2026": the French label of a document not numbered yet (PDF, texts of lines). */
export function draftLabelFr(day: string): string {
  return `Brouillon du ${day.split('-').reverse().join('/')}`;
}

/**
 * The number shown for a document: its definitive one, or a draft label naming its date until the
 * server gives it (never its id: a person cannot read it). `draftLabel` says it in the user's language.
 */
export function displayNumber(doc: NumberedDocument, draftLabel: (day: string) => string = draftLabelFr): string {
  return doc.numero ?? draftLabel(documentDay(doc));
}

/** The payment terms of a new document for this customer: theirs, else the issuing company's. */
export function termsFor(contact: Pick<Contact, 'conditions_paiement'>, entreprise: Pick<Entreprise, 'conditions_paiement'>) {
  return contact.conditions_paiement ?? entreprise.conditions_paiement;
}

/** A new draft's VAT regime: exempt company → franchise; reverse-charge customer → autoliquidation. */
export function regimeFor(contact: Pick<Contact, 'autoliquidation'>, entreprise: Pick<Entreprise, 'regime_tva'>): Facture['regime_tva'] {
  if (entreprise.regime_tva === 'franchise') {
    return 'franchise';
  }
  return contact.autoliquidation === true ? 'autoliquidation' : 'normale';
}

function copyLines(lignes: readonly Ligne[], newId: NewId): Ligne[] {
  return lignes.map((ligne) => ({ ...ligne, id: newId() }));
}

interface DraftBase {
  id: string;
  rev: number;
  updated_at: string;
}

function draftBase(newId: NewId, now: string): DraftBase {
  return { id: newId(), rev: 1, updated_at: now };
}

export interface ConversionContext {
  newId: NewId;
  /** ISO timestamp of the edit. */
  now: string;
  conditions_paiement: Facture['conditions_paiement'];
}

/**
 * The invoice of an accepted quote: its lines copied (new ids, same articles, prices, discounts and
 * rates), the link kept in `devis_id`, and one negative line per VAT rate of each deposit invoice
 * already issued from it, so the deposits are deducted with their own VAT.
 */
export function factureFromDevis(devis: Devis, acomptes: readonly Facture[], context: ConversionContext): Facture {
  const deductions = acomptes.flatMap((acompte) =>
    documentTotals(acompte.lignes, acompte.regime_tva).tva.map(
      (entry): Ligne => ({
        id: context.newId(),
        // A deposit validated offline has no number yet: the text would keep its draft label for good.
        designation: acompte.numero ? `Acompte ${acompte.numero} déjà facturé` : `Acompte déjà facturé sur le devis ${displayNumber(devis)}`,
        quantite: 1,
        prix_unitaire_ht: -entry.base_ht,
        taux_tva_bp: entry.taux_tva_bp,
        acompte_facture_id: acompte.id,
      }),
    ),
  );
  return {
    ...draftBase(context.newId, context.now),
    entreprise_id: devis.entreprise_id,
    contact_id: devis.contact_id,
    type_facture: 'facture',
    statut: 'brouillon',
    conditions_paiement: context.conditions_paiement,
    devis_id: devis.id,
    ...(devis.objet !== undefined ? { objet: devis.objet } : {}),
    lignes: [...copyLines(devis.lignes, context.newId), ...deductions],
    regime_tva: devis.regime_tva,
  };
}

/** Splits `total` over `weights` in proportion, to the cent, the remainders going to the largest fractions. */
function splitProportionally(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0) {
    return weights.map(() => 0);
  }
  const shares = weights.map((weight) => divideRoundedBig(BigInt(total) * BigInt(weight), BigInt(sum)));
  let drift = total - shares.reduce((a, b) => a + b, 0);
  for (let index = 0; drift !== 0 && index < shares.length; index += 1) {
    const step = drift > 0 ? 1 : -1;
    shares[index] = (shares[index] ?? 0) + step;
    drift -= step;
  }
  return shares;
}

/**
 * A deposit invoice on an accepted quote, as a share of its amount excl. VAT: a percentage (basis
 * points) or an amount (cents). One line per VAT rate of the quote, in proportion to its bases, so
 * the deposit carries the same VAT as what it pays for.
 */
export function acompteFromDevis(
  devis: Devis,
  part: { pourcentage_bp: number } | { montant_ht: number },
  context: ConversionContext,
): Facture {
  const totals = documentTotals(devis.lignes, devis.regime_tva);
  const requested = 'pourcentage_bp' in part ? divideRoundedBig(BigInt(totals.total_ht) * BigInt(part.pourcentage_bp), 10_000n) : part.montant_ht;
  if (requested <= 0 || requested > totals.total_ht) {
    throw new RangeError(`acompte de ${requested} centimes hors de 0 à ${totals.total_ht}`);
  }
  const shares = splitProportionally(
    requested,
    totals.tva.map((entry) => entry.base_ht),
  );
  const label = `Acompte sur devis ${displayNumber(devis)}`;
  return {
    ...draftBase(context.newId, context.now),
    entreprise_id: devis.entreprise_id,
    contact_id: devis.contact_id,
    type_facture: 'acompte',
    statut: 'brouillon',
    conditions_paiement: context.conditions_paiement,
    devis_id: devis.id,
    ...(devis.objet !== undefined ? { objet: devis.objet } : {}),
    lignes: totals.tva.map((entry, index) => ({
      id: context.newId(),
      designation: totals.tva.length > 1 ? `${label} (TVA ${entry.taux_tva_bp / 100} %)` : label,
      quantite: 1,
      prix_unitaire_ht: shares[index] ?? 0,
      taux_tva_bp: entry.taux_tva_bp,
    })),
    regime_tva: devis.regime_tva,
  };
}

/**
 * A credit note on a validated invoice: all its lines negated, or only `quantities` (line id →
 * positive quantity to credit) for a partial one. It cites the invoice and states why.
 */
export function avoirFromFacture(
  facture: Facture,
  options: { motif: string; quantities?: ReadonlyMap<string, number> },
  context: Omit<ConversionContext, 'conditions_paiement'>,
): Facture {
  const lignes = facture.lignes.flatMap((ligne): Ligne[] => {
    const quantity = options.quantities ? options.quantities.get(ligne.id) : ligne.quantite;
    if (quantity === undefined || quantity === 0) {
      return [];
    }
    // The opposite of what the invoice line counted (a deducted deposit comes back positive).
    return [{ ...ligne, id: context.newId(), quantite: ligne.quantite < 0 ? Math.abs(quantity) : -Math.abs(quantity) }];
  });
  return {
    ...draftBase(context.newId, context.now),
    entreprise_id: facture.entreprise_id,
    contact_id: facture.contact_id,
    type_facture: 'avoir',
    statut: 'brouillon',
    conditions_paiement: facture.conditions_paiement,
    facture_origine_id: facture.id,
    motif: options.motif,
    ...(facture.objet !== undefined ? { objet: facture.objet } : {}),
    lignes,
    regime_tva: facture.regime_tva,
  };
}

export interface InvoiceBalance {
  total_ttc: number;
  /** Paid by the invoice's payments. */
  regle: number;
  /** Cancelled by its validated credit notes (positive). */
  credite: number;
  /** Still owed: negative when overpaid. */
  reste: number;
  etat: EtatPaiement;
}

/** What an invoice still owes from its payments and its validated credit notes. */
export function invoiceBalance(
  facture: Pick<Facture, 'lignes' | 'regime_tva'>,
  reglements: readonly Pick<Reglement, 'montant'>[],
  avoirs: readonly Pick<Facture, 'lignes' | 'regime_tva' | 'statut'>[],
): InvoiceBalance {
  const total_ttc = documentTotals(facture.lignes, facture.regime_tva).total_ttc;
  const regle = reglements.reduce((sum, reglement) => sum + reglement.montant, 0);
  const credite = avoirs
    .filter((avoir) => avoir.statut === 'validee')
    .reduce((sum, avoir) => sum - documentTotals(avoir.lignes, avoir.regime_tva).total_ttc, 0);
  return { total_ttc, regle, credite, reste: total_ttc - credite - regle, etat: paymentState(total_ttc, regle, credite) };
}
