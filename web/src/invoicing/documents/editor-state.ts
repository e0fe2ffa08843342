import {
  checkDevis,
  checkFacture,
  checkFactureValidation,
  isFactureValidation,
  judgeFactureWrite,
  regimeFor,
  termsFor,
  type FactureValidationFacts,
  type InvoicingVerdict,
  type RuleIssue,
} from '@relais/domain';
import { devisSchema, factureSchema, type Contact, type Devis, type Entreprise, type Facture } from '@relais/schema';
import { emptyMentions, mentionsFromInput, mentionsToInput, optionalAdresseField, type MentionsInput, type OptionalAdresseInput } from '../parties/codecs';
import type { AppErrorCode } from '../../i18n/errors';
import { isValidDay } from '../../ui/format';
import { draftFromLigne, linesFromDrafts, type LineDraft, type LineProblem } from './lines';
import type { invoicingDocumentsMessages } from './messages';

/**
 * The quote and invoice editors' state as the inputs hold it, and the document it gives: the same
 * schema and rules (`checkDevis`, `checkFacture`) the server runs, so a save is refused here first.
 */

export type Regime = Devis['regime_tva'];

interface CommonDraft {
  entreprise_id: string;
  contact_id: string;
  objet: string;
  regime_tva: Regime;
  notes: string;
  lignes: LineDraft[];
}

export interface DevisDraft extends CommonDraft {
  date_devis: string;
  date_validite: string;
  conditions: string;
}

export interface FactureDraft extends CommonDraft {
  type_facture: Facture['type_facture'];
  date_prestation: string;
  /** Payment terms: days (text input) and end of month. */
  jours: string;
  fin_de_mois: boolean;
  motif: string;
  /** E-invoicing reform: empty takes the company's nature, unticked address the customer's, empty notes the company's. */
  nature_operation: '' | NonNullable<Facture['nature_operation']>;
  livraison: OptionalAdresseInput;
  mentions: MentionsInput;
}

/** The keys of the editors' messages under `invoicingDocuments.problems`. */
type ProblemKey = keyof (typeof invoicingDocumentsMessages)['fr']['problems'];

/** A message for the editor: an i18n key (with its params), at a field (`contact_id`, `lignes.2.prix`…). */
export interface Problem {
  field: string;
  key: `invoicingDocuments.problems.${ProblemKey}` | `errors.${AppErrorCode}`;
  params?: Record<string, string | number>;
}

type DocumentData<T> = Omit<T, 'id' | 'rev' | 'updated_at'>;

const placeholder = { id: '00000000-0000-4000-8000-000000000000', rev: 1, updated_at: '2000-01-01T00:00:00.000Z' } as const;

function optional(text: string): string | undefined {
  return text.trim() === '' ? undefined : text;
}

/** Drops the keys set to `undefined` (absent optional fields). */
function compact<T extends object>(data: T): T {
  return Object.fromEntries(Object.entries(data).filter(([, value]) => value !== undefined)) as T;
}

function lineProblems(problems: ReadonlyMap<number, Partial<Record<string, LineProblem>>>): Problem[] {
  return [...problems.entries()].flatMap(([index, fields]) =>
    Object.entries(fields).map(([field, problem]) => ({ field: `lignes.${index}.${field}`, key: `invoicingDocuments.problems.${problem ?? 'quantityInvalid'}` as const, params: { n: index + 1 } })),
  );
}

function ruleProblems(issues: readonly RuleIssue[]): Problem[] {
  return issues.map((issue) => ({ field: issue.field ?? 'document', key: `errors.${issue.code}` as const }));
}

interface SchemaLike {
  safeParse(data: unknown): { success: boolean; error?: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } };
}

/** Schema issues not already explained by a more precise message. */
function schemaProblems(schema: SchemaLike, candidate: object, known: readonly Problem[]): Problem[] {
  const result = schema.safeParse(candidate);
  if (result.success || !result.error) {
    return [];
  }
  const covered = new Set(known.map((problem) => problem.field.split('.')[0]));
  const problems: Problem[] = [];
  for (const issue of result.error.issues) {
    const field = issue.path.map(String).join('.');
    const top = String(issue.path[0] ?? 'document');
    if (covered.has(top)) {
      continue;
    }
    covered.add(top);
    problems.push({ field, key: 'invoicingDocuments.problems.invalidField', params: { field, message: issue.message } });
  }
  return problems;
}

function requiredProblems(draft: CommonDraft): Problem[] {
  const problems: Problem[] = [];
  if (draft.entreprise_id === '') {
    problems.push({ field: 'entreprise_id', key: 'invoicingDocuments.problems.entrepriseRequired' });
  }
  if (draft.contact_id === '') {
    problems.push({ field: 'contact_id', key: 'invoicingDocuments.problems.contactRequired' });
  }
  return problems;
}

