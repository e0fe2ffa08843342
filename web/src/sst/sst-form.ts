import { newId, sstSchema, type uniteTarifValues, type SstContact, type SstTarif } from '@relais/schema';
import {
  defineDocumentForm,
  flagField,
  optionalTextField,
  textField,
  type FieldCodec,
  type FormValues,
} from '../ui/document-form';
import { optionalText } from '../ui/form-helpers';
import { eurosInput, parseEuros } from '../ui/format';
import { refineWithRules } from './collection-rules';

export type UniteTarif = (typeof uniteTarifValues)[number];

/** A contact row as its inputs hold it. */
export interface ContactRow {
  id: string;
  email: string;
  nom_contact: string;
  fonction: string;
  is_primary: boolean;
}

/** A tariff row as its inputs hold it: the price in euros, as typed. */
export interface TarifRow {
  id: string;
  destination: string;
  pays: string;
  prix: string;
  unite: UniteTarif;
  date_debut: string;
  date_fin: string;
}

export function newContactRow(primary: boolean): ContactRow {
  return { id: newId(), email: '', nom_contact: '', fonction: '', is_primary: primary };
}

export function newTarifRow(): TarifRow {
  return { id: newId(), destination: '', pays: '', prix: '', unite: 'voyage', date_debut: '', date_fin: '' };
}

/** Makes `id` the only primary contact. */
export function setPrimary(rows: readonly ContactRow[], id: string): ContactRow[] {
  return rows.map((row) => ({ ...row, is_primary: row.id === id }));
}

/** Removes a contact; when it was the primary one, the first remaining becomes primary. */
export function removeContact(rows: readonly ContactRow[], id: string): ContactRow[] {
  const rest = rows.filter((row) => row.id !== id);
  const first = rest[0];
  return first && !rest.some((row) => row.is_primary) ? setPrimary(rest, first.id) : rest;
}

function withOptional<T extends object>(base: T, extra: Record<string, string | undefined>): T {
  const result: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(extra)) {
    if (value !== undefined) {
      result[key] = value;
    }
  }
  return result as T;
}

const contactsField: FieldCodec<ContactRow[], SstContact[]> = {
  empty: () => [],
  toInput: (contacts) =>
    contacts.map((contact) => ({
      id: contact.id,
      email: contact.email,
      nom_contact: contact.nom_contact ?? '',
      fonction: contact.fonction ?? '',
      is_primary: contact.is_primary,
    })),
  fromInput: (rows) =>
    rows.map((row) =>
      withOptional(
        { id: row.id, email: row.email, is_primary: row.is_primary },
        { nom_contact: optionalText(row.nom_contact), fonction: optionalText(row.fonction) },
      ),
    ),
};

/** The tariffs: euros in the form, integer cents stored. */
const tarifsField: FieldCodec<TarifRow[], SstTarif[] | undefined> = {
  empty: () => [],
  toInput: (tarifs) =>
    (tarifs ?? []).map((tarif) => ({
      id: tarif.id,
      destination: tarif.destination,
      pays: tarif.pays ?? '',
      prix: eurosInput(tarif.prix),
      unite: tarif.unite,
      date_debut: tarif.date_debut ?? '',
      date_fin: tarif.date_fin ?? '',
    })),
  fromInput: (rows) =>
    rows.map((row) =>
      withOptional(
        { id: row.id, destination: row.destination, prix: parseEuros(row.prix) ?? Number.NaN, unite: row.unite },
        { pays: optionalText(row.pays), date_debut: optionalText(row.date_debut), date_fin: optionalText(row.date_fin) },
      ),
    ),
};

const baseFields = {
  code: textField(),
  nom: textField(),
  raison_sociale: optionalTextField(),
  telephone: optionalTextField(),
  email: optionalTextField(),
  adresse: optionalTextField(),
  is_active: flagField(true),
  commentaire: optionalTextField(),
  contacts: contactsField,
};

/** For a role without `view_finance`: the tariffs are not part of the form, so an edit never sends them. */
export const sstForm = defineDocumentForm({
  schema: sstSchema,
  fields: baseFields,
  refine: refineWithRules('sst'),
});

/** For `view_finance`: the tariffs too. */
export const sstFinanceForm = defineDocumentForm({
  schema: sstSchema,
  fields: { ...baseFields, tarifs: tarifsField },
  refine: refineWithRules('sst'),
});

export type SstFormValues = FormValues<typeof baseFields>;
export type SstFinanceFormValues = FormValues<typeof baseFields & { tarifs: typeof tarifsField }>;
