import { z } from 'zod';
import { baseFields, centsField, dateField, idField, refField, requiredText, text, timestampField } from './fields';
import { defineCollection } from './define';

/**
 * Invoicing (issuing companies, customers, articles, quotes, invoices, credit notes, payments).
 * Money in integer cents, rates in basis points (20 % = 2 000), quantities with three decimals at
 * most. Read and written by the roles holding `view_invoicing` / `manage_invoicing` only.
 */

/** A rate in basis points, 0 to 100 %. */
export const basisPointsField = z.number().int().min(0).max(10_000);

/** An amount in cents that may be negative (a discount line, a deposit deducted, a credit note). */
export const signedCentsField = z.number().int().min(-10_000_000_000).max(10_000_000_000);

export const sirenField = z.string().length(9).regex(/^\d{9}$/, 'SIREN : 9 chiffres');
export const siretField = z.string().length(14).regex(/^\d{14}$/, 'SIRET : 14 chiffres');
/** Intra-community VAT number, without spaces (`FR40303265045`). */
export const tvaIntracomField = z.string().min(4).max(15).regex(/^[A-Z]{2}[0-9A-Z]{2,13}$/, 'numéro de TVA intracommunautaire invalide');
export const ibanField = z.string().min(15).max(34).regex(/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/, 'IBAN invalide (sans espaces)');
export const bicField = z.string().min(8).max(11).regex(/^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/, 'BIC invalide');

/**
 * A numbering format: text with `{YYYY}`, `{YY}`, `{MM}` and exactly one sequence `{0…0}`
 * (`FA-{YYYY}-{00000}` → `FA-2026-00042`). The same rule as `checkNumberingFormat` in the domain,
 * written as a pattern so the PWA's store checks it offline too.
 */
export const numberingFormatField = z
  .string()
  .min(3)
  .max(40)
  .regex(
    /^[^{}]*(\{(YYYY|YY|MM)\}[^{}]*)*\{0{1,12}\}[^{}]*(\{(YYYY|YY|MM)\}[^{}]*)*$/,
    'format de numérotation : une séquence {00000} et les jetons {YYYY}, {YY}, {MM}',
  );

/** A logo kept inside the company's document (works offline, goes into PDFs): PNG or JPEG, ≤ 400 Ko. */
export const logoField = z
  .string()
  .max(560_000)
  .regex(/^data:image\/(png|jpeg);base64,[A-Za-z0-9+/]+={0,2}$/, 'logo : image PNG ou JPEG en data URL base64');

export const adresseSchema = z.strictObject({
  ligne1: requiredText(200),
  ligne2: text(200).optional(),
  code_postal: requiredText(10),
  ville: requiredText(100),
  /** France when absent. */
  pays: text(60).optional(),
});

export type Adresse = z.infer<typeof adresseSchema>;

/** Payment terms: a number of days, optionally to the end of the month reached ("45 jours fin de mois"). */
export const conditionsPaiementSchema = z.strictObject({
  jours: z.number().int().min(0).max(120),
  fin_de_mois: z.boolean(),
});

export type ConditionsPaiement = z.infer<typeof conditionsPaiementSchema>;

/** A customer group of one issuing company (contacts of that company only may join it). */
export const groupeSchema = z.strictObject({
  id: idField,
  nom: requiredText(120),
  description: text(500).optional(),
});

export type Groupe = z.infer<typeof groupeSchema>;

export const regimeEntrepriseValues = ['normale', 'franchise'] as const;

// --- E-invoicing reform (Factur-X, BR-FR rules): fields shared by the company and its documents ---

/**
 * What a document sells, which gives its "cadre de facturation" (BT-23: B1 goods, S1 services,
 * M1 both; B4/S4/M4 for a final invoice after deposits). Services when absent.
 */
export const natureOperationValues = ['biens', 'services', 'mixte'] as const;

/**
 * The notes every invoice must carry (BR-FR-05), each once: `recouvrement` the fixed recovery fee
 * (PMT, 40 €), `penalites` the late-payment penalties (PMD), `escompte` the discount terms or their
 * absence (AAB). Set on the company, overridable per document; the domain's defaults when absent.
 */
export const mentionsFacturationSchema = z.strictObject({
  recouvrement: text(500).optional(),
  penalites: text(500).optional(),
  escompte: text(500).optional(),
});

