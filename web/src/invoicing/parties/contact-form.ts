import { contactGroupIssues, type ContactGroupIssue } from '@relais/domain';
import { contactSchema, type Contact, type Entreprise, type Groupe } from '@relais/schema';
import { refineWithRules } from '../../sst/collection-rules';
import { defineDocumentForm, flagField, optionalTextField, textField, type FieldCodec, type FormValues } from '../../ui/document-form';
import type { FieldErrors } from '../../ui/form-helpers';
import { adresseField, identifierField, optionalAdresseField, optionalConditionsField, optionalFlagField } from './codecs';

type GroupOwner = Pick<Entreprise, 'id' | 'raison_sociale' | 'groupes'>;

/** The groups a contact of `entrepriseId` may join: that company's own, and no other's. */
export function offeredGroupes(entrepriseId: string, entreprises: readonly GroupOwner[]): Groupe[] {
  return entreprises.find((entreprise) => entreprise.id === entrepriseId)?.groupes ?? [];
}

/** Ticks or unticks a group. */
export function toggleGroupe(groupeIds: readonly string[], groupeId: string): string[] {
  return groupeIds.includes(groupeId) ? groupeIds.filter((id) => id !== groupeId) : [...groupeIds, groupeId];
}

/** What breaks "a contact joins groups of its own company only" in the edited values, by group id. */
export function groupeIssues(entrepriseId: string, groupeIds: readonly string[], entreprises: readonly GroupOwner[]): ContactGroupIssue[] {
  return contactGroupIssues({ entreprise_id: entrepriseId, groupe_ids: [...groupeIds] }, entreprises);
}

/** The groups left once those of other companies (or unknown ones) are dropped. */
export function keepOwnGroupes(entrepriseId: string, groupeIds: readonly string[], entreprises: readonly GroupOwner[]): string[] {
  const own = new Set(offeredGroupes(entrepriseId, entreprises).map((groupe) => groupe.id));
  return [...new Set(groupeIds)].filter((id) => own.has(id));
}

const groupeIdsField: FieldCodec<string[], string[]> = {
  empty: () => [],
  toInput: (ids) => [...ids],
  fromInput: (ids) => [...ids],
};

const fields = {
  entreprise_id: textField(),
  type_contact: textField<Contact['type_contact']>('societe'),
  nom: textField(),
  prenom: optionalTextField(),
  code: optionalTextField(),
  siren: identifierField(),
  siret: identifierField(),
  tva_intracom: identifierField(),
  email: optionalTextField(),
  telephone: optionalTextField(),
  adresse_facturation: adresseField,
  adresse_livraison: optionalAdresseField,
  groupe_ids: groupeIdsField,
  conditions_paiement: optionalConditionsField,
  autoliquidation: optionalFlagField,
  is_active: flagField(true),
  notes: optionalTextField(),
};

export type ContactFormValues = FormValues<typeof fields>;

/**
 * The contact form, for the companies the store knows: the schema and `checkContact`, then the
 * group rule (`contactGroupIssues`), whose own French messages the group picker shows.
 */
export function contactForm(entreprises: readonly GroupOwner[]) {
  return defineDocumentForm({
    schema: contactSchema,
    fields,
    refine: (data, errors: FieldErrors) => {
      refineWithRules('contacts')(data, errors);
      if (groupeIssues(data.entreprise_id, data.groupe_ids, entreprises).length > 0) {
        errors['groupe_ids'] ??= { key: 'validation.invalid' };
      }
    },
  });
}

/** A contact's display name: "Prénom Nom" for a person, the company name otherwise. */
export function contactName(contact: Pick<Contact, 'nom' | 'prenom'>): string {
  return contact.prenom ? `${contact.prenom} ${contact.nom}` : contact.nom;
}

export type ActiveFilter = 'all' | 'active' | 'inactive';

export interface ContactFilters {
  search: string;
  entrepriseId: string;
  groupeId: string;
  type: '' | Contact['type_contact'];
  active: ActiveFilter;
}

export const noContactFilters: ContactFilters = { search: '', entrepriseId: '', groupeId: '', type: '', active: 'all' };

function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

/** The contacts matching the filters (empty ones match all), by name. */
export function filterContacts<C extends Contact>(contacts: readonly C[], filters: ContactFilters): C[] {
  const words = fold(filters.search).split(/\s+/).filter(Boolean);
  return contacts
    .filter((contact) => {
      if (filters.entrepriseId && contact.entreprise_id !== filters.entrepriseId) {
        return false;
      }
      if (filters.groupeId && !contact.groupe_ids.includes(filters.groupeId)) {
        return false;
      }
      if (filters.type && contact.type_contact !== filters.type) {
        return false;
      }
      if (filters.active !== 'all' && contact.is_active !== (filters.active === 'active')) {
        return false;
      }
      const haystack = fold([contact.nom, contact.prenom, contact.code, contact.email, contact.adresse_facturation.ville].filter(Boolean).join(' '));
      return words.every((word) => haystack.includes(word));
    })
    .sort((a, b) => contactName(a).localeCompare(contactName(b), 'fr'));
}
