import type { Entreprise } from '@relais/schema';
import { describe, expect, it } from 'vitest';
import { formatSiren, normaliseIdentifier, parsePercent, percentInput } from './codecs';
import { contactsInGroupe, entrepriseForm, isLogoDataUrl, logoProblem, maxLogoBytes, numberingPreviews } from './entreprise-form';

const existing: Entreprise = {
  id: '11111111-1111-4111-8111-111111111111',
  rev: 3,
  updated_at: '2026-01-01T00:00:00.000Z',
  raison_sociale: 'Transports Relais SAS',
  forme_juridique: 'SAS',
  capital_social: 1_000_000,
  adresse: { ligne1: '1 rue du Port', code_postal: '13002', ville: 'Marseille' },
  siren: '123456789',
  siret: '12345678900012',
  iban: 'FR7630006000011234567890189',
  regime_tva: 'normale',
  conditions_paiement: { jours: 45, fin_de_mois: true },
  taux_penalites_bp: 1215,
  numerotation: { devis: 'DE-{YYYY}-{0000}', facture: 'FA-{YYYY}-{00000}', avoir: 'AV-{YY}{MM}-{000}' },
  groupes: [{ id: '22222222-2222-4222-8222-222222222222', nom: 'Grands comptes' }],
  is_active: true,
};

