import type { Contact, Devis, Entreprise, Facture, FactureLigne } from '@relais/schema';

/**
 * Documents to print in the tests and the bench: a company under the normal VAT regime with every
 * legal field, a business customer and a private one, and builders for quotes and invoices. Also the
 * company and customer every other test writes (`entrepriseFields`, `contactFields`): the server's,
 * the integration and the end-to-end tests import them from here, a module of types only.
 */

/** A 64 × 32 PNG (a blue disc on a light background). */
export const PNG_LOGO =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAEAAAAAgCAIAAAAt/+nTAAAAhklEQVR4nO3YMQ6AIAyFYU7iQTwiZ3VxdXLGoEBt+trmJR0Z/m9rKcd5hZ4CLyBg9GLb6/f4BQzTPTBeAUv1QEMfIKhHGToAcT3E8AT8rLc3NACVemNDIoBivaWBAAIIIIAAAgjwAQi/C2UAhL8HVAyW9UlvYrHBvj71v9A8A5U+C3A+4QE3aWUROvgRwE4AAAAASUVORK5CYII=';

/** A 30 × 45 baseline JPEG (a red disc), made with cjpeg. */
export const JPEG_LOGO =
  'data:image/jpeg;base64,/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAA0JCgsKCA0LCgsODg0PEyAVExISEyccHhcgLikxMC4pLSwzOko+MzZGNywtQFdBRkxOUlNSMj5aYVpQYEpRUk//2wBDAQ4ODhMREyYVFSZPNS01T09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT0//wAARCAAtAB4DASIAAhEBAxEB/8QAHwAAAQUBAQEBAQEAAAAAAAAAAAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQIDAAQRBRIhMUEGE1FhByJxFDKBkaEII0KxwRVS0fAkM2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKTlJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi4+Tl5ufo6erx8vP09fb3+Pn6/8QAHwEAAwEBAQEBAQEBAQAAAAAAAAECAwQFBgcICQoL/8QAtREAAgECBAQDBAcFBAQAAQJ3AAECAxEEBSExBhJBUQdhcRMiMoEIFEKRobHBCSMzUvAVYnLRChYkNOEl8RcYGRomJygpKjU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVmZ2hpanN0dXZ3eHl6goOEhYaHiImKkpOUlZaXmJmaoqOkpaanqKmqsrO0tba3uLm6wsPExcbHyMnK0tPU1dbX2Nna4uPk5ebn6Onq8vP09fb3+Pn6/9oADAMBAAIRAxEAPwD0aiisC+8XaVZ3BhDSXGACXgCsv0zkZ/CqclHcqnSnUdoK5v0Vi6Z4n03UpzCjPDJxtE2F35OMDk5PTitqhNPYU6cqbtJWMrxPcTWvh+7mt5DHIAoDL1GWAOPwJry2vW9VsV1PTZrN3KCUD5gM4III/UV5ZfWNzp9wbe8hMUgAODg5B7gjg1zYhO6Z6+VyjyOPW5CjtG6vGxV1IKspwQfUV63pkrz6XaTStukkgR2OMZJUE15jpOlXOrXQht0OxSPMk4xGpOM8kZ78dTivU7WBbW1ht4ySkSKilupAGOaeHT1ZGaSi+WPUlooorpPICiiigD//2Q==';

const UPDATED = '2026-01-15T10:00:00.000Z';

/** A document's fields without the envelope (id, revision, stamp) each write path adds its own way. */
export type Fields<T> = Omit<T, 'id' | 'rev' | 'updated_at'>;

/** The numbering formats of a company that keeps the suggested ones. */
export const NUMEROTATION: Entreprise['numerotation'] = { devis: 'DE-{YYYY}-{00000}', facture: 'FA-{YYYY}-{00000}', avoir: 'AV-{YYYY}-{00000}' };

/**
 * A company with the fields it must have and no others, under the normal VAT regime (an older
 * schema version stores it as it is). Its SIREN is unique on a server: a test writing several
 * companies gives each its own.
 */
export function entrepriseFields(overrides: Partial<Fields<Entreprise>> = {}): Fields<Entreprise> {
  return {
    raison_sociale: 'Transports Nord',
    adresse: { ligne1: '1 rue du Port', code_postal: '59000', ville: 'Lille' },
    siren: '552100554',
    regime_tva: 'normale',
    conditions_paiement: { jours: 30, fin_de_mois: false },
    taux_penalites_bp: 1215,
    numerotation: NUMEROTATION,
    groupes: [],
    is_active: true,
    ...overrides,
  };
}

/** A business customer of `entrepriseId`, with the electronic address a validation needs (BR-FR-12). */
export function contactFields(entrepriseId: string, overrides: Partial<Fields<Contact>> = {}): Fields<Contact> {
  return {
    entreprise_id: entrepriseId,
    type_contact: 'societe',
    nom: 'Client Martin',
    email: 'compta@client-martin.example',
    adresse_facturation: { ligne1: '2 rue du Quai', code_postal: '69001', ville: 'Lyon' },
    groupe_ids: [],
    is_active: true,
    ...overrides,
  };
}

