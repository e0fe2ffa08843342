import { checkNumberingFormats, defaultFecAccountNumbers, formatDocumentNumber, type NumberingIssue, type NumberingKind } from '@relais/domain';
import { entrepriseSchema, newId, type ComptesEntreprise, type Contact, type Entreprise, type Groupe, type natureOperationValues } from '@relais/schema';
import { refineWithRules } from '../../sst/collection-rules';
import { defineDocumentForm, flagField, optionalTextField, textField, type FieldCodec, type FormValues } from '../../ui/document-form';
import { optionalText } from '../../ui/form-helpers';
import {
  adresseField,
  conditionsField,
  identifierField,
  mentionsField,
  optionalEurosField,
  optionalFlagField,
  percentField,
  requiredIdentifierField,
} from './codecs';

/** The late-payment penalty rate a new company starts with: 12,15 % (1 215 bp), see the form's hint. */
export const defaultPenaltyBp = 1215;

/** The numbering formats a new company starts with. */
export const defaultNumbering: Entreprise['numerotation'] = {
  devis: 'DE-{YYYY}-{00000}',
  facture: 'FA-{YYYY}-{00000}',
  avoir: 'AV-{YYYY}-{00000}',
};

/** The largest logo accepted, as a file (400 Ko); its data URL is a third bigger. */
export const maxLogoBytes = 400 * 1024;

export type LogoProblem = 'type' | 'size';

/** Why a chosen logo file is refused, if it is: PNG or JPEG only, 400 Ko at most. */
export function logoProblem(file: { type: string; size: number }): LogoProblem | undefined {
  if (file.type !== 'image/png' && file.type !== 'image/jpeg') {
    return 'type';
  }
  return file.size > maxLogoBytes ? 'size' : undefined;
}

/** Whether a data URL is one the schema keeps (PNG or JPEG, base64). */
export function isLogoDataUrl(value: string): boolean {
  return /^data:image\/(png|jpeg);base64,[A-Za-z0-9+/]+={0,2}$/.test(value);
}

export interface NumberingPreview {
  /** The first number of the series on `date`, when the format is valid. */
  example: string | undefined;
  issues: NumberingIssue[];
}

/**
 * The live preview of the three numbering formats: each one's first number on `date`, or what is
 * wrong with it, alone or beside the others (two kinds whose formats can give the same number).
 */
export function numberingPreviews(formats: Entreprise['numerotation'], date: string): Record<NumberingKind, NumberingPreview> {
  const issues = checkNumberingFormats(formats);
  const preview = (kind: NumberingKind): NumberingPreview => ({
    example: issues[kind].length === 0 ? formatDocumentNumber(formats[kind], 1, date) : undefined,
    issues: issues[kind],
  });
  return { devis: preview('devis'), facture: preview('facture'), avoir: preview('avoir') };
}

/** A customer group as its inputs hold it. */
export interface GroupeRow {
  id: string;
  nom: string;
  description: string;
}

export function newGroupeRow(): GroupeRow {
  return { id: newId(), nom: '', description: '' };
}

const groupesField: FieldCodec<GroupeRow[], Groupe[]> = {
  empty: () => [],
  toInput: (groupes) => groupes.map((groupe) => ({ id: groupe.id, nom: groupe.nom, description: groupe.description ?? '' })),
  fromInput: (rows) =>
    rows.map((row) => {
      const description = optionalText(row.description.trim());
      return description === undefined ? { id: row.id, nom: row.nom.trim() } : { id: row.id, nom: row.nom.trim(), description };
    }),
};

const numerotationField: FieldCodec<Entreprise['numerotation'], Entreprise['numerotation']> = {
  empty: () => ({ ...defaultNumbering }),
  toInput: (value) => ({ ...value }),
  fromInput: (input) => ({ devis: input.devis.trim(), facture: input.facture.trim(), avoir: input.avoir.trim() }),
};

/** The VAT rates offered an account of their own in the form (basis points): the French rates. */
export const comptesRates = [2000, 1000, 550, 210, 0] as const;

/** An account per VAT rate as the inputs hold it. */
export interface CompteParTauxRow {
  taux_tva_bp: number;
  compte: string;
}

/** The company's FEC accounts as the inputs hold them: empty means the PCG's default (shown as placeholder). */
export interface ComptesInput {
  clients: string;
  banque: string;
  acomptes: string;
  ventes: CompteParTauxRow[];
  tva: CompteParTauxRow[];
}

