import { documentTotals, type DocumentTotals } from '@relais/domain';
import type { Article, FactureLigne, Ligne } from '@relais/schema';
import { eurosInput, parseEuros } from '../../ui/format';

/**
 * The lines table of the quote and invoice editors, as the inputs hold it (French text: `1,5`,
 * `12,50`), and how it becomes the document's `lignes` (integer cents, basis points, three decimals).
 */
export interface LineDraft {
  /** The line's id: kept from the document, or a new UUID. */
  id: string;
  article_id?: string | undefined;
  designation: string;
  /** `1,5`; three decimals at most; negative on a credit note or a deducted deposit. */
  quantite: string;
  unite: string;
  /** Unit price excl. VAT in euros (`12,50`), negative for a deduction. */
  prix: string;
  /** Discount in percent (`10`, `2,5`); empty for none. */
  remise: string;
  taux_tva_bp: number;
  acompte_facture_id?: string | undefined;
  /** The transport missions an invoice line bills: kept as they are, the server marks them. */
  mission_ids?: string[] | undefined;
  /** Why a 0 % invoice line is VAT exempt (e-invoice category E), and its VATEX code. */
  exoneration?: string | undefined;
  exoneration_code?: string | undefined;
}

/** The VAT rates offered by the rate select (France): 20, 10, 5,5, 2,1 and 0 %. */
export const vatRates = [2000, 1000, 550, 210, 0] as const;

/** A rate in basis points as French text: `550` → `5,5 %`. */
export function formatRate(bp: number): string {
  return `${String(bp / 100).replace('.', ',')} %`;
}

/** The rates a select offers for a line: the usual ones, plus the line's own if it is another. */
export function rateOptions(current: number): number[] {
  return (vatRates as readonly number[]).includes(current) ? [...vatRates] : [...vatRates, current];
}

/** A quantity as text: `1.5` → `1,5`. */
export function quantityInput(quantity: number): string {
  return String(quantity).replace('.', ',');
}

/** A typed quantity (`1,5`, `-2`, `0.125`): at most three decimals; anything else gives `NaN`. */
export function parseQuantity(input: string): number {
  const text = input.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (!/^-?\d+(\.\d{1,3})?$/.test(text)) {
    return Number.NaN;
  }
  return Number(text);
}

/** A typed euro amount that may be negative (`-12,50`) as cents; `NaN` when it does not parse. */
export function parseSignedEuros(input: string): number {
  const text = input.trim();
  const negative = text.startsWith('-');
  const cents = parseEuros(negative ? text.slice(1) : text);
  if (cents === undefined) {
    return Number.NaN;
  }
  return negative ? -cents : cents;
}

/** Cents as an input value that keeps the sign: `-1250` → `-12,50`. */
export function signedEurosInput(cents: number): string {
  return cents < 0 ? `-${eurosInput(-cents)}` : eurosInput(cents);
}

/** A typed discount in percent (`10`, `2,5`) as basis points; empty gives `undefined`, anything else `NaN`. */
export function parsePercent(input: string): number | undefined {
  const text = input.replace(/[\s%]/g, '').replace(',', '.');
  if (text === '') {
    return undefined;
  }
  if (!/^\d+(\.\d{1,2})?$/.test(text)) {
    return Number.NaN;
  }
  return Math.round(Number(text) * 100);
}

/** A document line as the inputs show it. */
export function draftFromLigne(ligne: Ligne | FactureLigne): LineDraft {
  return {
    id: ligne.id,
    article_id: ligne.article_id,
    designation: ligne.designation,
    quantite: quantityInput(ligne.quantite),
    unite: ligne.unite ?? '',
    prix: signedEurosInput(ligne.prix_unitaire_ht),
    remise: ligne.remise_bp === undefined ? '' : String(ligne.remise_bp / 100).replace('.', ','),
    taux_tva_bp: ligne.taux_tva_bp,
    acompte_facture_id: ligne.acompte_facture_id,
    ...('mission_ids' in ligne && ligne.mission_ids !== undefined ? { mission_ids: [...ligne.mission_ids] } : {}),
    ...('exoneration' in ligne && ligne.exoneration !== undefined ? { exoneration: ligne.exoneration } : {}),
    ...('exoneration_code' in ligne && ligne.exoneration_code !== undefined ? { exoneration_code: ligne.exoneration_code } : {}),
  };
}

/** A new line from an article: its label, unit, price and rate; quantity 1. */
export function draftFromArticle(article: Pick<Article, 'id' | 'libelle' | 'unite' | 'prix_unitaire_ht' | 'taux_tva_bp'>, id: string): LineDraft {
  return {
    id,
    article_id: article.id,
    designation: article.libelle,
    quantite: '1',
    unite: article.unite,
    prix: eurosInput(article.prix_unitaire_ht),
    remise: '',
    taux_tva_bp: article.taux_tva_bp,
  };
}