export type MentionsFacturation = z.infer<typeof mentionsFacturationSchema>;

/** The company's reform fields, grouped so other additions to the company merge cleanly. */
const entrepriseReformeFields = {
  /** Default nature of the company's documents; services when absent. */
  nature_operation: z.enum(natureOperationValues).optional(),
  /** The company opted to pay VAT on debits (at invoicing) rather than on receipts, for services. */
  tva_sur_debits: z.boolean().optional(),
  mentions_facturation: mentionsFacturationSchema.optional(),
};

/**
 * The document's reform fields; on a draft, absent ones come from the company (and the customer).
 * At validation the server fills in the nature and the three notes (the company's as they are then,
 * else the legal defaults: `frozenReformFields`), so a validated document holds them all and the
 * company's later changes never reach it.
 */
const factureReformeFields = {
  /** The company's when absent (a draft, or a document validated before the freeze). */
  nature_operation: z.enum(natureOperationValues).optional(),
  /** Where the goods or services are delivered, when it differs from the billing address. */
  adresse_livraison: adresseSchema.optional(),
  /** Per-note overrides of the company's mentions on a draft; every note, frozen, once validated. */
  mentions_facturation: mentionsFacturationSchema.optional(),
  /**
   * The company's option for VAT on debits as it was when the document was validated: the server
   * sets it then, so changing the company later never changes an issued invoice (the company's
   * current option for a draft, or for a document validated before this field existed).
   */
  tva_sur_debits: z.boolean().optional(),
};

/**
 * An issuing company (a group may have several legal entities). Its customer groups live inside
 * it: they are edited with it, and the open-source RxDB opens at most 13 collections per page.
 */
/** A general ledger account number of the French chart of accounts (PCG): 411000, 706100, 4191… */
export const compteField = z.string().min(3).max(20).regex(/^\d{3}[0-9A-Z]*$/, 'numéro de compte : 3 chiffres au moins, puis chiffres ou majuscules');

/** The account of one VAT rate (sales 706…, VAT collected 44571…). */
export const compteParTauxSchema = z.strictObject({ taux_tva_bp: basisPointsField, compte: compteField });

/**
 * The company's accounts in its FEC, grouped: each absent one takes the PCG's default (customers
 * 411000, bank 512000, deposits received 419100, sales 706000, VAT collected 445710); sales and VAT
 * collected may have one account per VAT rate.
 */
export const comptesSchema = z.strictObject({
  clients: compteField.optional(),
  banque: compteField.optional(),
  acomptes: compteField.optional(),
  ventes: z.array(compteParTauxSchema).max(10).optional(),
  tva: z.array(compteParTauxSchema).max(10).optional(),
});

export type ComptesEntreprise = z.infer<typeof comptesSchema>;

export const entrepriseSchema = z.strictObject({
  ...baseFields,
  raison_sociale: requiredText(200),
  nom_commercial: text(200).optional(),
  /** SAS, SARL, EURL, SA, EI… */
  forme_juridique: text(60).optional(),
  capital_social: centsField.optional(),
  adresse: adresseSchema,
  siren: sirenField,
  siret: siretField.optional(),
  /** City of the trade register (RCS); absent for a craftsman registered elsewhere. */
  rcs_ville: text(100).optional(),
  tva_intracom: tvaIntracomField.optional(),
  iban: ibanField.optional(),
  bic: bicField.optional(),
  email: z.email().max(200).optional(),
  telephone: text(30).optional(),
  site_web: text(200).optional(),
  /** `franchise`: small business exempted of VAT ("TVA non applicable, art. 293 B du CGI"). */
  regime_tva: z.enum(regimeEntrepriseValues),
  conditions_paiement: conditionsPaiementSchema,
  /** Late-payment penalty rate, yearly, in basis points (e.g. 1 215 for 12,15 %). */
  taux_penalites_bp: basisPointsField,
  numerotation: z.strictObject({
    devis: numberingFormatField,
    facture: numberingFormatField,
    avoir: numberingFormatField,
  }),
  /** Free text printed at the foot of every document. */
  mentions: text(1000).optional(),
  logo: logoField.optional(),
  groupes: z.array(groupeSchema).max(200),
  /** The accounts of its FEC (`comptesSchema`); the PCG's defaults when absent. */
  comptes: comptesSchema.optional(),
  is_active: z.boolean(),
  ...entrepriseReformeFields,
});

