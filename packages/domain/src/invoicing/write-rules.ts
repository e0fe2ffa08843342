import type { Contact, Devis, Entreprise, Facture, Reglement } from '@relais/schema';
import { sameValue } from '@relais/sync-protocol';
import { contactGroupIssues, type ContactGroupIssue } from './contacts';
import { displayNumber } from './convert';
import { exemptOperationIssue } from './exempt-operations';
import { buyerElectronicAddress, exemptLinesWithoutReason } from './exemptions';
import { canReachDevis, type DevisStatut } from './life-cycle';
import { eurosText } from './money';
import { checkFactureValidation } from './rules';
import { documentTotals } from './totals';

/**
 * The invoicing write rules, pure: the PWA runs them on its own store before it writes (offline
 * too), the server on what it stored, inside the write transaction (its guard only loads the facts
 * and applies the verdict). A broken rule is a code and its params; `invoicingRuleMessage` writes it
 * in French for the server's answer, the PWA's error catalogue in the user's language.
 */
export type InvoicingRule =
  | { code: 'FACTURE_VALIDEE_IMMUABLE'; params: { numero: string; type_facture: Facture['type_facture']; change: 'modifier' | 'brouillon' } }
  | { code: 'FACTURE_NEGATIVE'; params: { type_facture: Facture['type_facture']; total: string } }
  | { code: 'ENTREPRISE_INCONNUE'; params: Record<string, never> }
  | { code: 'CONTACT_INCONNU'; params: Record<string, never> }
  | { code: 'CONTACT_AUTRE_ENTREPRISE'; params: { entreprise: string } }
  | { code: 'CONTACT_SANS_ADRESSE_ELECTRONIQUE'; params: { contact: string } }
  | { code: 'LIGNE_EXONEREE_SANS_MOTIF'; params: { ligne: string } }
  | { code: 'EXPORT_SANS_TVA_ENTREPRISE'; params: { ligne: string; entreprise: string } }
  | { code: 'LIVRAISON_UE_SANS_TVA_ENTREPRISE'; params: { ligne: string; entreprise: string } }
  | { code: 'LIVRAISON_UE_SANS_TVA_CLIENT'; params: { ligne: string; contact: string } }
  | { code: 'LIVRAISON_UE_SANS_DATE'; params: { ligne: string } }
  | { code: 'LIVRAISON_UE_HORS_UE'; params: { ligne: string; pays: string } }
  | { code: 'AVOIR_FACTURE_ORIGINE_INVALIDE'; params: { numero: string; raison: 'non_validee' | 'autre_partie' } }
  | { code: 'AVOIR_DEPASSE_FACTURE'; params: { numero: string; credite: string; facture: string } }
  | { code: 'DEVIS_FACTURE'; params: { numero: string; facture: string } }
  | { code: 'DEVIS_STATUT_INVALIDE'; params: { numero: string; de: DevisStatut; vers: DevisStatut } }
  | { code: 'DEVIS_FIGE'; params: { numero: string; statut: DevisStatut; raison: 'contenu' | 'entreprise' } }
  | { code: 'GROUPE_UTILISE'; params: { groupe: string; contact: string } }
  | { code: ContactGroupIssue['code']; params: { groupe: string; entreprise: string } }
  | { code: 'REGLEMENT_FACTURE_NON_VALIDEE'; params: { raison: 'avoir' | 'non_validee' } };

export type InvoicingRuleCode = InvoicingRule['code'];

/**
 * What a write becomes: accepted (`validation`: the server numbers it now), refused (nothing
 * written), or — for a validation asked offline that cannot be made — `deferred`: the document is
 * kept as the draft it was, with the writer's edits, and the reason is told.
 */
export type InvoicingVerdict =
  | { ok: true; validation?: boolean }
  | (InvoicingRule & { ok: false; deferred?: boolean });

const accepted: InvoicingVerdict = { ok: true };

function refused(rule: InvoicingRule): InvoicingVerdict {
  return { ok: false, ...rule };
}

function deferred(rule: InvoicingRule): InvoicingVerdict {
  return { ok: false, deferred: true, ...rule };
}