export const ENTREPRISE: Entreprise = {
  id: '0b7f3c2e-5a41-4d8e-9c11-2f6a8b9d0e01',
  rev: 1,
  updated_at: UPDATED,
  raison_sociale: 'Transports Léon & Fils',
  nom_commercial: 'Relais Express',
  forme_juridique: 'SAS',
  capital_social: 5_000_000,
  adresse: { ligne1: '12 rue de la République', ligne2: 'Bâtiment C', code_postal: '69002', ville: 'Lyon' },
  siren: '123456789',
  siret: '12345678900012',
  rcs_ville: 'Lyon',
  tva_intracom: 'FR40123456789',
  iban: 'FR7630006000011234567890189',
  bic: 'AGRIFRPP882',
  email: 'facturation@leon-transports.fr',
  telephone: '04 72 00 00 00',
  regime_tva: 'normale',
  conditions_paiement: { jours: 30, fin_de_mois: false },
  taux_penalites_bp: 1215,
  numerotation: { devis: 'DE-{YYYY}-{00000}', facture: 'FA-{YYYY}-{00000}', avoir: 'AV-{YYYY}-{00000}' },
  mentions: 'Membre d’une association agréée, le règlement par chèque est accepté. Garantie légale de conformité : voir nos conditions générales de vente.',
  logo: PNG_LOGO,
  groupes: [],
  is_active: true,
};

export const SOCIETE: Contact = {
  id: '6c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e01',
  rev: 1,
  updated_at: UPDATED,
  entreprise_id: ENTREPRISE.id,
  type_contact: 'societe',
  nom: 'Boulangerie Française SARL',
  code: 'CL-042',
  siren: '987654321',
  tva_intracom: 'FR12987654321',
  adresse_facturation: { ligne1: '3 place du Marché', code_postal: '38000', ville: 'Grenoble' },
  groupe_ids: [],
  is_active: true,
};

export const PARTICULIER: Contact = {
  id: '6c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e02',
  rev: 1,
  updated_at: UPDATED,
  entreprise_id: ENTREPRISE.id,
  type_contact: 'particulier',
  nom: 'Dupré',
  prenom: 'Françoise',
  adresse_facturation: { ligne1: '8 chemin des Écoliers', code_postal: '74000', ville: 'Annecy' },
  groupe_ids: [],
  is_active: true,
};

let lineCounter = 0;

/** A line with a fresh id. */
export function ligne(designation: string, quantite: number, prixCents: number, tauxBp: number, extra: Partial<FactureLigne> = {}): FactureLigne {
  lineCounter += 1;
  const suffix = String(lineCounter).padStart(12, '0');
  return { id: `5e6f7a8b-9c0d-4e1f-8a2b-${suffix}`, designation, quantite, prix_unitaire_ht: prixCents, taux_tva_bp: tauxBp, unite: 'u', ...extra };
}

/** A validated invoice to the business customer; fields overridable. */
export function facture(overrides: Partial<Facture> = {}): Facture {
  return {
    id: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
    rev: 2,
    updated_at: UPDATED,
    entreprise_id: ENTREPRISE.id,
    contact_id: SOCIETE.id,
    type_facture: 'facture',
    statut: 'validee',
    numero: 'FA-2026-00012',
    date_facture: '2026-01-15',
    date_echeance: '2026-02-14',
    date_prestation: '2026-01-10',
    conditions_paiement: { jours: 30, fin_de_mois: false },
    lignes: [],
    regime_tva: 'normale',
    validee_le: UPDATED,
    ...overrides,
  };
}

/** A sent quote to the business customer; fields overridable. */
export function devis(overrides: Partial<Devis> = {}): Devis {
  return {
    id: 'd1e2f3a4-b5c6-4d7e-8f90-a1b2c3d4e5f6',
    rev: 1,
    updated_at: UPDATED,
    entreprise_id: ENTREPRISE.id,
    contact_id: SOCIETE.id,
    numero: 'DE-2026-00007',
    statut: 'envoye',
    date_devis: '2026-03-01',
    date_validite: '2026-03-31',
    objet: 'Livraisons hebdomadaires — printemps 2026',
    lignes: [],
    regime_tva: 'normale',
    ...overrides,
  };
}

/** A realistic invoice of `count` lines at 20 % and 5,5 %, some discounted. */
export function realisticLines(count: number): FactureLigne[] {
  return Array.from({ length: count }, (_, index) =>
    ligne(
      `Transport Lyon → Grenoble, tournée n° ${index + 1}${index % 3 === 0 ? ' — frigorifique, hayon élévateur' : ''}`,
      index % 4 === 0 ? 2.5 : index + 1,
      12_345 + index * 1_111,
      index % 5 === 0 ? 550 : 2000,
      index % 3 === 0 ? { remise_bp: 1000, unite: 'palette' } : { unite: 'h' },
    ),
  );
}