export interface Built<T> {
  data: DocumentData<T>;
  problems: Problem[];
}

/** The quote of the editor's values, over `existing` (its number, status and sendings are kept). */
export function buildDevis(draft: DevisDraft, existing?: Devis): Built<Devis> {
  const { lignes, problems: linesIssues } = linesFromDrafts(draft.lignes);
  const problems = [...requiredProblems(draft), ...lineProblems(linesIssues)];
  if (!isValidDay(draft.date_devis)) {
    problems.push({ field: 'date_devis', key: 'invoicingDocuments.problems.dateRequired' });
  }
  if (!isValidDay(draft.date_validite)) {
    problems.push({ field: 'date_validite', key: 'invoicingDocuments.problems.dateRequired' });
  }
  if (draft.lignes.length === 0) {
    problems.push({ field: 'lignes', key: 'invoicingDocuments.problems.linesRequired' });
  }
  const data = compact<DocumentData<Devis>>({
    entreprise_id: draft.entreprise_id,
    contact_id: draft.contact_id,
    numero: existing?.numero,
    statut: existing?.statut ?? 'brouillon',
    date_devis: draft.date_devis,
    date_validite: draft.date_validite,
    objet: optional(draft.objet),
    lignes,
    regime_tva: draft.regime_tva,
    conditions: optional(draft.conditions),
    notes: optional(draft.notes),
    envois: existing?.envois,
  });
  const candidate = { ...placeholder, ...data };
  if (problems.length === 0) {
    problems.push(...ruleProblems(checkDevis(candidate)));
  }
  problems.push(...schemaProblems(devisSchema, candidate, problems));
  return { data, problems };
}

/**
 * The invoice (or credit note, deposit invoice) of the editor's values, over `existing`; with
 * `statut: 'validee'` it is checked as the server will check its validation (at least one line, a
 * total not below zero…).
 */
export function buildFacture(draft: FactureDraft, existing: Facture | undefined, statut: Facture['statut'] = 'brouillon'): Built<Facture> {
  const { lignes, problems: linesIssues } = linesFromDrafts(draft.lignes);
  const problems = [...requiredProblems(draft), ...lineProblems(linesIssues)];
  const jours = /^\d{1,3}$/.test(draft.jours.trim()) ? Number(draft.jours.trim()) : Number.NaN;
  if (Number.isNaN(jours) || jours > 120) {
    problems.push({ field: 'conditions_paiement.jours', key: 'invoicingDocuments.problems.termsInvalid' });
  }
  if (draft.date_prestation !== '' && !isValidDay(draft.date_prestation)) {
    problems.push({ field: 'date_prestation', key: 'invoicingDocuments.problems.dateRequired' });
  }
  if (draft.type_facture === 'avoir' && draft.motif.trim() === '') {
    problems.push({ field: 'motif', key: 'invoicingDocuments.problems.motifRequired' });
  }
  const data = compact<DocumentData<Facture>>({
    entreprise_id: draft.entreprise_id,
    contact_id: draft.contact_id,
    type_facture: draft.type_facture,
    statut,
    conditions_paiement: { jours: Number.isNaN(jours) ? 0 : jours, fin_de_mois: draft.fin_de_mois },
    date_prestation: optional(draft.date_prestation),
    devis_id: existing?.devis_id,
    facture_origine_id: existing?.facture_origine_id,
    motif: optional(draft.motif),
    objet: optional(draft.objet),
    lignes,
    regime_tva: draft.regime_tva,
    notes: optional(draft.notes),
    envois: existing?.envois,
    nature_operation: draft.nature_operation === '' ? undefined : draft.nature_operation,
    adresse_livraison: optionalAdresseField.fromInput(draft.livraison),
    mentions_facturation: mentionsFromInput(draft.mentions),
  });
  const candidate = { ...placeholder, ...data };
  if (problems.length === 0) {
    problems.push(...ruleProblems(checkFacture(candidate)));
  }
  if (problems.length === 0 && statut === 'validee') {
    problems.push(...ruleProblems(checkFactureValidation(candidate)));
  }
  problems.push(...schemaProblems(factureSchema, candidate, problems));
  return { data, problems };
}

/** The editor's values of an existing quote. */
export function devisDraftOf(devis: Devis): DevisDraft {
  return {
    entreprise_id: devis.entreprise_id,
    contact_id: devis.contact_id,
    date_devis: devis.date_devis,
    date_validite: devis.date_validite,
    objet: devis.objet ?? '',
    regime_tva: devis.regime_tva,
    conditions: devis.conditions ?? '',
    notes: devis.notes ?? '',
    lignes: devis.lignes.map(draftFromLigne),
  };
}

