import { collections, type CollectionName } from '@relais/schema';
import { getValidator } from 'rxdb/plugins/validate-ajv';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';

const validDocs: Record<CollectionName, Record<string, unknown>> = {
  chauffeurs: {
    id: '0b7f3c2e-5a1d-4c8e-9f00-123456789abc',
    rev: 1,
    updated_at: '2026-11-27T08:00:00.000Z',
    code: 'JD01',
    nom: 'Dupont',
    prenom: 'Jean',
    email: 'jean.dupont@example.fr',
    adr: true,
    fimo: false,
    competences: ['hayon', 'frigo'],
    is_active: true,
  },
  voyages: {
    id: '1b7f3c2e-5a1d-4c8e-9f00-123456789abc',
    rev: 3,
    updated_at: '2026-11-27T08:00:00.000Z',
    code: 'LYO-PAR',
    nom: 'Lyon → Paris',
    jours_operation: ['lundi', 'jeudi'],
    heure_depart_defaut: '05:30',
    is_active: true,
    couleur: '#aa3300',
  },
  missions: {
    id: '2b7f3c2e-5a1d-4c8e-9f00-123456789abc',
    rev: 2,
    updated_at: '2026-11-27T08:00:00.000Z',
    date_mission: '2026-11-27',
    heure_debut: '23:30',
    heure_fin: '27:15',
    type_mission: 'ramasse',
    destination: 'Bruxelles',
    nb_palettes: 12,
    poids_kg: 8450.5,
    statut: 'en_cours',
    sst_id: '3b7f3c2e-5a1d-4c8e-9f00-123456789abc',
    duree_conduite_min: 270,
    force_motif: 'Urgence client',
  },
  disponibilites: {
    id: '4b7f3c2e-5a1d-4c8e-9f00-123456789abc',
    rev: 1,
    updated_at: '2026-11-27T08:00:00.000Z',
    chauffeur_id: '0b7f3c2e-5a1d-4c8e-9f00-123456789abc',
    date_debut: '2026-12-01',
    date_fin: '2026-12-05',
    type_absence: 'conges',
  },
  sst: {
    id: '3b7f3c2e-5a1d-4c8e-9f00-123456789abc',
    rev: 1,
    updated_at: '2026-11-27T08:00:00.000Z',
    code: 'TRSUD',
    nom: 'Transports du Sud',
    is_active: true,
    contacts: [{ id: '5b7f3c2e-5a1d-4c8e-9f00-123456789abc', email: 'exploitation@trsud.example', is_primary: true }],
    tarifs: [{ id: '6b7f3c2e-5a1d-4c8e-9f00-123456789abc', destination: 'Bruxelles', prix: 45000, unite: 'voyage' }],
  },
  revenus_palettes: {
    id: '7b7f3c2e-5a1d-4c8e-9f00-123456789abc',
    rev: 1,
    updated_at: '2026-11-27T08:00:00.000Z',
    destination: 'Bruxelles',
    revenu_par_palette: 3500,
    date_debut: '2026-01-01',
  },
  entreprises: {
    id: '8b7f3c2e-5a1d-4c8e-9f00-123456789abc',
    rev: 1,
    updated_at: '2026-11-27T08:00:00.000Z',
    raison_sociale: 'Transports Relais SAS',
    forme_juridique: 'SAS',
    capital_social: 5_000_000,
    adresse: { ligne1: '12 rue de la Gare', code_postal: '69007', ville: 'Lyon' },
    siren: '123456789',
    siret: '12345678900012',
    rcs_ville: 'Lyon',
    tva_intracom: 'FR12123456789',
    iban: 'FR7630006000011234567890189',
    bic: 'AGRIFRPP',
    email: 'compta@relais.example',
    regime_tva: 'normale',
    conditions_paiement: { jours: 30, fin_de_mois: false },
    taux_penalites_bp: 1215,
    numerotation: { devis: 'DE-{YYYY}-{0000}', facture: 'FA-{YYYY}-{00000}', avoir: 'AV-{YY}{MM}-{000}' },
    logo: 'data:image/png;base64,iVBORw0KGgo=',
    groupes: [{ id: '9b7f3c2e-5a1d-4c8e-9f00-123456789abc', nom: 'Grands comptes' }],
    is_active: true,
  },
  contacts: {
    id: 'ab7f3c2e-5a1d-4c8e-9f00-123456789abc',
    rev: 1,
    updated_at: '2026-11-27T08:00:00.000Z',
    entreprise_id: '8b7f3c2e-5a1d-4c8e-9f00-123456789abc',
    type_contact: 'societe',
    nom: 'Épicerie Fine Dupré',
    siren: '987654321',
    email: 'factures@dupre.example',
    adresse_facturation: { ligne1: '3 place Bellecour', code_postal: '69002', ville: 'Lyon', pays: 'France' },
    groupe_ids: ['9b7f3c2e-5a1d-4c8e-9f00-123456789abc'],
    is_active: true,
  },
  articles: {
    id: 'bb7f3c2e-5a1d-4c8e-9f00-123456789abc',
    rev: 1,
    updated_at: '2026-11-27T08:00:00.000Z',
    reference: 'PAL-LYO',
    libelle: 'Transport palette Lyon',
    unite: 'palette',
    prix_unitaire_ht: 4550,
    taux_tva_bp: 2000,
    is_active: true,
  },
  devis: {
    id: 'cb7f3c2e-5a1d-4c8e-9f00-123456789abc',
    rev: 1,
    updated_at: '2026-11-27T08:00:00.000Z',
    entreprise_id: '8b7f3c2e-5a1d-4c8e-9f00-123456789abc',
    contact_id: 'ab7f3c2e-5a1d-4c8e-9f00-123456789abc',
    statut: 'brouillon',
    date_devis: '2026-11-27',
    date_validite: '2026-12-27',
    lignes: [
      { id: 'db7f3c2e-5a1d-4c8e-9f00-123456789abc', article_id: 'bb7f3c2e-5a1d-4c8e-9f00-123456789abc', designation: 'Transport palette Lyon', quantite: 12.5, unite: 'palette', prix_unitaire_ht: 4550, remise_bp: 500, taux_tva_bp: 2000 },
    ],
    regime_tva: 'normale',
  },
  factures: {
    id: 'eb7f3c2e-5a1d-4c8e-9f00-123456789abc',
    rev: 2,
    updated_at: '2026-11-27T08:00:00.000Z',
    entreprise_id: '8b7f3c2e-5a1d-4c8e-9f00-123456789abc',
    contact_id: 'ab7f3c2e-5a1d-4c8e-9f00-123456789abc',
    type_facture: 'facture',
    statut: 'validee',
    numero: 'FA-2026-00001',
    date_facture: '2026-11-27',
    date_echeance: '2026-12-27',
    conditions_paiement: { jours: 30, fin_de_mois: false },
    devis_id: 'cb7f3c2e-5a1d-4c8e-9f00-123456789abc',
    lignes: [{ id: 'fb7f3c2e-5a1d-4c8e-9f00-123456789abc', designation: 'Déduction acompte', quantite: 1, prix_unitaire_ht: -10000, taux_tva_bp: 2000 }],
    regime_tva: 'normale',
    validee_le: '2026-11-27T09:00:00.000Z',
    envois: [{ at: '2026-11-27T09:05:00.000Z', destinataires: 'factures@dupre.example' }],
  },
  reglements: {
    id: '0c7f3c2e-5a1d-4c8e-9f00-123456789abc',
    rev: 1,
    updated_at: '2026-11-27T08:00:00.000Z',
    facture_id: 'eb7f3c2e-5a1d-4c8e-9f00-123456789abc',
    date_reglement: '2026-12-10',
    montant: 12000,
    mode: 'virement',
    reference: 'VIR 2026-12-10',
  },
};

