import { canReachDevis, checkFactureValidation, contactGroupIssues, documentTotals, dueDate, eurosText, today } from '@relais/domain';
import type { CollectionName, Contact, Devis, Entreprise, Facture, Groupe, Reglement } from '@relais/schema';
import { sameValue } from '@relais/sync-protocol';
import type Database from 'better-sqlite3';
import { createRowMapper, type Doc, type StoredRow } from '../replication/documents';
import type { WriteGuard, WriteGuardInput, WriteGuardVerdict } from '../replication/guards';
import { createNumbering } from './numbering';

export interface InvoicingGuardOptions {
  /** The clock giving the day of validation (the date and number of an invoice); tests move it. */
  now?: () => Date;
}

type Stored<T> = T & { _deleted: boolean };

const accepted: WriteGuardVerdict = { ok: true };

function refuse(code: string, message: string): WriteGuardVerdict {
  return { ok: false, code, message };
}

/** A validation the server could not make: stored as the draft it was, with the reason. */
function deferred(code: string, message: string): WriteGuardVerdict {
  return {
    ok: true,
    set: { statut: 'brouillon', numero: undefined, date_facture: undefined, date_echeance: undefined, validee_le: undefined },
    notice: { code, message: `${message} ; le document reste en brouillon : validez-le à nouveau` },
  };
}

/** Fields that change on every edit and say nothing of the document. */
const bookkeeping = ['rev', 'updated_at'];

/** The fields whose value differs between two states, except `ignored` ones. */
function changedFields(before: Doc, after: Doc, ignored: readonly string[]): string[] {
  const skip = new Set([...bookkeeping, ...ignored]);
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (field) => !skip.has(field) && !sameValue(before[field], after[field]),
  );
}

/** "La facture FA-2026-00012", "L’avoir AV-2026-00003", "La facture d’acompte …". */
function factureLabel(facture: Pick<Facture, 'type_facture' | 'numero' | 'id'>): string {
  const numero = facture.numero ?? facture.id;
  switch (facture.type_facture) {
    case 'avoir':
      return `L’avoir ${numero}`;
    case 'acompte':
      return `La facture d’acompte ${numero}`;
    case 'facture':
      return `La facture ${numero}`;
  }
}

const devisStatutLabels: Record<Devis['statut'], string> = {
  brouillon: 'brouillon',
  envoye: 'envoyé',
  accepte: 'accepté',
  refuse: 'refusé',
  expire: 'expiré',
};

/**
 * The invoicing rules that need the database, run in the write transaction (see `WriteGuard`):
 *
 * - a validated invoice, deposit invoice or credit note is immutable: no edit, no deletion, no
 *   return to draft; the server's own writers (no permissions: the mail helper, with
 *   `source: 'server'`) may only append to its `envois`;
 * - validating (`statut: 'validee'` over a draft or nothing) checks the domain's validation rules
 *   (`checkFactureValidation`: no invoice below zero), the company, the customer and, for a credit
 *   note, the invoice it cancels and what was already credited, then gives the next number of the
 *   company's series, the invoice date (today in Europe/Paris), the due date and `validee_le`;
 *   numbers taken in the transaction have no gap and are never given twice in the company
 *   (`createNumbering`);
 * - a quote is numbered when the server first stores it; its status follows its life cycle; once
 *   sent, only its status and sendings change; a quote an invoice cites is not deleted;
 * - a contact joins groups of its own company only; a company keeps a group a live contact uses;
 * - a payment is for a validated invoice (not a credit note).
 *
 * It takes numbers: register it last, so no later guard refuses a document already numbered.
 */