/** A document as stored, with its deletion mark (a tombstone for a deletion). */
export type Stored<T> = T & { _deleted?: boolean };

/** Fields that change on every edit and say nothing of the document. */
const bookkeeping = ['rev', 'updated_at', '_deleted', '_meta', '_attachments', '_rev'];

/** The fields whose value differs between two states, except `ignored` ones. */
export function changedFields(before: object, after: object, ignored: readonly string[] = []): string[] {
  const a = before as Record<string, unknown>;
  const b = after as Record<string, unknown>;
  const skip = new Set([...bookkeeping, ...ignored]);
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((field) => !skip.has(field) && !sameValue(a[field], b[field]));
}

function live<T>(doc: Stored<T> | undefined): Stored<T> | undefined {
  return doc && !doc._deleted ? doc : undefined;
}

/** Whether writing `after` over `before` asks the server to validate (and number) the document. */
export function isFactureValidation(before: Stored<Facture> | undefined, after: Stored<Facture>): boolean {
  return live(before)?.statut !== 'validee' && !after._deleted && after.statut === 'validee';
}

/** What validating an invoice needs to know beyond the document (loaded only for a validation). */
export interface FactureValidationFacts {
  /** The issuing company, unless unknown or deleted. */
  entreprise: Pick<Entreprise, 'raison_sociale' | 'tva_intracom'> | undefined;
  /** The customer, unless unknown or deleted. */
  contact:
    | Pick<Contact, 'entreprise_id' | 'type_contact' | 'nom' | 'prenom' | 'siren' | 'email' | 'tva_intracom' | 'adresse_facturation' | 'adresse_livraison'>
    | undefined;
  /** For a credit note: the invoice it cancels, unless unknown or deleted. */
  origine?: Facture | undefined;
  /** For a credit note: the other validated credit notes of that invoice. */
  autresAvoirs?: readonly Facture[];
}

export interface FactureWriteFacts {
  /** A server writer (mail helper, import, demo): it may append sendings to a validated document. */
  serverWrite: boolean;
  validation?: FactureValidationFacts;
}

function totalTtc(doc: Pick<Facture, 'lignes' | 'regime_tva'>): number {
  return documentTotals(doc.lignes, doc.regime_tva).total_ttc;
}

/** A validated invoice, deposit invoice or credit note is immutable; the server only appends sendings. */
function judgeValidated(before: Stored<Facture>, after: Stored<Facture>, serverWrite: boolean): InvoicingVerdict {
  const params = { numero: displayNumber(before), type_facture: before.type_facture };
  if (!after._deleted && after.statut !== 'validee') {
    return refused({ code: 'FACTURE_VALIDEE_IMMUABLE', params: { ...params, change: 'brouillon' } });
  }
  const immutable = refused({ code: 'FACTURE_VALIDEE_IMMUABLE', params: { ...params, change: 'modifier' } });
  if (after._deleted || changedFields(before, after, serverWrite ? ['envois'] : []).length > 0) {
    return immutable;
  }
  // The server appends sendings; it never rewrites those already recorded.
  const previous = before.envois ?? [];
  return sameValue(previous, (after.envois ?? []).slice(0, previous.length)) ? accepted : immutable;
}