/** Single-field mutations; each must be judged the same way by zod and by RxDB's ajv. */
const mutations: [string, unknown][] = [
  ['rev', 0],
  ['rev', 1.5],
  ['updated_at', '27/11/2026'],
  ['id', 'not-a-uuid'],
  ['date_mission', '2026-02-30x'],
  ['heure_debut', '28:30'],
  ['heure_debut', '7:00'],
  ['statut', 'fini'],
  ['nb_palettes', -1],
  ['nom', ''],
  ['nom', '   '],
  ['destination', 'x'.repeat(121)],
  ['competences', ['ok', '']],
  ['jours_operation', ['lundi', 'funday']],
  ['couleur', 'red'],
  ['email', 'pas-un-email'],
  ['adr', 'oui'],
  ['siren', '12345678'],
  ['siret', '1234567890001A'],
  ['tva_intracom', 'fr 12 345'],
  ['iban', 'FR76 3000'],
  ['numerotation', { devis: 'DE-{0000}', facture: 'FA-{YYYY}', avoir: 'AV-{000}' }],
  ['numerotation', { devis: 'DE-{0000}', facture: 'FA-{JJ}-{000}', avoir: 'AV-{000}' }],
  ['logo', 'data:image/gif;base64,R0lGOD=='],
  ['taux_penalites_bp', 10_001],
  ['type_contact', 'association'],
  ['groupe_ids', ['pas-un-uuid']],
  ['prix_unitaire_ht', 12.5],
  ['taux_tva_bp', -1],
  ['lignes', [{ id: 'db7f3c2e-5a1d-4c8e-9f00-123456789abc', designation: '', quantite: 1, prix_unitaire_ht: 1, taux_tva_bp: 0 }]],
  ['type_facture', 'proforma'],
  ['montant', 0],
  ['mode', 'bitcoin'],
  ['inconnu', 'champ'],
];

describe('schema derivation: zod ↔ RxDB JSON schema ↔ server columns', () => {
  for (const [name, definition] of Object.entries(collections)) {
    describe(name, () => {
      const validate = getValidator(definition.jsonSchema);
      const shape = definition.schema.shape as Record<string, z.ZodType>;

      it('has the same fields everywhere', () => {
        const zodFields = Object.keys(shape).sort();
        expect(Object.keys(definition.jsonSchema.properties).sort()).toEqual(zodFields);
        expect(definition.columns.map((column) => column.field).sort()).toEqual(zodFields);
      });

      it('marks the same fields required', () => {
        const requiredInZod = Object.entries(shape)
          .filter(([, field]) => !field.safeParse(undefined).success)
          .map(([field]) => field)
          .sort();
        expect([...definition.jsonSchema.required].sort()).toEqual(requiredInZod);
        expect(definition.columns.filter((column) => column.notNull).map((column) => column.field).sort()).toEqual(requiredInZod);
      });

      it('accepts the same valid document', () => {
        const doc = validDocs[name as CollectionName];
        expect(definition.schema.safeParse(doc).success).toBe(true);
        expect(validate(doc)).toEqual([]);
      });

      it.each(mutations)('agrees on %s = %j', (field, value) => {
        const doc = validDocs[name as CollectionName];
        if (field !== 'inconnu' && !(field in shape)) {
          return;
        }
        const mutated = { ...doc, [field]: value };
        const zodOk = definition.schema.safeParse(mutated).success;
        const ajvOk = (validate(mutated) as unknown[]).length === 0;
        expect(zodOk).toBe(false);
        expect(ajvOk).toBe(zodOk);
      });
    });
  }
});
