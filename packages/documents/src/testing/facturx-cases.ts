import type { Contact } from '@relais/schema';
import type { FacturXInput } from '../facturx/cii';
import { ENTREPRISE, PARTICULIER, SOCIETE, facture, ligne, realisticLines } from './fixtures';

/**
 * The invoices issue 17 asks the official validators to accept: each kind of VAT, discount,
 * deposit and credit note Relais issues, a person customer and a 500-line invoice; then exports
 * (category G) and intra-community supplies (K), alone and next to standard-rated lines.
 */

const CLIENT: Contact = {
  ...SOCIETE,
  siret: '98765432100017',
  email: 'compta@boulangerie-francaise.fr',
  adresse_livraison: { ligne1: 'ZI des Alpes, quai 4', code_postal: '38100', ville: 'Grenoble' },
};

const CLIENT_UE: Contact = {
  ...SOCIETE,
  id: '6c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e03',
  nom: 'Bäckerei Schmidt GmbH',
  siren: undefined,
  tva_intracom: 'DE123456789',
  email: 'buchhaltung@baeckerei-schmidt.de',
  adresse_facturation: { ligne1: 'Hauptstraße 5', code_postal: '10115', ville: 'Berlin', pays: 'Allemagne' },
  autoliquidation: true,
};

const PERSONNE: Contact = { ...PARTICULIER, email: 'francoise.dupre@example.fr' };

/** A Swiss business: goods and transport to it are exports (art. 262 I du CGI). */
const CLIENT_SUISSE: Contact = {
  ...SOCIETE,
  id: '6c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e04',
  nom: 'Léman Distribution SA',
  siren: undefined,
  tva_intracom: undefined,
  email: 'comptabilite@leman-distribution.ch',
  adresse_facturation: { ligne1: 'Rue du Rhône 42', code_postal: '1204', ville: 'Genève', pays: 'Suisse' },
};

/** A German business under the normal regime, to which goods are sold from France (art. 262 ter I). */
const CLIENT_ALLEMAND: Contact = { ...CLIENT_UE, id: '6c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e05', autoliquidation: undefined };

const EXPORT = { exoneration: 'Exonération de TVA, article 262 I du CGI (exportation)', exoneration_code: 'VATEX-EU-G' };
const LIVRAISON_UE = { exoneration: 'Exonération de TVA, article 262 ter I du CGI (livraison intracommunautaire)', exoneration_code: 'VATEX-EU-IC' };

const unTaux = facture({
  numero: 'FA-2026-00101',
  lignes: [ligne('Transport Lyon → Grenoble', 3, 45_000, 2_000), ligne('Manutention', 2.5, 3_800, 2_000, { unite: 'h' })],
});

const acompte = facture({
  id: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c01',
  type_facture: 'acompte',
  numero: 'FA-2026-00110',
  date_facture: '2026-01-05',
  date_echeance: '2026-01-05',
  date_prestation: undefined,
  conditions_paiement: { jours: 0, fin_de_mois: false },
  lignes: [ligne('Acompte de 30 % sur devis DE-2026-00007', 1, 90_000, 2_000, { unite: 'forfait' })],
});