function judgeValidation(doc: Facture, facts: FactureValidationFacts | undefined): InvoicingVerdict {
  const [rule] = checkFactureValidation(doc);
  if (rule) {
    return deferred({ code: 'FACTURE_NEGATIVE', params: { type_facture: doc.type_facture, total: eurosText(totalTtc(doc)) } });
  }
  const [sansMotif] = exemptLinesWithoutReason(doc.regime_tva, doc.lignes);
  if (sansMotif) {
    return deferred({ code: 'LIGNE_EXONEREE_SANS_MOTIF', params: { ligne: sansMotif.designation } });
  }
  if (!facts?.entreprise) {
    return deferred({ code: 'ENTREPRISE_INCONNUE', params: {} });
  }
  if (!facts.contact) {
    return deferred({ code: 'CONTACT_INCONNU', params: {} });
  }
  if (facts.contact.entreprise_id !== doc.entreprise_id) {
    return deferred({ code: 'CONTACT_AUTRE_ENTREPRISE', params: { entreprise: facts.entreprise.raison_sociale } });
  }
  const { prenom, nom, type_contact } = facts.contact;
  const contact = type_contact === 'particulier' && prenom !== undefined ? `${prenom} ${nom}` : nom;
  // Its Factur-X would fail BR-FR-12: say what to fill in on the customer rather than issue it.
  if (buyerElectronicAddress(facts.contact) === undefined) {
    return deferred({ code: 'CONTACT_SANS_ADRESSE_ELECTRONIQUE', params: { contact } });
  }
  // Exports (G) and intra-community supplies (K) would fail their own rules (BR-G-*, BR-IC-*).
  const operation = exemptOperationIssue(doc, facts.entreprise, facts.contact);
  if (operation) {
    const { raison_sociale: entreprise } = facts.entreprise;
    switch (operation.code) {
      case 'EXPORT_SANS_TVA_ENTREPRISE':
      case 'LIVRAISON_UE_SANS_TVA_ENTREPRISE':
        return deferred({ code: operation.code, params: { ligne: operation.ligne, entreprise } });
      case 'LIVRAISON_UE_SANS_TVA_CLIENT':
        return deferred({ code: operation.code, params: { ligne: operation.ligne, contact } });
      case 'LIVRAISON_UE_SANS_DATE':
        return deferred({ code: operation.code, params: { ligne: operation.ligne } });
      case 'LIVRAISON_UE_HORS_UE':
        return deferred({ code: operation.code, params: { ligne: operation.ligne, pays: operation.pays } });
    }
  }
  if (doc.type_facture === 'avoir') {
    const origin = facts.origine;
    if (!origin || origin.statut !== 'validee' || origin.type_facture === 'avoir') {
      return deferred({ code: 'AVOIR_FACTURE_ORIGINE_INVALIDE', params: { numero: origin?.numero ?? '', raison: 'non_validee' } });
    }
    const numero = displayNumber(origin);
    if (origin.entreprise_id !== doc.entreprise_id || origin.contact_id !== doc.contact_id) {
      return deferred({ code: 'AVOIR_FACTURE_ORIGINE_INVALIDE', params: { numero, raison: 'autre_partie' } });
    }
    const invoiced = totalTtc(origin);
    const credited = [...(facts.autresAvoirs ?? []), doc].reduce((sum, avoir) => sum + Math.abs(totalTtc(avoir)), 0);
    if (credited > invoiced) {
      return deferred({ code: 'AVOIR_DEPASSE_FACTURE', params: { numero, credite: eurosText(credited), facture: eurosText(invoiced) } });
    }
  }
  return { ok: true, validation: true };
}

/**
 * Writing an invoice, deposit invoice or credit note: a draft is edited and deleted freely; a
 * validated one never changes again (no edit, no deletion, no return to draft; the server's own
 * writers may append sendings); validating checks the domain's validation rules, the company, the
 * customer and, for a credit note, the invoice it cancels and what was already credited.
 */
export function judgeFactureWrite(before: Stored<Facture> | undefined, after: Stored<Facture>, facts: FactureWriteFacts): InvoicingVerdict {
  const previous = live(before);
  if (previous?.statut === 'validee') {
    return judgeValidated(previous, after, facts.serverWrite);
  }
  return isFactureValidation(previous, after) ? judgeValidation(after, facts.validation) : accepted;
}

export interface DevisWriteFacts {
  /** The number of an invoice (or deposit invoice) made from this quote, if any. */
  factureNumero?: string | undefined;
}

/**
 * Writing a quote: its status follows its life cycle (through allowed steps, as an offline PC may
 * send only the last state); once sent, only its status and sendings change; a numbered quote stays
 * in its company's series; a quote an invoice cites is not deleted. The number is the server's.
 */
