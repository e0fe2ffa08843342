import { applyRate, divideRoundedBig, toThousandths } from './money';

/** What the totals read of a line: a quantity, a unit price excl. VAT (cents), a discount and a VAT rate (bp). */
export interface PricedLine {
  quantite: number;
  prix_unitaire_ht: number;
  /** Discount on the line in basis points (10 % = 1 000); none when absent. */
  remise_bp?: number | undefined;
  taux_tva_bp: number;
}

/**
 * How VAT applies to the whole document: `normale`; `franchise` (small business, "TVA non
 * applicable, art. 293 B du CGI"); `autoliquidation` (the customer accounts for the VAT).
 */
export type RegimeTva = 'normale' | 'franchise' | 'autoliquidation';

export interface VatBreakdown {
  taux_tva_bp: number;
  base_ht: number;
  montant_tva: number;
}

export interface DocumentTotals {
  /** Each line's amount excl. VAT, rounded to the cent, in line order. */
  lignes_ht: number[];
  /** One entry per VAT rate, by increasing rate. */
  tva: VatBreakdown[];
  total_ht: number;
  total_tva: number;
  total_ttc: number;
}

/** A line's amount excl. VAT: quantity × unit price, less its discount, rounded once to the cent. */
export function lineAmount(line: PricedLine): number {
  const discount = line.remise_bp ?? 0;
  if (discount < 0 || discount > 10_000) {
    throw new RangeError(`remise ${discount} bp hors de 0 à 10 000`);
  }
  // quantity (thousandths) × price (cents) × (10 000 − discount) (bp) / (1 000 × 10 000)
  return divideRoundedBig(BigInt(toThousandths(line.quantite)) * BigInt(line.prix_unitaire_ht) * BigInt(10_000 - discount), 10_000_000n);
}

/**
 * The totals of a quote, an invoice or a credit note: each line rounded to the cent, then per VAT
 * rate the base (sum of its lines) and the tax (base × rate, rounded once); no tax at all under
 * `franchise` or `autoliquidation`. Credit notes carry negative quantities and get negative totals.
 */
export function documentTotals(lines: readonly PricedLine[], regime: RegimeTva = 'normale'): DocumentTotals {
  const lignes_ht = lines.map(lineAmount);
  const bases = new Map<number, number>();
  lines.forEach((line, index) => {
    bases.set(line.taux_tva_bp, (bases.get(line.taux_tva_bp) ?? 0) + (lignes_ht[index] ?? 0));
  });
  const tva = [...bases.entries()]
    .sort(([a], [b]) => a - b)
    .map(([taux_tva_bp, base_ht]) => ({ taux_tva_bp, base_ht, montant_tva: regime === 'normale' ? applyRate(base_ht, taux_tva_bp) : 0 }));
  const total_ht = lignes_ht.reduce((sum, amount) => sum + amount, 0);
  const total_tva = tva.reduce((sum, entry) => sum + entry.montant_tva, 0);
  return { lignes_ht, tva, total_ht, total_tva, total_ttc: total_ht + total_tva };
}
