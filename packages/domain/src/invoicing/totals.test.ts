import { describe, expect, it } from 'vitest';
import { divideRounded, toThousandths } from './money';
import { documentTotals, lineAmount } from './totals';

describe('integer money arithmetic', () => {
  it('rounds half away from zero, for credit notes too', () => {
    expect(divideRounded(5, 10)).toBe(1);
    expect(divideRounded(4, 10)).toBe(0);
    expect(divideRounded(-5, 10)).toBe(-1);
    expect(divideRounded(-4, 10)).toBe(0);
    expect(divideRounded(15, 10)).toBe(2);
  });

  it('takes quantities to three decimals and refuses more', () => {
    expect(toThousandths(2.5)).toBe(2500);
    expect(toThousandths(0.333)).toBe(333);
    expect(() => toThousandths(0.3333)).toThrow(RangeError);
  });
});

describe('document totals, on worked examples', () => {
  it('one line: 3 × 19,99 € at 20 % → 59,97 HT, 11,99 TVA (11,994), 71,96 TTC', () => {
    expect(documentTotals([{ quantite: 3, prix_unitaire_ht: 1999, taux_tva_bp: 2000 }])).toEqual({
      lignes_ht: [5997],
      tva: [{ taux_tva_bp: 2000, base_ht: 5997, montant_tva: 1199 }],
      total_ht: 5997,
      total_tva: 1199,
      total_ttc: 7196,
    });
  });

  it('several rates: rounded per line, then once per rate', () => {
    // 2 × 12,50 (20 %) + 1 × 7,35 (5,5 %) + 4 × 0,99 (20 %):
    // base 20 % = 25,00 + 3,96 = 28,96 → TVA 5,792 → 5,79; base 5,5 % = 7,35 → 0,40425 → 0,40.
    const totals = documentTotals([
      { quantite: 2, prix_unitaire_ht: 1250, taux_tva_bp: 2000 },
      { quantite: 1, prix_unitaire_ht: 735, taux_tva_bp: 550 },
      { quantite: 4, prix_unitaire_ht: 99, taux_tva_bp: 2000 },
    ]);
    expect(totals.tva).toEqual([
      { taux_tva_bp: 550, base_ht: 735, montant_tva: 40 },
      { taux_tva_bp: 2000, base_ht: 2896, montant_tva: 579 },
    ]);
    expect([totals.total_ht, totals.total_tva, totals.total_ttc]).toEqual([3631, 619, 4250]);
  });

  it('a line discount: 3 × 33,33 € less 10 % → 89,99 (89,991), TVA 20 % 18,00 (17,998)', () => {
    const totals = documentTotals([{ quantite: 3, prix_unitaire_ht: 3333, remise_bp: 1000, taux_tva_bp: 2000 }]);
    expect(totals.lignes_ht).toEqual([8999]);
    expect(totals.tva).toEqual([{ taux_tva_bp: 2000, base_ht: 8999, montant_tva: 1800 }]);
    expect(totals.total_ttc).toBe(10799);
  });

  it('rounds each line, then the tax once on the rate’s base: three lines of 0,333 × 10,00 €', () => {
    const line = { quantite: 0.333, prix_unitaire_ht: 1000, taux_tva_bp: 2000 };
    const totals = documentTotals([line, line, line]);
    expect(totals.lignes_ht).toEqual([333, 333, 333]);
    // TVA on the base 9,99: 1,998 → 2,00 (and not the sum of three line taxes, 3 × 0,67 = 2,01).
    expect(totals.tva).toEqual([{ taux_tva_bp: 2000, base_ht: 999, montant_tva: 200 }]);
  });

  it('half a cent of tax rounds up: 0,10 € at 5 %', () => {
    expect(documentTotals([{ quantite: 1, prix_unitaire_ht: 10, taux_tva_bp: 500 }]).total_tva).toBe(1);
  });

  it('a 0 % line has a base and no tax', () => {
    const totals = documentTotals([
      { quantite: 1, prix_unitaire_ht: 10_000, taux_tva_bp: 0 },
      { quantite: 1, prix_unitaire_ht: 10_000, taux_tva_bp: 2000 },
    ]);
    expect(totals.tva).toEqual([
      { taux_tva_bp: 0, base_ht: 10_000, montant_tva: 0 },
      { taux_tva_bp: 2000, base_ht: 10_000, montant_tva: 2000 },
    ]);
    expect(totals.total_ttc).toBe(22_000);
  });

  it('reverse charge and the 293 B exemption charge no VAT, keeping the bases per rate', () => {
    const lines = [{ quantite: 2, prix_unitaire_ht: 50_000, taux_tva_bp: 2000 }];
    for (const regime of ['autoliquidation', 'franchise'] as const) {
      expect(documentTotals(lines, regime)).toEqual({
        lignes_ht: [100_000],
        tva: [{ taux_tva_bp: 2000, base_ht: 100_000, montant_tva: 0 }],
        total_ht: 100_000,
        total_tva: 0,
        total_ttc: 100_000,
      });
    }
  });

  it('a credit note (negative quantities) mirrors the invoice it cancels', () => {
    const invoice = documentTotals([{ quantite: 3, prix_unitaire_ht: 1999, taux_tva_bp: 2000 }]);
    const credit = documentTotals([{ quantite: -3, prix_unitaire_ht: 1999, taux_tva_bp: 2000 }]);
    expect(credit.total_ttc).toBe(-invoice.total_ttc);
    expect(credit.total_tva).toBe(-invoice.total_tva);
  });

  it('refuses a discount outside 0–100 %', () => {
    expect(() => lineAmount({ quantite: 1, prix_unitaire_ht: 100, remise_bp: 10_001, taux_tva_bp: 2000 })).toThrow(RangeError);
  });

  it('computes large lines exactly, past 2^53 in the intermediate product: 1 234,567 × 98 765,43 € less 3,33 %', () => {
    // 1 234 567 thousandths × 9 876 543 cents × 9 667 bp = 117 872 187 016 203 627 > 2^53; ÷ 10^7 = 11 787 218 701,62… cents
    expect(lineAmount({ quantite: 1234.567, prix_unitaire_ht: 9_876_543, remise_bp: 333, taux_tva_bp: 2000 })).toBe(11_787_218_702);
  });
});
