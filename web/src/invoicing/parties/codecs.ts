import type { Adresse, ConditionsPaiement, MentionsFacturation } from '@relais/schema';
import type { FieldCodec } from '../../ui/document-form';
import { optionalText } from '../../ui/form-helpers';
import { eurosInput, parseEuros } from '../../ui/format';

/**
 * Codecs shared by the invoicing forms: identifiers typed with spaces, euros, percentages, addresses
 * and payment terms. Each keeps what the inputs hold apart from what is stored.
 */

/** `FR76 3000 6000 0112 3456 7890 189` → `FR7630006000011234567890189`: spaces dropped, upper case. */
export function normaliseIdentifier(input: string): string {
  return input.replace(/[\s\u00a0\u202f]/g, '').toUpperCase();
}

/** `812345674` → `812 345 674` (narrow no-break spaces), as a SIREN is read in France; anything else as stored. */
export function formatSiren(siren: string): string {
  return /^\d{9}$/.test(siren) ? siren.replace(/^(\d{3})(\d{3})(\d{3})$/, '$1\u202f$2\u202f$3') : siren;
}

/** An optional identifier (SIRET, TVA, IBAN, BIC…): spaces accepted when typed, stripped and upper-cased when stored. */
export function identifierField(): FieldCodec<string, string | undefined> {
  return { empty: () => '', toInput: (value) => value ?? '', fromInput: (input) => optionalText(normaliseIdentifier(input)) };
}

/** A required identifier (the company's SIREN). */
export function requiredIdentifierField(): FieldCodec<string, string> {
  return { empty: () => '', toInput: (value) => value, fromInput: normaliseIdentifier };
}

/** A required amount in euros, stored in cents (`NaN` when unreadable, so the schema reports it). */
export function eurosField(initial = ''): FieldCodec<string, number> {
  return { empty: () => initial, toInput: eurosInput, fromInput: (input) => parseEuros(input) ?? Number.NaN };
}

/** An optional amount in euros, stored in cents; emptying it clears the field. */
export function optionalEurosField(): FieldCodec<string, number | undefined> {
  return { empty: () => '', toInput: eurosInput, fromInput: parseEuros };
}

/** Basis points as a typed percentage: `1215` → `12,15`, `2000` → `20`. */
export function percentInput(bp: number | undefined): string {
  if (bp === undefined) {
    return '';
  }
  const whole = Math.floor(bp / 100);
  const rest = bp % 100;
  return rest === 0 ? String(whole) : `${whole},${String(rest).padStart(2, '0').replace(/0$/, '')}`;
}