/** The French rates, plus any other rate the company already gave an account. */
function rateRows(stored: ComptesEntreprise['ventes'], rates: readonly number[]): CompteParTauxRow[] {
  const extra = (stored ?? []).map((entry) => entry.taux_tva_bp).filter((rate) => !rates.includes(rate));
  return [...rates, ...extra].map((taux_tva_bp) => ({ taux_tva_bp, compte: stored?.find((entry) => entry.taux_tva_bp === taux_tva_bp)?.compte ?? '' }));
}

function accountOf(value: string): string | undefined {
  const compte = value.trim().toUpperCase();
  return compte === '' ? undefined : compte;
}

function rateAccounts(rows: readonly CompteParTauxRow[]): ComptesEntreprise['ventes'] {
  const set = rows.flatMap((row) => {
    const compte = accountOf(row.compte);
    return compte === undefined ? [] : [{ taux_tva_bp: row.taux_tva_bp, compte }];
  });
  return set.length === 0 ? undefined : set;
}

const comptesField: FieldCodec<ComptesInput, ComptesEntreprise | undefined> = {
  empty: () => ({ clients: '', banque: '', acomptes: '', ventes: rateRows(undefined, comptesRates), tva: rateRows(undefined, comptesRates.filter((rate) => rate > 0)) }),
  toInput: (comptes) => ({
    clients: comptes?.clients ?? '',
    banque: comptes?.banque ?? '',
    acomptes: comptes?.acomptes ?? '',
    ventes: rateRows(comptes?.ventes, comptesRates),
    tva: rateRows(comptes?.tva, comptesRates.filter((rate) => rate > 0)),
  }),
  fromInput: (input) => {
    const comptes: ComptesEntreprise = {
      clients: accountOf(input.clients),
      banque: accountOf(input.banque),
      acomptes: accountOf(input.acomptes),
      ventes: rateAccounts(input.ventes),
      tva: rateAccounts(input.tva),
    };
    const set = Object.fromEntries(Object.entries(comptes).filter(([, value]) => value !== undefined)) as ComptesEntreprise;
    return Object.keys(set).length === 0 ? undefined : set;
  },
};

/** The PCG's account a field falls back to, shown as its placeholder. */
export const comptesDefaults = defaultFecAccountNumbers;

/** The contacts (by display name) still in a group: a group they use cannot be removed (the server refuses it). */
export function contactsInGroupe(groupeId: string, contacts: readonly Pick<Contact, 'nom' | 'prenom' | 'groupe_ids'>[]): string[] {
  return contacts
    .filter((contact) => contact.groupe_ids.includes(groupeId))
    .map((contact) => (contact.prenom ? `${contact.prenom} ${contact.nom}` : contact.nom))
    .sort((a, b) => a.localeCompare(b, 'fr'));
}

const fields = {
  raison_sociale: textField(),
  nom_commercial: optionalTextField(),
  forme_juridique: optionalTextField(),
  capital_social: optionalEurosField(),
  adresse: adresseField,
  siren: requiredIdentifierField(),
  siret: identifierField(),
  rcs_ville: optionalTextField(),
  tva_intracom: identifierField(),
  iban: identifierField(),
  bic: identifierField(),
  email: optionalTextField(),
  telephone: optionalTextField(),
  site_web: optionalTextField(),
  regime_tva: textField<Entreprise['regime_tva']>('normale'),
  conditions_paiement: conditionsField(30),
  taux_penalites_bp: percentField('12,15'),
  numerotation: numerotationField,
  mentions: optionalTextField(),
  logo: optionalTextField(),
  groupes: groupesField,
  comptes: comptesField,
  is_active: flagField(true),
  // E-invoicing reform: empty nature means services, empty notes the legal defaults.
  nature_operation: optionalTextField<(typeof natureOperationValues)[number]>(),
  tva_sur_debits: optionalFlagField,
  mentions_facturation: mentionsField,
};

/**
 * An issuing company: identity, VAT regime, default payment terms (30 days), penalty rate in %
 * (basis points stored), numbering formats, footer, logo and its customer groups.
 */
export const entrepriseForm = defineDocumentForm({
  schema: entrepriseSchema,
  fields,
  refine: (data, errors) => {
    refineWithRules('entreprises')(data, errors);
    if (data.groupes.some((groupe) => groupe.nom === '')) {
      errors['groupes'] ??= { key: 'validation.required' };
    }
  },
});

export type EntrepriseFormValues = FormValues<typeof fields>;