export function invoicingGuard(sqlite: Database.Database, options: InvoicingGuardOptions = {}): WriteGuard {
  const numbering = createNumbering(sqlite);
  const factures = createRowMapper('factures');
  const selectEntreprise = sqlite.prepare<[string], { raison_sociale: string; numerotation: string }>(
    'SELECT raison_sociale, numerotation FROM "entreprises" WHERE id = ? AND "_deleted" = 0',
  );
  // Not `*`: a company's logo may weigh 400 Ko.
  const selectEntreprisesGroupes = sqlite.prepare<[], { id: string; raison_sociale: string; groupes: string }>(
    'SELECT id, raison_sociale, groupes FROM "entreprises" WHERE "_deleted" = 0',
  );
  const selectContact = sqlite.prepare<[string], { entreprise_id: string }>('SELECT entreprise_id FROM "contacts" WHERE id = ? AND "_deleted" = 0');
  const selectContactInGroupe = sqlite.prepare<[string], { nom: string; prenom: string | null }>(
    'SELECT c.nom, c.prenom FROM "contacts" c, json_each(c.groupe_ids) g WHERE c."_deleted" = 0 AND g.value = ? LIMIT 1',
  );
  const selectFacture = sqlite.prepare<[string], StoredRow>('SELECT * FROM "factures" WHERE id = ? AND "_deleted" = 0');
  const selectValidatedAvoirs = sqlite.prepare<[string, string], StoredRow>(
    `SELECT * FROM "factures" WHERE facture_origine_id = ? AND id <> ? AND type_facture = 'avoir' AND statut = 'validee' AND "_deleted" = 0`,
  );
  const selectFactureOfDevis = sqlite.prepare<[string], { id: string; numero: string | null }>(
    'SELECT id, numero FROM "factures" WHERE devis_id = ? AND "_deleted" = 0 LIMIT 1',
  );

  const day = (): string => today(options.now?.() ?? new Date());
  const facture = (row: StoredRow): Facture => factures.toDocument(row) as unknown as Facture;
  const entreprise = (id: string): { raison_sociale: string; numerotation: Entreprise['numerotation'] } | undefined => {
    const row = selectEntreprise.get(id);
    return row ? { raison_sociale: row.raison_sociale, numerotation: JSON.parse(row.numerotation) as Entreprise['numerotation'] } : undefined;
  };

  /** A validated document: nothing changes, but the sendings the server appends. */
  function guardValidated(before: Stored<Facture>, input: WriteGuardInput): WriteGuardVerdict {
    const after = input.incoming as Stored<Facture>;
    const label = factureLabel(before);
    const feminine = before.type_facture !== 'avoir';
    const validated = feminine ? 'validée' : 'validé';
    const remedy = before.type_facture === 'avoir' ? 'émettez une nouvelle facture' : 'émettez un avoir';
    const immutable = refuse(
      'FACTURE_VALIDEE_IMMUABLE',
      `${label} est ${validated} : ${feminine ? 'elle' : 'il'} ne peut plus être ${feminine ? 'modifiée ni supprimée' : 'modifié ni supprimé'} ; ${remedy}`,
    );
    if (after._deleted) {
      return immutable;
    }
    if (after.statut !== 'validee') {
      return refuse('FACTURE_VALIDEE_IMMUABLE', `${label} est ${validated} : ${feminine ? 'elle' : 'il'} ne peut pas redevenir un brouillon ; ${remedy}`);
    }
    const serverWrite = input.context.permissions === undefined;
    if (changedFields(input.existing as Doc, input.incoming, serverWrite ? ['envois'] : []).length > 0) {
      return immutable;
    }
    // The server appends sendings; it never rewrites those already recorded.
    const previous = before.envois ?? [];
    if (!sameValue(previous, (after.envois ?? []).slice(0, previous.length))) {
      return immutable;
    }
    return accepted;
  }

  /**
   * Validating a draft (or a document first seen validated): checks, then the definitive number. A
   * validation that cannot be made keeps the document as a draft, with the writer's edits, and says
   * why: it was asked offline, so refusing it would lose the draft written with it (a customer
   * created offline may even reach the server just after its invoice).
   */
  function validate(doc: Facture, at: string, serverWrite: boolean): WriteGuardVerdict {
    const [rule] = checkFactureValidation(doc);
    if (rule) {
      return deferred(rule.code, rule.message);
    }
    const issuer = entreprise(doc.entreprise_id);
    if (!issuer) {
      return deferred('ENTREPRISE_INCONNUE', 'L’entreprise émettrice est introuvable ou supprimée : la facture ne peut pas être validée');
    }
    const contact = selectContact.get(doc.contact_id);
    if (!contact) {
      return deferred('CONTACT_INCONNU', 'Le client de la facture est introuvable ou supprimé : elle ne peut pas être validée');
    }
    if (contact.entreprise_id !== doc.entreprise_id) {
      return deferred('CONTACT_AUTRE_ENTREPRISE', `Ce client n’est pas un client de ${issuer.raison_sociale} : la facture ne peut pas être validée`);
    }
    if (doc.type_facture === 'avoir') {
      const originRow = doc.facture_origine_id === undefined ? undefined : selectFacture.get(doc.facture_origine_id);
      const origin = originRow ? facture(originRow) : undefined;
      if (!origin || origin.statut !== 'validee' || origin.type_facture === 'avoir') {
        return deferred('AVOIR_FACTURE_ORIGINE_INVALIDE', 'Un avoir annule une facture (ou une facture d’acompte) validée : la facture citée ne l’est pas');
      }
      if (origin.entreprise_id !== doc.entreprise_id || origin.contact_id !== doc.contact_id) {
        return deferred(
          'AVOIR_FACTURE_ORIGINE_INVALIDE',
          `Un avoir reprend l’entreprise et le client de la facture qu’il annule (${origin.numero ?? origin.id})`,
        );
      }
      const invoiced = documentTotals(origin.lignes, origin.regime_tva).total_ttc;
      const credited =
        selectValidatedAvoirs
          .all(origin.id, doc.id)
          .map(facture)
          .reduce((sum, avoir) => sum + Math.abs(documentTotals(avoir.lignes, avoir.regime_tva).total_ttc), 0) +
        Math.abs(documentTotals(doc.lignes, doc.regime_tva).total_ttc);
      if (credited > invoiced) {
        return deferred(
          'AVOIR_DEPASSE_FACTURE',
          `Les avoirs de la facture ${origin.numero ?? origin.id} atteindraient ${eurosText(credited)} TTC, plus que la facture elle-même (${eurosText(invoiced)} TTC)`,
        );
      }
    }
    // Last: nothing may refuse the document once its number is taken.
    // The server's own writers (history import, demo) keep the date of issue they bring.
    const date = serverWrite && doc.date_facture !== undefined ? doc.date_facture : day();
    const series = doc.type_facture === 'avoir' ? 'avoir' : 'facture';
    const { numero } = numbering.next(doc.entreprise_id, series, issuer.numerotation[series], date, { id: doc.id, at });
    return {
      ok: true,
      set: { numero, date_facture: date, date_echeance: dueDate(date, doc.conditions_paiement), validee_le: at },
    };
  }

  function guardFacture(input: WriteGuardInput): WriteGuardVerdict {
    const before = input.existing && !input.existing._deleted ? (input.existing as unknown as Stored<Facture>) : undefined;
    if (before?.statut === 'validee') {
      return guardValidated(before, input);
    }
    const doc = input.incoming as unknown as Stored<Facture>;
    // A draft is edited and deleted freely.
    return !doc._deleted && doc.statut === 'validee' ? validate(doc, input.at, input.context.permissions === undefined) : accepted;
  }

  function guardDevis({ incoming, existing, at }: WriteGuardInput): WriteGuardVerdict {
    const before = existing && !existing._deleted ? (existing as unknown as Stored<Devis>) : undefined;
    const doc = incoming as unknown as Stored<Devis>;
    const label = `Le devis ${before?.numero ?? doc.numero ?? doc.id}`;
    if (doc._deleted) {
      const invoice = before ? selectFactureOfDevis.get(before.id) : undefined;
      return invoice
        ? refuse('DEVIS_FACTURE', `${label} est repris par la facture ${invoice.numero ?? invoice.id} : il ne peut pas être supprimé`)
        : accepted;
    }
    if (before) {
      if (before.statut !== doc.statut && !canReachDevis(before.statut, doc.statut)) {
        return refuse(
          'DEVIS_STATUT_INVALIDE',
          `${label} est ${devisStatutLabels[before.statut]} : il ne peut pas passer à « ${devisStatutLabels[doc.statut]} »`,
        );
      }
      // The number is the server's (set below); a sent quote keeps its content.
      if (before.statut !== 'brouillon' && changedFields(existing as Doc, incoming, ['statut', 'envois', 'numero']).length > 0) {
        return refuse('DEVIS_FIGE', `${label} est ${devisStatutLabels[before.statut]} : seul son statut change encore ; faites un nouveau devis`);
      }
      if (before.numero !== undefined) {
        if (doc.entreprise_id !== before.entreprise_id) {
          return refuse('DEVIS_FIGE', `${label} est numéroté dans la série de son entreprise : il n’en change pas`);
        }
        return doc.numero === before.numero ? accepted : { ok: true, set: { numero: before.numero } };
      }
    }
    const issuer = entreprise(doc.entreprise_id);
    if (!issuer) {
      // Created offline with its company, it may arrive first: numbered on its next write.
      return accepted;
    }
    const date = day();
    return { ok: true, set: { numero: numbering.next(doc.entreprise_id, 'devis', issuer.numerotation.devis, date, { id: doc.id, at }).numero } };
  }

  function guardContact({ incoming }: WriteGuardInput): WriteGuardVerdict {
    if (incoming._deleted) {
      return accepted;
    }
    const known = selectEntreprisesGroupes
      .all()
      .map((row) => ({ id: row.id, raison_sociale: row.raison_sociale, groupes: JSON.parse(row.groupes) as Groupe[] }));
    const [issue] = contactGroupIssues(incoming as unknown as Contact, known);
    return issue ? refuse(issue.code, issue.message) : accepted;
  }

  function guardEntreprise({ incoming, existing }: WriteGuardInput): WriteGuardVerdict {
    if (!existing || existing._deleted) {
      return accepted;
    }
    const kept = new Set(incoming._deleted ? [] : (incoming as unknown as Entreprise).groupes.map((groupe) => groupe.id));
    for (const groupe of (existing as unknown as Entreprise).groupes) {
      if (kept.has(groupe.id)) {
        continue;
      }
      const contact = selectContactInGroupe.get(groupe.id);
      if (contact) {
        const name = contact.prenom ? `${contact.prenom} ${contact.nom}` : contact.nom;
        return refuse('GROUPE_UTILISE', `Le groupe « ${groupe.nom} » compte encore le contact ${name} : retirez-en d’abord ses contacts`);
      }
    }
    return accepted;
  }

  function guardReglement({ incoming }: WriteGuardInput): WriteGuardVerdict {
    if (incoming._deleted) {
      return accepted;
    }
    const row = selectFacture.get((incoming as unknown as Reglement).facture_id);
    const invoice = row ? facture(row) : undefined;
    if (!invoice || invoice.statut !== 'validee' || invoice.type_facture === 'avoir') {
      return refuse(
        'REGLEMENT_FACTURE_NON_VALIDEE',
        invoice?.type_facture === 'avoir'
          ? 'Un règlement s’enregistre sur une facture, pas sur un avoir'
          : 'Un règlement s’enregistre sur une facture validée : celle-ci est introuvable ou encore en brouillon',
      );
    }
    return accepted;
  }

  const guards: Partial<Record<CollectionName, (input: WriteGuardInput) => WriteGuardVerdict>> = {
    factures: guardFacture,
    devis: guardDevis,
    contacts: guardContact,
    entreprises: guardEntreprise,
    reglements: guardReglement,
  };
  return (input) => guards[input.collection]?.(input) ?? accepted;
}
