import { describe, expect, it } from 'vitest';
import { buyerElectronicAddress, exemptLinesWithoutReason, isExemptLine, motifOf, motifsExoneration, tvaSurDebitsFor } from './exemptions';

describe('buyerElectronicAddress (BT-49)', () => {
  it('is the SIREN in the directory, else the e-mail, else the VAT number under its country’s EAS scheme', () => {
    expect(buyerElectronicAddress({ siren: '552100554', email: 'a@b.fr', tva_intracom: 'FR40552100554' })).toEqual({ scheme: '0225', id: '552100554' });
    expect(buyerElectronicAddress({ email: 'compta@torino.example', tva_intracom: 'IT12345678901' })).toEqual({ scheme: 'EM', id: 'compta@torino.example' });
    expect(buyerElectronicAddress({ tva_intracom: 'IT12345678901' })).toEqual({ scheme: '0211', id: 'IT12345678901' });
    expect(buyerElectronicAddress({ tva_intracom: 'DE123456789' })).toEqual({ scheme: '9930', id: 'DE123456789' });
    expect(buyerElectronicAddress({ tva_intracom: 'BE0123456789' })).toEqual({ scheme: '9925', id: 'BE0123456789' });
  });

  it('is none without SIREN, e-mail nor a VAT number of a known scheme', () => {
    expect(buyerElectronicAddress({})).toBeUndefined();
    expect(buyerElectronicAddress({ tva_intracom: 'XX1234' })).toBeUndefined();
  });
});

describe('exempt lines', () => {
  const ligne = { taux_tva_bp: 0 };
  it('are 0 % lines of a normal regime carrying an exemption; a bare 0 % line is zero-rated', () => {
    expect(isExemptLine('normale', { ...ligne, exoneration: 'Exonération de TVA, article 261 du CGI' })).toBe(true);
    expect(isExemptLine('normale', { ...ligne, exoneration: '' })).toBe(true);
    expect(isExemptLine('normale', ligne)).toBe(false);
    expect(isExemptLine('normale', { taux_tva_bp: 2000, exoneration: 'x' })).toBe(false);
    expect(isExemptLine('franchise', { ...ligne, exoneration: 'x' })).toBe(false);
  });

  it('need a reason to be validated', () => {
    const lignes = [
      { ...ligne, exoneration: 'Exonération de TVA, article 262 I du CGI (exportation)', exoneration_code: 'VATEX-EU-G' },
      { ...ligne, exoneration: ' ' },
      { ...ligne, exoneration_code: 'VATEX-EU-132' },
      ligne,
    ];
    expect(exemptLinesWithoutReason('normale', lignes)).toEqual([lignes[1], lignes[2]]);
  });

  it('offer the usual French reasons, each with a VATEX code, found back from a line', () => {
    for (const motif of motifsExoneration) {
      expect(motif.texte).toMatch(/^Exonération de TVA, article \d+/);
      expect(motif.code).toMatch(/^VATEX-(EU|FR)-/);
      expect(motifOf({ exoneration: motif.texte, exoneration_code: motif.code })).toBe(motif);
    }
    expect(motifOf({ exoneration: 'Exonération, autre motif' })).toBeUndefined();
  });
});

describe('tvaSurDebitsFor', () => {
  it('is what the document froze at validation, else the company’s current option', () => {
    expect(tvaSurDebitsFor({ tva_sur_debits: true }, { tva_sur_debits: false })).toBe(false);
    expect(tvaSurDebitsFor({ tva_sur_debits: false }, { tva_sur_debits: true })).toBe(true);
    expect(tvaSurDebitsFor({ tva_sur_debits: true }, {})).toBe(true);
    expect(tvaSurDebitsFor({}, undefined)).toBe(false);
  });
});