export function judgeDevisWrite(before: Stored<Devis> | undefined, after: Stored<Devis>, facts: DevisWriteFacts): InvoicingVerdict {
  const previous = live(before);
  const numero = displayNumber(previous ?? after);
  if (after._deleted) {
    return previous && facts.factureNumero !== undefined ? refused({ code: 'DEVIS_FACTURE', params: { numero, facture: facts.factureNumero } }) : accepted;
  }
  if (!previous) {
    return accepted;
  }
  if (previous.statut !== after.statut && !canReachDevis(previous.statut, after.statut)) {
    return refused({ code: 'DEVIS_STATUT_INVALIDE', params: { numero, de: previous.statut, vers: after.statut } });
  }
  if (previous.statut !== 'brouillon' && changedFields(previous, after, ['statut', 'envois', 'numero']).length > 0) {
    return refused({ code: 'DEVIS_FIGE', params: { numero, statut: previous.statut, raison: 'contenu' } });
  }
  if (previous.numero !== undefined && after.entreprise_id !== previous.entreprise_id) {
    return refused({ code: 'DEVIS_FIGE', params: { numero, statut: previous.statut, raison: 'entreprise' } });
  }
  return accepted;
}

/** The groups a company's write removes (a deleted company removes them all). */
export function removedGroupeIds(before: Stored<Entreprise> | undefined, after: Stored<Entreprise>): string[] {
  const previous = live(before);
  if (!previous) {
    return [];
  }
  const kept = new Set(after._deleted ? [] : after.groupes.map((groupe) => groupe.id));
  return previous.groupes.filter((groupe) => !kept.has(groupe.id)).map((groupe) => groupe.id);
}

export interface EntrepriseWriteFacts {
  /** A live contact still in each removed group (by group id), if any. */
  membres: ReadonlyMap<string, Pick<Contact, 'nom' | 'prenom'>>;
}

/** A company keeps the groups its live contacts use. */
export function judgeEntrepriseWrite(before: Stored<Entreprise> | undefined, after: Stored<Entreprise>, facts: EntrepriseWriteFacts): InvoicingVerdict {
  for (const groupeId of removedGroupeIds(before, after)) {
    const contact = facts.membres.get(groupeId);
    if (contact) {
      const groupe = before?.groupes.find((candidate) => candidate.id === groupeId)?.nom ?? groupeId;
      return refused({ code: 'GROUPE_UTILISE', params: { groupe, contact: contact.prenom ? `${contact.prenom} ${contact.nom}` : contact.nom } });
    }
  }
  return accepted;
}

export interface ReglementWriteFacts {
  /** The invoice paid, unless unknown or deleted. */
  facture: Pick<Facture, 'statut' | 'type_facture'> | undefined;
}

/** A payment is recorded on a validated invoice or deposit invoice, never on a credit note. */
export function judgeReglementWrite(after: Stored<Pick<Reglement, 'facture_id'>>, facts: ReglementWriteFacts): InvoicingVerdict {
  if (after._deleted) {
    return accepted;
  }
  const invoice = facts.facture;
  if (invoice?.type_facture === 'avoir') {
    return refused({ code: 'REGLEMENT_FACTURE_NON_VALIDEE', params: { raison: 'avoir' } });
  }
  return invoice?.statut === 'validee' ? accepted : refused({ code: 'REGLEMENT_FACTURE_NON_VALIDEE', params: { raison: 'non_validee' } });
}

/** A contact joins groups of its own company only (see `contactGroupIssues`). */
export function judgeContactWrite(
  after: Stored<Contact>,
  entreprises: readonly Pick<Entreprise, 'id' | 'raison_sociale' | 'groupes'>[],
): InvoicingVerdict {
  if (after._deleted) {
    return accepted;
  }
  const [issue] = contactGroupIssues(after, entreprises);
  if (!issue) {
    return accepted;
  }
  const owner = entreprises.find((entreprise) => entreprise.groupes.some((groupe) => groupe.id === issue.groupe_id));
  const groupe = owner?.groupes.find((candidate) => candidate.id === issue.groupe_id)?.nom ?? '';
  return refused({ code: issue.code, params: { groupe, entreprise: owner?.raison_sociale ?? '' } });
}
