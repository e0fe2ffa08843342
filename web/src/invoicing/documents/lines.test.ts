import { describe, expect, it } from 'vitest';
import { draftFromArticle, draftFromLigne, emptyLine, linesFromDrafts, liveTotals, moveLine, parsePercent, parseQuantity, parseSignedEuros, rateOptions, searchArticles } from './lines';

const lineId = '11111111-1111-4111-8111-111111111111';
const articleId = '22222222-2222-4222-8222-222222222222';

const article = { id: articleId, reference: 'TR-PAL', libelle: 'Transport palette', unite: 'palette', prix_unitaire_ht: 4550, taux_tva_bp: 2000, is_active: true };

describe('lines of the quote and invoice editors', () => {
  it('reads French quantities with three decimals at most', () => {
    expect(parseQuantity('1,5')).toBe(1.5);
    expect(parseQuantity('0,125')).toBe(0.125);
    expect(parseQuantity('-2')).toBe(-2);
    expect(parseQuantity('1 000')).toBe(1000);
    expect(parseQuantity('1,2345')).toBeNaN();
    expect(parseQuantity('abc')).toBeNaN();
    expect(parseQuantity('')).toBeNaN();
  });

  it('reads signed euro prices and discount percentages', () => {
    expect(parseSignedEuros('12,50')).toBe(1250);
    expect(parseSignedEuros('-12,5')).toBe(-1250);
    expect(parseSignedEuros('1,234')).toBeNaN();
    expect(parseSignedEuros('')).toBeNaN();
    expect(parsePercent('')).toBeUndefined();
    expect(parsePercent('10')).toBe(1000);
    expect(parsePercent('2,5 %')).toBe(250);
    expect(parsePercent('dix')).toBeNaN();
  });

  it('fills a line from an article and turns the inputs into the document line (cents, basis points)', () => {
    const draft = { ...draftFromArticle(article, lineId), quantite: '2,5', remise: '10' };
    expect(draft).toMatchObject({ article_id: articleId, designation: 'Transport palette', unite: 'palette', prix: '45,50', taux_tva_bp: 2000 });
    const { lignes, problems } = linesFromDrafts([draft]);
    expect(problems.size).toBe(0);
    expect(lignes).toEqual([
      { id: lineId, article_id: articleId, designation: 'Transport palette', quantite: 2.5, unite: 'palette', prix_unitaire_ht: 4550, remise_bp: 1000, taux_tva_bp: 2000 },
    ]);
    expect(draftFromLigne(lignes[0] ?? { id: '', designation: '', quantite: 0, prix_unitaire_ht: 0, taux_tva_bp: 0 })).toEqual({ ...draft, acompte_facture_id: undefined });
  });

  it('reports each wrong input of a line and leaves the line out of the totals', () => {
    const bad = { ...emptyLine(lineId), designation: ' ', quantite: '1,2345', prix: 'douze', remise: '120' };
    const { lignes, problems } = linesFromDrafts([bad, { ...emptyLine('x'), designation: 'Libre', prix: '10' }]);
    expect(lignes).toHaveLength(1);
    expect(problems.get(0)).toEqual({ designation: 'designationRequired', quantite: 'quantityInvalid', prix: 'priceInvalid', remise: 'discountInvalid' });
    expect(linesFromDrafts([{ ...emptyLine(lineId), designation: 'Zéro', quantite: '0', prix: '1' }]).problems.get(0)).toEqual({ quantite: 'quantityZero' });
  });

  it('totals per VAT rate with the domain (live, as typed)', () => {
    const totals = liveTotals(
      [
        { ...draftFromArticle(article, 'a'), quantite: '2' },
        { ...emptyLine('b'), designation: 'Manutention', prix: '10', taux_tva_bp: 550 },
      ],
      'normale',
    );
    expect(totals.tva).toEqual([
      { taux_tva_bp: 550, base_ht: 1000, montant_tva: 55 },
      { taux_tva_bp: 2000, base_ht: 9100, montant_tva: 1820 },
    ]);
    expect(totals).toMatchObject({ total_ht: 10100, total_tva: 1875, total_ttc: 11975 });
    expect(liveTotals([{ ...emptyLine('c'), designation: 'x', prix: '10' }], 'franchise')).toMatchObject({ total_ht: 1000, total_tva: 0, total_ttc: 1000 });
  });

  it('moves lines up and down, not past the ends', () => {
    expect(moveLine(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moveLine(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moveLine(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moveLine(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
  });

  it('searches active articles by reference or label, accents ignored', () => {
    const others = [article, { ...article, id: 'x', reference: 'MAN', libelle: 'Manutention à quai' }, { ...article, id: 'y', reference: 'OLD', libelle: 'Ancien tarif', is_active: false }];
    expect(searchArticles(others, 'tr-').map((found) => found.reference)).toEqual(['TR-PAL']);
    expect(searchArticles(others, 'QUAI').map((found) => found.reference)).toEqual(['MAN']);
    expect(searchArticles(others, 'ancien')).toEqual([]);
    expect(searchArticles(others, ' ')).toEqual([]);
  });

  it('offers the French VAT rates plus a line’s own', () => {
    expect(rateOptions(2000)).toEqual([2000, 1000, 550, 210, 0]);
    expect(rateOptions(850)).toEqual([2000, 1000, 550, 210, 0, 850]);
  });
});

describe('an invoice line billing transport missions', () => {
  it('keeps its missions through the editor, so editing the draft does not free them', () => {
    const ligne = { id: 'l1', designation: 'Transport Lyon → Grenoble du 08/12/2026, 10 palettes', quantite: 1, prix_unitaire_ht: 45_000, taux_tva_bp: 2_000, mission_ids: ['m1', 'm2'] };
    const draft = { ...draftFromLigne(ligne), designation: 'Transport Lyon → Grenoble (frigo)' };
    expect(linesFromDrafts([draft]).lignes).toEqual([{ ...ligne, designation: 'Transport Lyon → Grenoble (frigo)' }]);
    expect(linesFromDrafts([draftFromLigne({ ...ligne, mission_ids: undefined })]).lignes[0]).not.toHaveProperty('mission_ids');
  });
});

describe('an exempt invoice line', () => {
  const exempt = {
    id: 'l-export',
    designation: 'Transport Lyon → Genève',
    quantite: 1,
    prix_unitaire_ht: 150_000,
    taux_tva_bp: 0,
    exoneration: 'Exonération de TVA, article 262 I du CGI (exportation)',
    exoneration_code: 'VATEX-EU-G',
  };

  it('keeps its reason and VATEX code through the editor', () => {
    expect(linesFromDrafts([draftFromLigne(exempt)]).lignes).toEqual([exempt]);
  });

  it('drops them when a VAT rate is chosen since', () => {
    const [ligne] = linesFromDrafts([{ ...draftFromLigne(exempt), taux_tva_bp: 2000 }]).lignes;
    expect(ligne).not.toHaveProperty('exoneration');
    expect(ligne).not.toHaveProperty('exoneration_code');
  });
});