export type Entreprise = z.infer<typeof entrepriseSchema>;

export const entreprises = defineCollection({
  name: 'entreprises',
  version: 1,
  schema: entrepriseSchema,
  // Version 1 only added optional fields: the e-invoicing reform's and the FEC's `comptes`.
  migrations: { 1: (doc) => doc },
  indexes: [['raison_sociale']],
  uniqueFields: ['siren'],
});

export const typeContactValues = ['societe', 'particulier'] as const;

/**
 * A customer of one issuing company: a company or a person. It may join several groups of that
 * same company only (`groupe_ids`, checked by `contactGroupIssues` on both sides).
 */
export const contactSchema = z.strictObject({
  ...baseFields,
  entreprise_id: refField,
  type_contact: z.enum(typeContactValues),
  /** Company name, or a person's last name. */
  nom: requiredText(200),
  prenom: text(100).optional(),
  code: text(30).optional(),
  siren: sirenField.optional(),
  siret: siretField.optional(),
  tva_intracom: tvaIntracomField.optional(),
  email: z.email().max(200).optional(),
  telephone: text(30).optional(),
  adresse_facturation: adresseSchema,
  adresse_livraison: adresseSchema.optional(),
  groupe_ids: z.array(refField).max(50),
  /** The customer's own terms; the company's when absent. */
  conditions_paiement: conditionsPaiementSchema.optional(),
  /** New documents for this customer are under reverse charge (the customer accounts for the VAT). */
  autoliquidation: z.boolean().optional(),
  is_active: z.boolean(),
  notes: text(2000).optional(),
});

export type Contact = z.infer<typeof contactSchema>;

export const contacts = defineCollection({
  name: 'contacts',
  version: 0,
  schema: contactSchema,
  indexes: [['entreprise_id'], ['nom']],
});

/** Something sold: a product or a service, with its price excl. VAT and its VAT rate. */
export const articleSchema = z.strictObject({
  ...baseFields,
  reference: requiredText(40),
  libelle: requiredText(200),
  description: text(2000).optional(),
  /** u, h, jour, kg, palette, forfait… */
  unite: requiredText(20),
  prix_unitaire_ht: centsField,
  taux_tva_bp: basisPointsField,
  is_active: z.boolean(),
});

export type Article = z.infer<typeof articleSchema>;

export const articles = defineCollection({
  name: 'articles',
  version: 0,
  schema: articleSchema,
  indexes: [['reference'], ['libelle']],
  uniqueFields: ['reference'],
});

/** One line of a quote or an invoice: an article or free text; its amount is computed, never stored. */
export const ligneSchema = z.strictObject({
  id: idField,
  article_id: refField.optional(),
  designation: requiredText(500),
  /** Three decimals at most; negative on a credit note. */
  quantite: z.number().min(-1_000_000).max(1_000_000),
  unite: text(20).optional(),
  prix_unitaire_ht: signedCentsField,
  remise_bp: basisPointsField.optional(),
  taux_tva_bp: basisPointsField,
  /** On a final invoice, the deposit invoice this (negative) line deducts. */
  acompte_facture_id: refField.optional(),
});

export type Ligne = z.infer<typeof ligneSchema>;

/** A line of an invoice: a quote's line, which may bill transport missions. */
export const factureLigneSchema = ligneSchema.extend({
  /**
   * The transport missions this line bills (one, or a voyage's missions grouped); the server marks
   * each with `facture_id` in the invoice's write transaction, so a mission is billed once only.
   */
  mission_ids: z.array(refField).min(1).max(500).optional(),
  /**
   * Why this 0 % line bears no VAT ("Exonération, art. 262 I du CGI"): an exempt line (category E
   * of the e-invoice); a 0 % line without it is zero-rated (Z).
   */
  exoneration: text(200).optional(),
  /** The VATEX code of that reason (BT-121), when the reason has one ("VATEX-EU-G"). */
  exoneration_code: z.string().max(30).regex(/^VATEX-[A-Z0-9-]+$/, 'code VATEX invalide').optional(),
});

export type FactureLigne = z.infer<typeof factureLigneSchema>;

/** How VAT applies to a document; see `documentTotals`. */
export const regimeTvaValues = ['normale', 'franchise', 'autoliquidation'] as const;