export const facturXCases: Record<string, FacturXInput> = {
  'un-taux': { entreprise: { ...ENTREPRISE, tva_sur_debits: true }, contact: CLIENT, facture: unTaux },
  'plusieurs-taux-remises': {
    entreprise: { ...ENTREPRISE, nature_operation: 'mixte' },
    contact: CLIENT,
    facture: facture({
      numero: 'FA-2026-00102',
      lignes: [
        ligne('Transport frigorifique', 4, 52_000, 2_000, { remise_bp: 1_000 }),
        ligne('Palettes alimentaires', 12, 1_275, 550, { remise_bp: 250, unite: 'palette' }),
        ligne('Stockage', 3, 8_000, 1_000, { unite: 'jour' }),
        ligne('Remise commerciale fidélité', 1, -5_000, 2_000),
        ligne('Geste commercial stockage', 1, -1_000, 1_000),
      ],
    }),
  },
  'taux-zero-exonere': {
    entreprise: ENTREPRISE,
    contact: CLIENT,
    facture: facture({
      numero: 'FA-2026-00103',
      lignes: [
        ligne('Transport national', 1, 60_000, 2_000),
        { ...ligne('Transport international Lyon → Turin', 1, 120_000, 0), exoneration: 'Exonération, art. 262 I du CGI (transport international)' },
        ligne('Frais de douane refacturés', 1, 4_500, 0),
      ],
    }),
  },
  autoliquidation: {
    entreprise: ENTREPRISE,
    contact: CLIENT_UE,
    facture: facture({
      numero: 'FA-2026-00104',
      regime_tva: 'autoliquidation',
      lignes: [ligne('Transport Lyon → Berlin', 1, 180_000, 2_000)],
    }),
  },
  'franchise-293b': {
    entreprise: { ...ENTREPRISE, regime_tva: 'franchise', tva_intracom: undefined },
    contact: CLIENT,
    facture: facture({ numero: 'FA-2026-00105', regime_tva: 'franchise', lignes: [ligne('Course urgente', 1, 25_000, 2_000)] }),
  },
  acompte: { entreprise: ENTREPRISE, contact: CLIENT, facture: acompte },
  'facture-finale-apres-acompte': {
    entreprise: ENTREPRISE,
    contact: CLIENT,
    facture: facture({
      numero: 'FA-2026-00111',
      lignes: [
        ligne('Déménagement d’atelier', 1, 300_000, 2_000),
        ligne('Acompte FA-2026-00110 déduit', -1, 90_000, 2_000, { acompte_facture_id: acompte.id }),
      ],
    }),
  },
  'avoir-total': {
    entreprise: ENTREPRISE,
    contact: CLIENT,
    origine: unTaux,
    facture: facture({
      type_facture: 'avoir',
      numero: 'AV-2026-00003',
      date_facture: '2026-01-20',
      date_echeance: '2026-01-20',
      facture_origine_id: unTaux.id,
      motif: 'Annulation de la facture FA-2026-00101',
      lignes: unTaux.lignes.map((l) => ({ ...l, quantite: -l.quantite })),
    }),
  },
  'avoir-partiel': {
    entreprise: ENTREPRISE,
    contact: CLIENT,
    origine: unTaux,
    facture: facture({
      type_facture: 'avoir',
      numero: 'AV-2026-00004',
      date_facture: '2026-01-22',
      date_echeance: '2026-01-22',
      facture_origine_id: unTaux.id,
      motif: 'Une livraison non effectuée',
      lignes: [ligne('Transport Lyon → Grenoble (non effectué)', -1, 45_000, 2_000)],
    }),
  },
  'exoneration-export': {
    entreprise: ENTREPRISE,
    contact: CLIENT,
    facture: facture({
      numero: 'FA-2026-00108',
      lignes: [
        ligne('Transport Lyon → Genève', 1, 150_000, 0, { exoneration: 'Exonération de TVA, article 262 I du CGI (exportation)', exoneration_code: 'VATEX-EU-G' }),
        ligne('Manutention au départ de Lyon', 1, 8_000, 2_000),
      ],
    }),
  },
  'exonerations-mixtes': {
    entreprise: ENTREPRISE,
    contact: CLIENT,
    facture: facture({
      numero: 'FA-2026-00109',
      lignes: [
        ligne('Transport Lyon → Genève', 1, 150_000, 0, { exoneration: 'Exonération de TVA, article 262 I du CGI (exportation)', exoneration_code: 'VATEX-EU-G' }),
        ligne('Transport Lyon → Turin', 1, 120_000, 0, { exoneration: 'Exonération de TVA, article 262 II du CGI (transport international)', exoneration_code: 'VATEX-EU-146-1E' }),
        ligne('Frais de dossier', 1, 2_500, 0, { exoneration: 'Exonération de TVA, article 261 du CGI' }),
      ],
    }),
  },
  'client-etranger-tva-seule': {
    entreprise: ENTREPRISE,
    contact: { ...CLIENT_UE, email: undefined },
    facture: facture({
      numero: 'FA-2026-00112',
      regime_tva: 'autoliquidation',
      lignes: [ligne('Transport Lyon → Munich', 1, 160_000, 2_000)],
    }),
  },
  'export-hors-ue': {
    entreprise: { ...ENTREPRISE, nature_operation: 'biens' },
    contact: CLIENT_SUISSE,
    facture: facture({
      numero: 'FA-2026-00113',
      contact_id: CLIENT_SUISSE.id,
      lignes: [ligne('Rayonnages métalliques d’occasion', 12, 8_500, 0, EXPORT), ligne('Palettes perdues', 10, 1_200, 0, { ...EXPORT, remise_bp: 1_000 })],
    }),
  },
  'livraison-intracommunautaire': {
    entreprise: { ...ENTREPRISE, nature_operation: 'biens' },
    contact: CLIENT_ALLEMAND,
    facture: facture({
      numero: 'FA-2026-00114',
      contact_id: CLIENT_ALLEMAND.id,
      date_prestation: '2026-01-12',
      lignes: [ligne('Bacs isothermes reconditionnés', 40, 6_500, 0, LIVRAISON_UE)],
    }),
  },
  'mixte-standard-intracommunautaire': {
    entreprise: { ...ENTREPRISE, nature_operation: 'mixte' },
    contact: CLIENT_ALLEMAND,
    facture: facture({
      numero: 'FA-2026-00115',
      contact_id: CLIENT_ALLEMAND.id,
      date_prestation: '2026-01-13',
      adresse_livraison: { ligne1: 'Industriestraße 12', code_postal: '80939', ville: 'München', pays: 'Allemagne' },
      lignes: [
        ligne('Chariot de manutention d’occasion', 2, 140_000, 0, LIVRAISON_UE),
        ligne('Batteries de traction', 2, 32_000, 0, { ...LIVRAISON_UE, remise_bp: 500 }),
        ligne('Préparation et chargement à Lyon', 3, 6_000, 2_000, { unite: 'h' }),
        ligne('Remise sur le matériel', 1, -10_000, 0, LIVRAISON_UE),
      ],
    }),
  },
  particulier: {
    entreprise: ENTREPRISE,
    contact: PERSONNE,
    facture: facture({ numero: 'FA-2026-00106', contact_id: PERSONNE.id, lignes: [ligne('Livraison d’un piano', 1, 35_000, 2_000)] }),
  },
  '500-lignes': { entreprise: ENTREPRISE, contact: CLIENT, facture: facture({ numero: 'FA-2026-00107', lignes: realisticLines(500) }) },
};

export function facturXCase(name: string): FacturXInput {
  const found = facturXCases[name];
  if (found === undefined) {
    throw new Error(`cas Factur-X inconnu : ${name}`);
  }
  return found;
}