/** A new free line (no article), at the usual 20 % rate. */
export function emptyLine(id: string, taux_tva_bp = 2000): LineDraft {
  return { id, designation: '', quantite: '1', unite: '', prix: '', remise: '', taux_tva_bp };
}

/** The active articles whose reference or label contains `search` (case and accents ignored), by reference. */
export function searchArticles<A extends Pick<Article, 'reference' | 'libelle' | 'is_active'>>(articles: readonly A[], search: string, limit = 8): A[] {
  const wanted = fold(search.trim());
  if (wanted === '') {
    return [];
  }
  return articles
    .filter((article) => article.is_active && (fold(article.reference).includes(wanted) || fold(article.libelle).includes(wanted)))
    .sort((a, b) => a.reference.localeCompare(b.reference))
    .slice(0, limit);
}

/** Lower case without accents, for searching. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

/** The lines with the one at `index` moved by `delta` (−1 up, +1 down); unchanged at the ends. */
export function moveLine<T>(lines: readonly T[], index: number, delta: -1 | 1): T[] {
  const target = index + delta;
  if (index < 0 || index >= lines.length || target < 0 || target >= lines.length) {
    return [...lines];
  }
  const next = [...lines];
  const [moved] = next.splice(index, 1);
  if (moved !== undefined) {
    next.splice(target, 0, moved);
  }
  return next;
}

/** What is wrong with one input of a line: the key of its message under `invoicingDocuments.problems`. */
export type LineProblem = 'designationRequired' | 'quantityInvalid' | 'quantityZero' | 'priceInvalid' | 'discountInvalid';

export interface LinesResult {
  /** The lines that parse, as the document stores them. */
  lignes: FactureLigne[];
  /** Per line index, per field (`designation`, `quantite`, `prix`, `remise`), what is wrong. */
  problems: Map<number, Partial<Record<'designation' | 'quantite' | 'prix' | 'remise', LineProblem>>>;
}

/** The document's lines from the table's inputs; a line with a wrong input is left out and reported. */
export function linesFromDrafts(drafts: readonly LineDraft[]): LinesResult {
  const lignes: FactureLigne[] = [];
  const problems: LinesResult['problems'] = new Map();
  drafts.forEach((draft, index) => {
    const lineProblems: Partial<Record<'designation' | 'quantite' | 'prix' | 'remise', LineProblem>> = {};
    const quantite = parseQuantity(draft.quantite);
    const prix = parseSignedEuros(draft.prix);
    const remise = parsePercent(draft.remise);
    if (draft.designation.trim() === '') {
      lineProblems.designation = 'designationRequired';
    }
    if (Number.isNaN(quantite)) {
      lineProblems.quantite = 'quantityInvalid';
    } else if (quantite === 0) {
      lineProblems.quantite = 'quantityZero';
    }
    if (Number.isNaN(prix)) {
      lineProblems.prix = 'priceInvalid';
    }
    if (remise !== undefined && (Number.isNaN(remise) || remise > 10_000)) {
      lineProblems.remise = 'discountInvalid';
    }
    if (Object.keys(lineProblems).length > 0) {
      problems.set(index, lineProblems);
      return;
    }
    const unite = draft.unite.trim();
    lignes.push({
      id: draft.id,
      ...(draft.article_id !== undefined ? { article_id: draft.article_id } : {}),
      designation: draft.designation,
      quantite,
      ...(unite !== '' ? { unite } : {}),
      prix_unitaire_ht: prix,
      ...(remise !== undefined && remise > 0 ? { remise_bp: remise } : {}),
      taux_tva_bp: draft.taux_tva_bp,
      ...(draft.acompte_facture_id !== undefined ? { acompte_facture_id: draft.acompte_facture_id } : {}),
      ...(draft.mission_ids !== undefined ? { mission_ids: draft.mission_ids } : {}),
      // An exemption is a 0 % line's only: a rate chosen since drops it.
      ...(draft.exoneration !== undefined && draft.taux_tva_bp === 0 ? { exoneration: draft.exoneration } : {}),
      ...(draft.exoneration_code !== undefined && draft.taux_tva_bp === 0 ? { exoneration_code: draft.exoneration_code } : {}),
    });
  });
  return { lignes, problems };
}

/** The live totals of the lines that parse (the same `documentTotals` the PDF and the server use). */
export function liveTotals(drafts: readonly LineDraft[], regime: Parameters<typeof documentTotals>[1]): DocumentTotals {
  const { lignes } = linesFromDrafts(drafts);
  try {
    return documentTotals(lignes, regime);
  } catch {
    return { lignes_ht: [], tva: [], total_ht: 0, total_tva: 0, total_ttc: 0 };
  }
}