describe('entreprise form', () => {
  it('keeps the FEC accounts as one grouped object: absent when all fields keep the PCG’s defaults, per VAT rate otherwise', () => {
    const values = entrepriseForm.toForm(existing);
    expect(values.comptes.ventes.map((row) => row.taux_tva_bp)).toEqual([2000, 1000, 550, 210, 0]);
    expect(entrepriseForm.patch(existing, values)).toEqual({});
    const ventes = values.comptes.ventes.map((row) => (row.taux_tva_bp === 2000 ? { ...row, compte: ' 706100 ' } : row));
    const patch = entrepriseForm.patch(existing, { ...values, comptes: { ...values.comptes, acomptes: '4191', ventes } });
    expect(patch).toEqual({ comptes: { acomptes: '4191', ventes: [{ taux_tva_bp: 2000, compte: '706100' }] } });
    const edited = { ...existing, ...patch } as Entreprise;
    // A rate the form does not list keeps its account.
    const corse = { ...edited, comptes: { ...edited.comptes, tva: [{ taux_tva_bp: 850, compte: '445718' }] } };
    expect(entrepriseForm.fromForm(entrepriseForm.toForm(corse)).comptes).toEqual(corse.comptes);
    expect(entrepriseForm.validate({ ...values, comptes: { ...values.comptes, clients: '41' } }, existing)['comptes']).toBeDefined();
  });

  it('starts a new company with 30 days, 12,15 % and the usual numbering', () => {
    const values = entrepriseForm.empty();
    expect(values.conditions_paiement).toEqual({ enabled: true, jours: '30', fin_de_mois: false });
    expect(values.taux_penalites_bp).toBe('12,15');
    expect(values.numerotation.facture).toBe('FA-{YYYY}-{00000}');
    expect(values.regime_tva).toBe('normale');
  });

  it('shows euros and percentages, stores cents and basis points', () => {
    const values = entrepriseForm.toForm(existing);
    expect(values.capital_social).toBe('10000,00');
    expect(values.taux_penalites_bp).toBe('12,15');
    expect(values.conditions_paiement).toEqual({ enabled: true, jours: '45', fin_de_mois: true });
    const patch = entrepriseForm.patch(existing, { ...values, capital_social: '7 500,5', taux_penalites_bp: '10,5' });
    expect(patch).toEqual({ capital_social: 750_050, taux_penalites_bp: 1050 });
    expect(entrepriseForm.validate({ ...values, taux_penalites_bp: '12,155' }, existing)['taux_penalites_bp']).toBeDefined();
    expect(entrepriseForm.validate({ ...values, capital_social: '1,234' }, existing)['capital_social']).toBeDefined();
  });

  it('accepts an IBAN, BIC, SIRET and VAT number typed with spaces and stores them compact and upper-case', () => {
    const values = entrepriseForm.toForm(existing);
    const typed = { ...values, iban: 'fr76 3000 6000 0112 3456 7890 189', bic: 'agri frpp xxx', siret: '123 456 789 00012', tva_intracom: 'fr 40 123456789' };
    expect(entrepriseForm.validate(typed, existing)).toEqual({});
    expect(entrepriseForm.patch(existing, typed)).toEqual({ bic: 'AGRIFRPPXXX', tva_intracom: 'FR40123456789' });
    expect(entrepriseForm.validate({ ...values, iban: 'FR76 3000' }, existing)['iban']).toBeDefined();
  });

  it('applies the domain rule SIRET starts with SIREN', () => {
    const values = entrepriseForm.toForm(existing);
    expect(entrepriseForm.validate({ ...values, siret: '98765432100012' }, existing)['siret']?.key).toBe('errors.SIRET_SIREN_DIFFERENTS');
  });

  it('requires the address lines and a named group', () => {
    const values = entrepriseForm.toForm(existing);
    expect(entrepriseForm.validate({ ...values, adresse: { ...values.adresse, ville: ' ' } }, existing)['adresse']).toBeDefined();
    const unnamed = { ...values, groupes: [...values.groupes, { id: '33333333-3333-4333-8333-333333333333', nom: '', description: '' }] };
    expect(entrepriseForm.validate(unnamed, existing)['groupes']).toBeDefined();
  });

  it('previews a numbering format live, or explains it in French', () => {
    const preview = (facture: string) => numberingPreviews({ ...existing.numerotation, facture }, '2026-03-14').facture;
    expect(preview('FA-{YYYY}-{00000}')).toEqual({ example: 'FA-2026-00001', issues: [] });
    expect(numberingPreviews(existing.numerotation, '2026-03-14').avoir.example).toBe('AV-2603-001');
    const missing = preview('FA-{YYYY}');
    expect(missing.example).toBeUndefined();
    expect(missing.issues.map((issue) => issue.message)).toEqual(['Le format doit contenir une et une seule séquence, par exemple {00000}']);
    expect(preview('FA-{AAAA}-{000}').issues.map((issue) => issue.code)).toEqual(['NUMEROTATION_JETON_INCONNU']);
    expect(preview('=FA{000}').issues.map((issue) => issue.code)).toEqual(['NUMEROTATION_DEBUT_FORMULE']);
    const values = entrepriseForm.toForm(existing);
    expect(entrepriseForm.validate({ ...values, numerotation: { ...values.numerotation, facture: 'FA-{YYYY}' } }, existing)['numerotation']).toBeDefined();
  });

  it('refuses, on both fields, two kinds whose formats can give the same number, and keeps a zero before the sequence', () => {
    const clash = numberingPreviews({ ...existing.numerotation, avoir: 'FA-{YYYY}-{000}' }, '2026-03-14');
    expect(clash.devis).toEqual({ example: 'DE-2026-0001', issues: [] });
    expect(clash.facture).toMatchObject({ example: undefined, issues: [{ code: 'NUMEROTATION_FORMATS_CONFONDUS', other: 'avoir' }] });
    expect(clash.avoir).toMatchObject({ example: undefined, issues: [{ code: 'NUMEROTATION_FORMATS_CONFONDUS', other: 'facture' }] });
    const values = entrepriseForm.toForm(existing);
    const refused = entrepriseForm.validate({ ...values, numerotation: { ...values.numerotation, avoir: 'FA-{YYYY}-{000}' } }, existing);
    expect(refused['numerotation']?.key).toBe('errors.NUMEROTATION_FORMATS_CONFONDUS');
    // The format the issue reported stays accepted: the server skips the numbers it already gave.
    expect(numberingPreviews({ ...existing.numerotation, facture: 'FA-{YYYY}-0{0000}' }, '2026-03-14').facture).toEqual({ example: 'FA-2026-00001', issues: [] });
  });

  it('accepts PNG and JPEG logos of 400 Ko at most', () => {
    expect(logoProblem({ type: 'image/png', size: maxLogoBytes })).toBeUndefined();
    expect(logoProblem({ type: 'image/jpeg', size: 10_000 })).toBeUndefined();
    expect(logoProblem({ type: 'image/png', size: maxLogoBytes + 1 })).toBe('size');
    expect(logoProblem({ type: 'image/gif', size: 10 })).toBe('type');
    expect(logoProblem({ type: 'image/svg+xml', size: 10 })).toBe('type');
    expect(isLogoDataUrl('data:image/png;base64,iVBORw0KGgo=')).toBe(true);
    expect(isLogoDataUrl('data:image/gif;base64,R0lGOD==')).toBe(false);
    const values = entrepriseForm.toForm(existing);
    expect(entrepriseForm.patch(existing, { ...values, logo: 'data:image/png;base64,iVBORw0KGgo=' })).toEqual({ logo: 'data:image/png;base64,iVBORw0KGgo=' });
    expect(entrepriseForm.validate({ ...values, logo: 'data:image/gif;base64,R0lGOD==' }, existing)['logo']).toBeDefined();
  });

  it('names the contacts still in a group (its removal would be refused)', () => {
    const groupe = existing.groupes[0]?.id ?? '';
    const contacts = [
      { nom: 'Martin', prenom: 'Zoé', groupe_ids: [groupe] },
      { nom: 'Acme', groupe_ids: [] },
      { nom: 'Bernard SA', groupe_ids: ['x', groupe] },
    ];
    expect(contactsInGroupe(groupe, contacts)).toEqual(['Bernard SA', 'Zoé Martin']);
    expect(contactsInGroupe('autre', contacts)).toEqual([]);
  });
});

describe('identifier, percent codecs', () => {
  it('normalises identifiers', () => {
    expect(normaliseIdentifier(' fr76\u00a03000 6000 ')).toBe('FR7630006000');
  });

  it('shows a SIREN in three groups that never break apart, and anything else as stored', () => {
    expect(formatSiren('812345674')).toBe('812\u202f345\u202f674');
    expect(normaliseIdentifier(formatSiren('812345674'))).toBe('812345674');
    expect(formatSiren('81234567')).toBe('81234567');
  });

  it('turns percentages into basis points without floats', () => {
    expect(parsePercent('12,15')).toBe(1215);
    expect(parsePercent('5.5 %')).toBe(550);
    expect(parsePercent('20')).toBe(2000);
    expect(parsePercent('')).toBeUndefined();
    expect(parsePercent('1,234')).toBeNaN();
    expect(parsePercent('-3')).toBeNaN();
    expect(percentInput(1215)).toBe('12,15');
    expect(percentInput(550)).toBe('5,5');
    expect(percentInput(1205)).toBe('12,05');
    expect(percentInput(2000)).toBe('20');
  });
});