/** The editor's values of an existing invoice draft. */
export function factureDraftOf(facture: Facture): FactureDraft {
  return {
    entreprise_id: facture.entreprise_id,
    contact_id: facture.contact_id,
    type_facture: facture.type_facture,
    date_prestation: facture.date_prestation ?? '',
    objet: facture.objet ?? '',
    regime_tva: facture.regime_tva,
    jours: String(facture.conditions_paiement.jours),
    fin_de_mois: facture.conditions_paiement.fin_de_mois,
    motif: facture.motif ?? '',
    nature_operation: facture.nature_operation ?? '',
    livraison: optionalAdresseField.toInput(facture.adresse_livraison),
    mentions: mentionsToInput(facture.mentions_facturation),
    notes: facture.notes ?? '',
    lignes: facture.lignes.map(draftFromLigne),
  };
}

/** A new quote's values: the only (or first) company, today, valid 30 days. */
export function newDevisDraft(entreprise_id: string, today: string, validite: string): DevisDraft {
  return { entreprise_id, contact_id: '', date_devis: today, date_validite: validite, objet: '', regime_tva: 'normale', conditions: '', notes: '', lignes: [] };
}

/** A new invoice's values, for the only (or first) company. */
export function newFactureDraft(entreprise: Pick<Entreprise, 'id' | 'conditions_paiement' | 'regime_tva'> | undefined): FactureDraft {
  return {
    entreprise_id: entreprise?.id ?? '',
    contact_id: '',
    type_facture: 'facture',
    date_prestation: '',
    objet: '',
    regime_tva: entreprise?.regime_tva === 'franchise' ? 'franchise' : 'normale',
    jours: String(entreprise?.conditions_paiement.jours ?? 30),
    fin_de_mois: entreprise?.conditions_paiement.fin_de_mois ?? false,
    motif: '',
    nature_operation: '',
    livraison: optionalAdresseField.empty(),
    mentions: emptyMentions(),
    notes: '',
    lignes: [],
  };
}

/** Choosing a customer sets the regime (`regimeFor`) and, for an invoice, the payment terms (`termsFor`). */
export function withContact<D extends DevisDraft | FactureDraft>(draft: D, contact: Contact | undefined, entreprise: Entreprise | undefined): D {
  if (!contact || !entreprise) {
    return { ...draft, contact_id: contact?.id ?? '' };
  }
  const next = { ...draft, contact_id: contact.id, regime_tva: regimeFor(contact, entreprise) };
  if ('jours' in next) {
    const terms = termsFor(contact, entreprise);
    return { ...next, jours: String(terms.jours), fin_de_mois: terms.fin_de_mois };
  }
  return next;
}

/** A broken write rule of the domain as the editor shows it: the catalogue's message, with its params. */
export function verdictProblems(verdict: InvoicingVerdict, field = 'document'): Problem[] {
  return verdict.ok ? [] : [{ field, key: `errors.${verdict.code}`, params: verdict.params }];
}

/** What this PC knows of the invoicing documents, for the write rules it runs before writing. */
export interface LocalInvoicing {
  entreprises: readonly Pick<Entreprise, 'id' | 'raison_sociale' | 'tva_intracom'>[];
  contacts: readonly (Pick<Contact, 'id'> & NonNullable<FactureValidationFacts['contact']>)[];
  factures: readonly Facture[];
}

/**
 * The domain's write rule (`judgeFactureWrite`) run on this PC's store before it writes, offline
 * too: what the server would refuse, or keep as a draft, is said here first.
 */
export function factureWriteProblems(existing: Facture | undefined, data: DocumentData<Facture>, local: LocalInvoicing): Problem[] {
  const after: Facture = { ...placeholder, ...existing, ...data };
  const origine = after.facture_origine_id === undefined ? undefined : local.factures.find((candidate) => candidate.id === after.facture_origine_id);
  const validation = isFactureValidation(existing, after)
    ? {
        entreprise: local.entreprises.find((candidate) => candidate.id === after.entreprise_id),
        contact: local.contacts.find((candidate) => candidate.id === after.contact_id),
        origine,
        autresAvoirs: local.factures.filter(
          (candidate) =>
            candidate.type_facture === 'avoir' && candidate.statut === 'validee' && candidate.facture_origine_id === origine?.id && candidate.id !== after.id,
        ),
      }
    : undefined;
  return verdictProblems(judgeFactureWrite(existing, after, { serverWrite: false, ...(validation ? { validation } : {}) }));
}
