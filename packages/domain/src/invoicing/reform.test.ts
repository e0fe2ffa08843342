import type { Adresse, Ligne } from '@relais/schema';
import { describe, expect, it } from 'vitest';
import { cadreFacturation, defaultMentions, deliveryAddressFor, mentionsFor } from './reform';

const line = (extra: Partial<Ligne> = {}): Ligne => ({
  id: 'l1',
  designation: 'Transport',
  quantite: 1,
  prix_unitaire_ht: 10_000,
  taux_tva_bp: 2_000,
  ...extra,
});

describe('reform mentions', () => {
  it('defaults follow the company penalty rate', () => {
    expect(defaultMentions({ taux_penalites_bp: 1_215 }).penalites).toContain('12,15 %');
    expect(defaultMentions({ taux_penalites_bp: 1_000 }).penalites).toContain('10 %');
    expect(defaultMentions({ taux_penalites_bp: 1_050 }).penalites).toContain('10,5 %');
    expect(defaultMentions({ taux_penalites_bp: 1_215 }).recouvrement).toContain('40 €');
  });

  it('the document overrides the company, which overrides the defaults, note by note', () => {
    const resolved = mentionsFor(
      { taux_penalites_bp: 1_215, mentions_facturation: { escompte: 'Escompte 1 % à 8 jours', penalites: 'Société' } },
      { mentions_facturation: { penalites: 'Document' } },
    );
    expect(resolved).toEqual({
      recouvrement: defaultMentions({ taux_penalites_bp: 1_215 }).recouvrement,
      penalites: 'Document',
      escompte: 'Escompte 1 % à 8 jours',
    });
  });
});

describe('cadre de facturation', () => {
  it('derives the letter from the nature (document, else company, else services)', () => {
    expect(cadreFacturation({}, { type_facture: 'facture', lignes: [line()] })).toBe('S1');
    expect(cadreFacturation({ nature_operation: 'biens' }, { type_facture: 'facture', lignes: [line()] })).toBe('B1');
    expect(cadreFacturation({ nature_operation: 'biens' }, { nature_operation: 'mixte', type_facture: 'avoir', lignes: [line()] })).toBe('M1');
  });

  it('a final invoice deducting a deposit is a 4, the deposit itself stays a 1', () => {
    const deduction = line({ quantite: -1, acompte_facture_id: 'a1' });
    expect(cadreFacturation({}, { type_facture: 'facture', lignes: [line(), deduction] })).toBe('S4');
    expect(cadreFacturation({}, { type_facture: 'acompte', lignes: [line()] })).toBe('S1');
  });
});

describe('delivery address', () => {
  const billing: Adresse = { ligne1: '1 rue du Port', code_postal: '69007', ville: 'Lyon' };
  const site: Adresse = { ligne1: 'ZI Nord', code_postal: '69100', ville: 'Villeurbanne' };

  it('is the document one, else the customer one, and none when it is the billing address', () => {
    expect(deliveryAddressFor({ adresse_facturation: billing }, {})).toBeUndefined();
    expect(deliveryAddressFor({ adresse_facturation: billing, adresse_livraison: site }, {})).toEqual(site);
    expect(deliveryAddressFor({ adresse_facturation: billing, adresse_livraison: site }, { adresse_livraison: billing })).toBeUndefined();
    expect(deliveryAddressFor({ adresse_facturation: billing }, { adresse_livraison: { ...billing, ville: 'LYON ', pays: 'France' } })).toBeUndefined();
    expect(deliveryAddressFor({ adresse_facturation: billing }, { adresse_livraison: site })).toEqual(site);
  });
});