/** A sending by e-mail, recorded by the server on the document it sent. */
export const envoiSchema = z.strictObject({
  at: timestampField,
  destinataires: requiredText(1000),
  par: text(100).optional(),
});

export type Envoi = z.infer<typeof envoiSchema>;

export const devisStatutValues = ['brouillon', 'envoye', 'accepte', 'refuse', 'expire'] as const;

/**
 * A quote. Its number is given by the server when it first receives it (« Brouillon du … » locally until
 * then); it moves brouillon → envoyé → accepté | refusé | expiré (see the domain's life cycle).
 */
export const devisSchema = z.strictObject({
  ...baseFields,
  entreprise_id: refField,
  contact_id: refField,
  numero: text(40).optional(),
  statut: z.enum(devisStatutValues),
  date_devis: dateField,
  date_validite: dateField,
  objet: text(200).optional(),
  lignes: z.array(ligneSchema).max(1000),
  regime_tva: z.enum(regimeTvaValues),
  conditions: text(2000).optional(),
  notes: text(2000).optional(),
  envois: z.array(envoiSchema).max(100).optional(),
});

export type Devis = z.infer<typeof devisSchema>;

export const devis = defineCollection({
  name: 'devis',
  version: 0,
  schema: devisSchema,
  indexes: [['entreprise_id'], ['contact_id'], ['date_devis']],
  serverIndexes: [['entreprise_id', 'numero']],
});

export const typeFactureValues = ['facture', 'acompte', 'avoir'] as const;
export const factureStatutValues = ['brouillon', 'validee'] as const;

/**
 * An invoice, a deposit invoice (`acompte`) or a credit note (`avoir`, negative quantities, citing
 * the invoice it cancels). A draft is edited freely; pushing `statut: 'validee'` asks the server to
 * validate it: in the write transaction it gives the definitive `numero` (the company's gap-free
 * series), `date_facture`, `date_echeance` and `validee_le`. A validated document is never edited
 * nor deleted again: the server refuses such pushes.
 */
export const factureSchema = z.strictObject({
  ...baseFields,
  entreprise_id: refField,
  contact_id: refField,
  type_facture: z.enum(typeFactureValues),
  statut: z.enum(factureStatutValues),
  numero: text(40).optional(),
  date_facture: dateField.optional(),
  date_echeance: dateField.optional(),
  /** Date of the sale or service when it differs from the invoice's. */
  date_prestation: dateField.optional(),
  conditions_paiement: conditionsPaiementSchema,
  devis_id: refField.optional(),
  /** The invoice a credit note cancels (all or part of). */
  facture_origine_id: refField.optional(),
  motif: text(500).optional(),
  objet: text(200).optional(),
  lignes: z.array(factureLigneSchema).max(1000),
  regime_tva: z.enum(regimeTvaValues),
  notes: text(2000).optional(),
  validee_le: timestampField.optional(),
  envois: z.array(envoiSchema).max(100).optional(),
  ...factureReformeFields,
});

export type Facture = z.infer<typeof factureSchema>;

export const factures = defineCollection({
  name: 'factures',
  version: 3,
  schema: factureSchema,
  // Version 1 only added the lines' optional `mission_ids`, version 2 the optional reform fields
  // and the lines' optional `exoneration`, version 3 the optional `tva_sur_debits` frozen at
  // validation and the lines' optional `exoneration_code` (a document without them reads as before).
  migrations: { 1: (doc) => doc, 2: (doc) => doc, 3: (doc) => doc },
  indexes: [['entreprise_id'], ['contact_id']],
  serverIndexes: [['entreprise_id', 'numero'], ['devis_id'], ['facture_origine_id']],
});

export const modeReglementValues = ['virement', 'cheque', 'carte', 'especes', 'prelevement'] as const;

/** A payment received for a validated invoice; an invoice may have several. */
export const reglementSchema = z.strictObject({
  ...baseFields,
  facture_id: refField,
  date_reglement: dateField,
  montant: centsField.min(1),
  mode: z.enum(modeReglementValues),
  reference: text(100).optional(),
  notes: text(500).optional(),
});

export type Reglement = z.infer<typeof reglementSchema>;

export const reglements = defineCollection({
  name: 'reglements',
  version: 0,
  schema: reglementSchema,
  indexes: [['facture_id'], ['date_reglement']],
});
