import { describe, expect, it } from 'vitest';
import { facturXCase } from '../testing/facturx-cases';
import { buildCiiXml, facturXInputOf } from './cii';
import { ENTREPRISE, SOCIETE, devis, facture } from '../testing/fixtures';

/** The value of the first `<name>` element (the tests read the XML the way a receiver does). */
function first(xml: string, name: string): string | undefined {
  return new RegExp(`<${name}[^>]*>([^<]*)</${name}>`).exec(xml)?.[1];
}

function all(xml: string, name: string): string[] {
  return [...xml.matchAll(new RegExp(`<${name}[^>]*>([^<]*)</${name}>`, 'g'))].map((match) => match[1] ?? '');
}

describe('buildCiiXml', () => {
  it('types and frames each document: 380 S1, 386 deposit, 381 citing the corrected invoice, S4 after deposits', () => {
    expect(first(buildCiiXml(facturXCase('un-taux')), 'ram:TypeCode')).toBe('380');
    expect(first(buildCiiXml(facturXCase('acompte')), 'ram:TypeCode')).toBe('386');
    const avoir = buildCiiXml(facturXCase('avoir-total'));
    expect(first(avoir, 'ram:TypeCode')).toBe('381');
    expect(avoir).toMatch(/<ram:InvoiceReferencedDocument>\s*<ram:IssuerAssignedID>FA-2026-00101<\/ram:IssuerAssignedID>\s*<ram:FormattedIssueDateTime>\s*<qdt:DateTimeString format="102">20260115</);
    const finale = buildCiiXml(facturXCase('facture-finale-apres-acompte'));
    expect(all(finale, 'ram:ID')[0]).toBe('S4');
    expect(first(finale, 'ram:TotalPrepaidAmount')).toBe('1080.00');
    expect(first(finale, 'ram:GrandTotalAmount')).toBe('3600.00');
    expect(first(finale, 'ram:DuePayableAmount')).toBe('2520.00');
  });

  it('writes each required note once, and the customer SIREN for a business (B2B)', () => {
    const xml = buildCiiXml(facturXCase('un-taux'));
    expect(all(xml, 'ram:SubjectCode')).toEqual(['PMT', 'PMD', 'AAB', 'BAR', 'TXD']);
    expect(xml).toContain('<ram:ID schemeID="0002">987654321</ram:ID>');
    expect(xml).toContain('<ram:IBANID>FR7630006000011234567890189</ram:IBANID>');
    expect(first(xml, 'ram:DueDateTypeCode')).toBe('5');
    const person = buildCiiXml(facturXCase('particulier'));
    expect(person).toContain('<ram:Content>B2C</ram:Content>');
    expect(person).toContain('<ram:URIID schemeID="EM">francoise.dupre@example.fr</ram:URIID>');
  });

  it('maps the VAT regimes to categories: E with the 293 B mention, AE, Z and E lines', () => {
    expect(buildCiiXml(facturXCase('franchise-293b'))).toContain('<ram:ExemptionReason>TVA non applicable, art. 293 B du CGI</ram:ExemptionReason>');
    expect(all(buildCiiXml(facturXCase('autoliquidation')), 'ram:CategoryCode')).toEqual(['AE', 'AE']);
    expect(new Set(all(buildCiiXml(facturXCase('taux-zero-exonere')), 'ram:CategoryCode'))).toEqual(new Set(['S', 'E', 'Z']));
  });

  it('gives the one exempt breakdown (BR-E-01) each line’s reason (BT-120), and its VATEX code (BT-121) when the lines share one', () => {
    const exonere = buildCiiXml(facturXCase('taux-zero-exonere'));
    expect(exonere).toMatch(
      /<ram:ExemptionReason>Exonération, art. 262 I du CGI \(transport international\)<\/ram:ExemptionReason>\s*<ram:BasisAmount>1200.00<\/ram:BasisAmount>\s*<ram:CategoryCode>E<\/ram:CategoryCode>\s*<ram:RateApplicablePercent>/,
    );
    const mixtes = buildCiiXml(facturXCase('exonerations-mixtes'));
    expect(all(mixtes, 'ram:ExemptionReason')).toEqual([
      'Exonération de TVA, article 262 I du CGI (exportation)',
      'Exonération de TVA, article 262 II du CGI (transport international) ; Exonération de TVA, article 261 du CGI',
    ]);
    expect(all(mixtes, 'ram:ExemptionReasonCode')).toEqual(['VATEX-EU-G']);
  });

  it('puts an export outside the EU in category G and an intra-community supply in K, each with its own breakdown at 0 %', () => {
    const exportation = buildCiiXml(facturXCase('export-hors-ue'));
    expect(all(exportation, 'ram:CategoryCode')).toEqual(['G', 'G', 'G']);
    expect(exportation).toMatch(
      /<ram:CalculatedAmount>0.00<\/ram:CalculatedAmount>\s*<ram:TypeCode>VAT<\/ram:TypeCode>\s*<ram:ExemptionReason>Exonération de TVA, article 262 I du CGI \(exportation\)<\/ram:ExemptionReason>\s*<ram:BasisAmount>1128.00<\/ram:BasisAmount>\s*<ram:CategoryCode>G<\/ram:CategoryCode>\s*<ram:ExemptionReasonCode>VATEX-EU-G<\/ram:ExemptionReasonCode>\s*<ram:RateApplicablePercent>0.00</,
    );
    const supply = buildCiiXml(facturXCase('livraison-intracommunautaire'));
    expect(all(supply, 'ram:CategoryCode')).toEqual(['K', 'K']);
    expect(all(supply, 'ram:ExemptionReasonCode')).toEqual(['VATEX-EU-IC']);
    // Seller and buyer VAT numbers (BR-IC-02), delivery date (BR-IC-11), deliver-to country (BR-IC-12).
    expect(supply).toContain('<ram:ID schemeID="VA">FR40123456789</ram:ID>');
    expect(supply).toContain('<ram:ID schemeID="VA">DE123456789</ram:ID>');
    expect(supply).toMatch(/<ram:ActualDeliverySupplyChainEvent>\s*<ram:OccurrenceDateTime>\s*<udt:DateTimeString format="102">20260112</);
    expect(supply).toMatch(/<ram:ShipToTradeParty>[\s\S]*<ram:CityName>Berlin<\/ram:CityName>\s*<ram:CountryID>DE<\/ram:CountryID>/);
  });

  it('breaks an invoice of standard-rated and intra-community lines down per category, the K allowance in K', () => {
    const xml = buildCiiXml(facturXCase('mixte-standard-intracommunautaire'));
    const header = xml.slice(xml.indexOf('<ram:ApplicableHeaderTradeSettlement>'));
    expect(all(header, 'ram:CategoryCode')).toEqual(['S', 'K', 'K']);
    // K: 2 × 1 400 + 2 × 320 less 5 % = 3 408, less the 100 allowance; S: 3 × 60 at 20 %.
    expect(all(header, 'ram:BasisAmount')).toEqual(['180.00', '3308.00']);
    expect(all(header, 'ram:CalculatedAmount')).toEqual(['36.00', '0.00']);
    expect(first(header, 'ram:AllowanceTotalAmount')).toBe('100.00');
    expect(xml).toMatch(/<ram:ShipToTradeParty>[\s\S]*<ram:CityName>München<\/ram:CityName>\s*<ram:CountryID>DE<\/ram:CountryID>/);
  });

  it('reads the nature and the notes frozen on a validated document, whatever the company says today', () => {
    const frozen = { ...facturXCase('un-taux').facture, nature_operation: 'biens' as const, mentions_facturation: { recouvrement: 'PMT figée', penalites: 'PMD figée', escompte: 'AAB figée' } };
    const today = { ...ENTREPRISE, nature_operation: 'services' as const, mentions_facturation: { recouvrement: 'PMT du jour', penalites: 'PMD du jour', escompte: 'AAB du jour' } };
    const xml = buildCiiXml({ entreprise: today, contact: SOCIETE, facture: frozen });
    expect(all(xml, 'ram:ID')[0]).toBe('B1');
    expect(all(xml, 'ram:Content').slice(0, 3)).toEqual(['PMT figée', 'PMD figée', 'AAB figée']);
  });

  it('addresses a foreign business with neither SIREN nor e-mail at its VAT number, under its country’s scheme', () => {
    const xml = buildCiiXml(facturXCase('client-etranger-tva-seule'));
    expect(xml).toMatch(/<ram:URIUniversalCommunication>\s*<ram:URIID schemeID="9930">DE123456789<\/ram:URIID>/);
    expect(xml).toContain('<ram:Content>B2BINT</ram:Content>');
  });

  it('reads VAT on debits from what the document froze at validation, not from the company of today', () => {
    const { entreprise, contact, facture: unTaux } = facturXCase('un-taux');
    const frozenOff = buildCiiXml({ entreprise, contact, facture: { ...unTaux, tva_sur_debits: false } });
    expect(all(frozenOff, 'ram:SubjectCode')).toEqual(['PMT', 'PMD', 'AAB', 'BAR']);
    expect(first(frozenOff, 'ram:DueDateTypeCode')).toBe('72');
    const frozenOn = buildCiiXml({ entreprise: { ...entreprise, tva_sur_debits: false }, contact, facture: { ...unTaux, tva_sur_debits: true } });
    expect(all(frozenOn, 'ram:SubjectCode')).toContain('TXD');
    expect(first(frozenOn, 'ram:DueDateTypeCode')).toBe('5');
  });

  it('turns negative lines into document allowances and line discounts into line allowances', () => {
    const xml = buildCiiXml(facturXCase('plusieurs-taux-remises'));
    expect(all(xml, 'ram:LineID')).toHaveLength(3);
    expect(first(xml, 'ram:AllowanceTotalAmount')).toBe('60.00');
    expect(xml).toContain('<ram:Reason>Remise 10 %</ram:Reason>');
  });

  it('refuses a draft, and a quote has no e-invoice', () => {
    expect(() => buildCiiXml({ entreprise: ENTREPRISE, contact: SOCIETE, facture: facture({ numero: undefined }) })).toThrow(/validé/);
    expect(facturXInputOf({ entreprise: ENTREPRISE, contact: SOCIETE, document: { kind: 'devis', devis: devis() } })).toBeUndefined();
  });
});