/** A typed percentage as basis points, without a float: `12,15` → `1215`, `5.5` → `550`; empty → `undefined`, else `NaN`. */
export function parsePercent(input: string): number | undefined {
  const text = input.replace(/[\s\u00a0\u202f%]/g, '');
  if (text === '') {
    return undefined;
  }
  const match = /^(\d{1,3})(?:[.,](\d{1,2}))?$/.exec(text);
  if (!match) {
    return Number.NaN;
  }
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/** A required rate typed in % and stored in basis points. */
export function percentField(initial: string): FieldCodec<string, number> {
  return { empty: () => initial, toInput: (bp) => percentInput(bp), fromInput: (input) => parsePercent(input) ?? Number.NaN };
}

/** An address as its inputs hold it. */
export interface AdresseInput {
  ligne1: string;
  ligne2: string;
  code_postal: string;
  ville: string;
  pays: string;
}

export function emptyAdresse(): AdresseInput {
  return { ligne1: '', ligne2: '', code_postal: '', ville: '', pays: '' };
}

function adresseToInput(adresse: Adresse): AdresseInput {
  return {
    ligne1: adresse.ligne1,
    ligne2: adresse.ligne2 ?? '',
    code_postal: adresse.code_postal,
    ville: adresse.ville,
    pays: adresse.pays ?? '',
  };
}

function adresseFromInput(input: AdresseInput): Adresse {
  const adresse: Adresse = { ligne1: input.ligne1.trim(), code_postal: input.code_postal.trim(), ville: input.ville.trim() };
  const ligne2 = optionalText(input.ligne2.trim());
  const pays = optionalText(input.pays.trim());
  if (ligne2 !== undefined) {
    adresse.ligne2 = ligne2;
  }
  if (pays !== undefined) {
    adresse.pays = pays;
  }
  return adresse;
}

export const adresseField: FieldCodec<AdresseInput, Adresse> = {
  empty: emptyAdresse,
  toInput: adresseToInput,
  fromInput: adresseFromInput,
};

/** An optional address (a contact's delivery address): `enabled` says whether it is given. */
export interface OptionalAdresseInput extends AdresseInput {
  enabled: boolean;
}

export const optionalAdresseField: FieldCodec<OptionalAdresseInput, Adresse | undefined> = {
  empty: () => ({ ...emptyAdresse(), enabled: false }),
  toInput: (adresse) => (adresse ? { ...adresseToInput(adresse), enabled: true } : { ...emptyAdresse(), enabled: false }),
  fromInput: (input) => (input.enabled ? adresseFromInput(input) : undefined),
};

/** Payment terms as their inputs hold them; `enabled` is false when a contact uses its company's. */
export interface ConditionsInput {
  enabled: boolean;
  jours: string;
  fin_de_mois: boolean;
}

function joursFromInput(jours: string): number {
  return /^\s*\d+\s*$/.test(jours) ? Number(jours) : Number.NaN;
}

export function conditionsField(jours = 30): FieldCodec<ConditionsInput, ConditionsPaiement> {
  return {
    empty: () => ({ enabled: true, jours: String(jours), fin_de_mois: false }),
    toInput: (terms) => ({ enabled: true, jours: String(terms.jours), fin_de_mois: terms.fin_de_mois }),
    fromInput: (input) => ({ jours: joursFromInput(input.jours), fin_de_mois: input.fin_de_mois }),
  };
}

export const optionalConditionsField: FieldCodec<ConditionsInput, ConditionsPaiement | undefined> = {
  empty: () => ({ enabled: false, jours: '30', fin_de_mois: false }),
  toInput: (terms) => (terms ? { enabled: true, jours: String(terms.jours), fin_de_mois: terms.fin_de_mois } : { enabled: false, jours: '30', fin_de_mois: false }),
  fromInput: (input) => (input.enabled ? { jours: joursFromInput(input.jours), fin_de_mois: input.fin_de_mois } : undefined),
};

/** A flag stored only when true (`autoliquidation`): unticking it clears the field. */
export const optionalFlagField: FieldCodec<boolean, boolean | undefined> = {
  empty: () => false,
  toInput: (value) => value === true,
  fromInput: (input) => (input ? true : undefined),
};

/** The e-invoicing notes (PMT, PMD, AAB) as their inputs hold them; an empty one takes the default. */
export interface MentionsInput {
  recouvrement: string;
  penalites: string;
  escompte: string;
}

export function emptyMentions(): MentionsInput {
  return { recouvrement: '', penalites: '', escompte: '' };
}

export function mentionsToInput(mentions: MentionsFacturation | undefined): MentionsInput {
  return { recouvrement: mentions?.recouvrement ?? '', penalites: mentions?.penalites ?? '', escompte: mentions?.escompte ?? '' };
}

/** The notes given, none when all are empty (the defaults then apply). */
export function mentionsFromInput(input: MentionsInput): MentionsFacturation | undefined {
  const mentions: MentionsFacturation = {};
  for (const key of ['recouvrement', 'penalites', 'escompte'] as const) {
    const value = optionalText(input[key].trim());
    if (value !== undefined) {
      mentions[key] = value;
    }
  }
  return Object.keys(mentions).length === 0 ? undefined : mentions;
}

export const mentionsField: FieldCodec<MentionsInput, MentionsFacturation | undefined> = {
  empty: emptyMentions,
  toInput: mentionsToInput,
  fromInput: mentionsFromInput,
};
