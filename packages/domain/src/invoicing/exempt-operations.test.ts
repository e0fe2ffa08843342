import type { Contact, Facture, FactureLigne } from '@relais/schema';
import { describe, expect, it } from 'vitest';
import { countryCode, knownCountryCode } from './countries';
import { exemptCategoryOf, exemptOperationIssue } from './exempt-operations';

const berlin = { ligne1: 'Hauptstraße 5', code_postal: '10115', ville: 'Berlin', pays: 'Allemagne' };
const lyon = { ligne1: '4 quai Perrache', code_postal: '69002', ville: 'Lyon' };

function line(designation: string, exoneration_code?: string, taux_tva_bp = 0): FactureLigne {
  return {
    id: designation,
    designation,
    quantite: 1,
    prix_unitaire_ht: 10_000,
    taux_tva_bp,
    ...(exoneration_code === undefined ? {} : { exoneration: 'Exonération de TVA', exoneration_code }),
  };
}

type Doc = Pick<Facture, 'regime_tva' | 'lignes' | 'date_prestation' | 'adresse_livraison'>;
type Customer = Pick<Contact, 'tva_intracom' | 'adresse_facturation' | 'adresse_livraison'>;

const supply: Doc = { regime_tva: 'normale', date_prestation: '2026-01-12', lignes: [line('Transport', undefined, 2_000), line('Bacs isothermes', 'VATEX-EU-IC')] };
const exportation: Doc = { regime_tva: 'normale', lignes: [line('Rayonnages', 'VATEX-EU-G')] };
const seller = { tva_intracom: 'FR40123456789' };
const buyer: Customer = { tva_intracom: 'DE123456789', adresse_facturation: berlin };

describe('exemptCategoryOf', () => {
  it('sorts exempt lines by their VATEX code: export G, intra-community supply K, any other E', () => {
    expect(exemptCategoryOf({ exoneration_code: 'VATEX-EU-G' })).toBe('G');
    expect(exemptCategoryOf({ exoneration_code: 'VATEX-EU-IC' })).toBe('K');
    expect(exemptCategoryOf({ exoneration_code: 'VATEX-EU-146-1E' })).toBe('E');
    expect(exemptCategoryOf({})).toBe('E');
  });
});

describe('exemptOperationIssue', () => {
  it('accepts an export and an intra-community supply that have what EN 16931 asks of them', () => {
    expect(exemptOperationIssue(supply, seller, buyer)).toBeUndefined();
    expect(exemptOperationIssue(exportation, seller, { adresse_facturation: { ...berlin, pays: 'Suisse' } })).toBeUndefined();
    // Standard-rated lines and other exemptions ask nothing of the kind.
    expect(exemptOperationIssue({ regime_tva: 'normale', lignes: [line('Transport', 'VATEX-EU-146-1E')] }, {}, { adresse_facturation: lyon })).toBeUndefined();
  });

  it('asks the seller’s VAT number for an export (BR-G-02), naming the line', () => {
    expect(exemptOperationIssue(exportation, {}, buyer)).toEqual({ code: 'EXPORT_SANS_TVA_ENTREPRISE', ligne: 'Rayonnages' });
  });

  it('asks of an intra-community supply both VAT numbers, its delivery date and a delivery in another member state', () => {
    expect(exemptOperationIssue(supply, {}, buyer)).toEqual({ code: 'LIVRAISON_UE_SANS_TVA_ENTREPRISE', ligne: 'Bacs isothermes' });
    expect(exemptOperationIssue(supply, seller, { adresse_facturation: berlin })).toEqual({ code: 'LIVRAISON_UE_SANS_TVA_CLIENT', ligne: 'Bacs isothermes' });
    const { date_prestation: _undated, ...undated } = supply;
    expect(exemptOperationIssue(undated, seller, buyer)).toEqual({ code: 'LIVRAISON_UE_SANS_DATE', ligne: 'Bacs isothermes' });
    expect(exemptOperationIssue(supply, seller, { ...buyer, adresse_facturation: lyon })).toEqual({ code: 'LIVRAISON_UE_HORS_UE', ligne: 'Bacs isothermes', pays: 'France' });
    expect(exemptOperationIssue(supply, seller, { ...buyer, adresse_facturation: { ...berlin, pays: 'Suisse' } })).toMatchObject({ code: 'LIVRAISON_UE_HORS_UE', pays: 'Suisse' });
    expect(exemptOperationIssue(supply, seller, { ...buyer, adresse_facturation: { ...berlin, pays: 'Atlantide' } })).toMatchObject({ code: 'LIVRAISON_UE_HORS_UE', pays: 'Atlantide' });
  });

  it('reads the delivery country from the document’s delivery address, else the customer’s, else the billing address', () => {
    const billedInFrance: Customer = { ...buyer, adresse_facturation: lyon };
    expect(exemptOperationIssue({ ...supply, adresse_livraison: berlin }, seller, billedInFrance)).toBeUndefined();
    expect(exemptOperationIssue(supply, seller, { ...billedInFrance, adresse_livraison: { ...berlin, pays: 'PL' } })).toBeUndefined();
    expect(exemptOperationIssue({ ...supply, adresse_livraison: lyon }, seller, buyer)).toMatchObject({ code: 'LIVRAISON_UE_HORS_UE' });
  });

  it('leaves documents without exempt lines alone: under 293 B or reverse charge, a 0 % line is no export', () => {
    expect(exemptOperationIssue({ ...supply, regime_tva: 'autoliquidation' }, {}, { adresse_facturation: lyon })).toBeUndefined();
    expect(exemptOperationIssue({ ...exportation, regime_tva: 'franchise' }, {}, { adresse_facturation: lyon })).toBeUndefined();
  });
});

describe('countryCode', () => {
  it('reads a country typed in French, with or without accents, hyphens or capitals, or as an ISO code', () => {
    expect(countryCode(undefined)).toBe('FR');
    expect(countryCode('Pays-Bas')).toBe('NL');
    expect(countryCode('pays bas')).toBe('NL');
    expect(countryCode('République tchèque')).toBe('CZ');
    expect(countryCode('GRÈCE')).toBe('GR');
    expect(countryCode('PL')).toBe('PL');
    expect(knownCountryCode('Atlantide')).toBeUndefined();
    // The e-invoice needs a country: a name not known stays French there, as before.
    expect(countryCode('Atlantide')).toBe('FR');
  });
});
