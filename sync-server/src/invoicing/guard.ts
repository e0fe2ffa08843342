import {
  displayNumber,
  dueDate,
  frozenReformFields,
  invoicingRuleMessage,
  isFactureValidation,
  judgeContactWrite,
  judgeDevisWrite,
  judgeEntrepriseWrite,
  judgeFactureWrite,
  judgeReglementWrite,
  removedGroupeIds,
  today,
  type FactureValidationFacts,
  type InvoicingVerdict,
  type Stored,
} from '@relais/domain';
import type { CollectionName, Contact, Devis, Entreprise, Facture, Groupe, Reglement } from '@relais/schema';
import type Database from 'better-sqlite3';
import { createRowMapper, type StoredRow } from '../replication/documents';
import type { WriteGuard, WriteGuardInput, WriteGuardVerdict } from '../replication/guards';
import { createNumbering } from './numbering';

export interface InvoicingGuardOptions {
  /** The clock giving the day of validation (the date and number of an invoice); tests move it. */
  now?: () => Date;
}

const accepted: WriteGuardVerdict = { ok: true };

/**
 * The domain's verdict as the write path applies it: a refusal, or a validation that could not be
 * made, stored as the draft it was, with the reason (it was asked offline: refusing it would lose
 * the draft written with it; a customer created offline may even reach the server just after).
 */
function applied(verdict: InvoicingVerdict): WriteGuardVerdict {
  if (verdict.ok) {
    return accepted;
  }
  const message = invoicingRuleMessage(verdict);
  if (!verdict.deferred) {
    return { ok: false, code: verdict.code, message, params: verdict.params };
  }
  return {
    ok: true,
    set: { statut: 'brouillon', numero: undefined, date_facture: undefined, date_echeance: undefined, validee_le: undefined, tva_sur_debits: undefined },
    notice: { code: verdict.code, message: `${message} ; le document reste en brouillon : validez-le à nouveau`, params: verdict.params },
  };
}

/**
 * The invoicing rules, applied in the write transaction (see `WriteGuard`): the rules are the
 * domain's (`judgeFactureWrite`, `judgeDevisWrite`, `judgeContactWrite`, `judgeEntrepriseWrite`,
 * `judgeReglementWrite`, run by the PWA too); this guard loads the facts they need from the
 * database, applies their verdict, and gives the numbers: a validated invoice, deposit invoice or
 * credit note takes the next number of its company's series with the invoice date (today in
 * Europe/Paris), the due date and `validee_le`; a quote is numbered when first stored. Numbers
 * taken in the transaction have no gap and are never given twice in the company (`createNumbering`).
 *
 * It takes numbers: register it last, so no later guard refuses a document already numbered.
 */
export function invoicingGuard(sqlite: Database.Database, options: InvoicingGuardOptions = {}): WriteGuard {
  const numbering = createNumbering(sqlite);
  const factures = createRowMapper('factures');
  const entreprises = createRowMapper('entreprises');
  // Not `*`: a company's logo may weigh 400 Ko.
  const selectEntreprise = sqlite.prepare<[string], StoredRow>(
    'SELECT raison_sociale, numerotation, tva_sur_debits, tva_intracom, nature_operation, taux_penalites_bp, mentions_facturation FROM "entreprises" WHERE id = ? AND "_deleted" = 0',
  );
  // Not `*`: a company's logo may weigh 400 Ko.
  const selectEntreprisesGroupes = sqlite.prepare<[], { id: string; raison_sociale: string; groupes: string }>(
    'SELECT id, raison_sociale, groupes FROM "entreprises" WHERE "_deleted" = 0',
  );
  const contacts = createRowMapper('contacts');
  const selectContact = sqlite.prepare<[string], StoredRow>('SELECT * FROM "contacts" WHERE id = ? AND "_deleted" = 0');
  const selectContactInGroupe = sqlite.prepare<[string], { nom: string; prenom: string | null }>(
    'SELECT c.nom, c.prenom FROM "contacts" c, json_each(c.groupe_ids) g WHERE c."_deleted" = 0 AND g.value = ? LIMIT 1',
  );
  const selectFacture = sqlite.prepare<[string], StoredRow>('SELECT * FROM "factures" WHERE id = ? AND "_deleted" = 0');
  const selectValidatedAvoirs = sqlite.prepare<[string, string], StoredRow>(
    `SELECT * FROM "factures" WHERE facture_origine_id = ? AND id <> ? AND type_facture = 'avoir' AND statut = 'validee' AND "_deleted" = 0`,
  );
  const selectFactureOfDevis = sqlite.prepare<[string], { numero: string | null; date_facture: string | null; updated_at: string }>(
    'SELECT numero, date_facture, updated_at FROM "factures" WHERE devis_id = ? AND "_deleted" = 0 LIMIT 1',
  );

  const day = (): string => today(options.now?.() ?? new Date());
  const facture = (row: StoredRow): Facture => factures.toDocument(row) as unknown as Facture;
  type Issuer = Pick<Entreprise, 'raison_sociale' | 'numerotation' | 'tva_sur_debits' | 'tva_intracom' | 'nature_operation' | 'taux_penalites_bp' | 'mentions_facturation'>;
  const entreprise = (id: string): Issuer | undefined => {
    const row = selectEntreprise.get(id);
    return row ? (entreprises.toDocument(row) as unknown as Issuer) : undefined;
  };
  const contact = (id: string): Contact | undefined => {
    const row = selectContact.get(id);
    return row ? (contacts.toDocument(row) as unknown as Contact) : undefined;
  };

  function validationFacts(doc: Facture): FactureValidationFacts {
    const origineRow = doc.type_facture === 'avoir' && doc.facture_origine_id !== undefined ? selectFacture.get(doc.facture_origine_id) : undefined;
    const origine = origineRow ? facture(origineRow) : undefined;
    return {
      entreprise: entreprise(doc.entreprise_id),
      contact: contact(doc.contact_id),
      origine,
      autresAvoirs: origine ? selectValidatedAvoirs.all(origine.id, doc.id).map(facture) : [],
    };
  }

  /**
   * The domain's verdict; a validation then takes the definitive number, last: nothing may refuse
   * the document once its number is taken. The server's own writers (history import, demo) keep the
   * date of issue they bring.
   */
  function guardFacture({ incoming, existing, context, at }: WriteGuardInput): WriteGuardVerdict {
    const before = existing as unknown as Stored<Facture> | undefined;
    const doc = incoming as unknown as Stored<Facture>;
    const serverWrite = context.permissions === undefined;
    const verdict = judgeFactureWrite(before, doc, {
      serverWrite,
      ...(isFactureValidation(before, doc) ? { validation: validationFacts(doc) } : {}),
    });
    const issuer = verdict.ok && verdict.validation ? entreprise(doc.entreprise_id) : undefined;
    if (!issuer) {
      return applied(verdict);
    }
    const date = serverWrite && doc.date_facture !== undefined ? doc.date_facture : day();
    const series = doc.type_facture === 'avoir' ? 'avoir' : 'facture';
    const { numero } = numbering.next(doc.entreprise_id, series, issuer.numerotation[series], date, { id: doc.id, at });
    // The company's option as it is now, kept on the document: its later changes never reach it.
    const debits = serverWrite && doc.tva_sur_debits !== undefined ? doc.tva_sur_debits : issuer.tva_sur_debits === true;
    return {
      ok: true,
      set: {
        numero,
        date_facture: date,
        date_echeance: dueDate(date, doc.conditions_paiement),
        validee_le: at,
        tva_sur_debits: debits,
        // The nature and the notes, the document's own else the company's of today, kept likewise.
        ...frozenReformFields(issuer, doc),
      },
    };
  }

  /** The domain's verdict; a quote is numbered when the server first stores it, and keeps its number. */
  function guardDevis({ incoming, existing, at }: WriteGuardInput): WriteGuardVerdict {
    const before = existing && !existing._deleted ? (existing as unknown as Stored<Devis>) : undefined;
    const doc = incoming as unknown as Stored<Devis>;
    const invoice = doc._deleted && before ? selectFactureOfDevis.get(before.id) : undefined;
    const verdict = judgeDevisWrite(before, doc, { factureNumero: invoice ? displayNumber({ numero: invoice.numero ?? undefined, date_facture: invoice.date_facture ?? undefined, updated_at: invoice.updated_at }) : undefined });
    if (!verdict.ok || doc._deleted) {
      return applied(verdict);
    }
    if (before?.numero !== undefined) {
      return doc.numero === before.numero ? accepted : { ok: true, set: { numero: before.numero } };
    }
    const issuer = entreprise(doc.entreprise_id);
    if (!issuer) {
      // Created offline with its company, it may arrive first: numbered on its next write.
      return accepted;
    }
    return { ok: true, set: { numero: numbering.next(doc.entreprise_id, 'devis', issuer.numerotation.devis, day(), { id: doc.id, at }).numero } };
  }

  function guardContact({ incoming }: WriteGuardInput): WriteGuardVerdict {
    if (incoming._deleted) {
      return accepted;
    }
    const known = selectEntreprisesGroupes
      .all()
      .map((row) => ({ id: row.id, raison_sociale: row.raison_sociale, groupes: JSON.parse(row.groupes) as Groupe[] }));
    return applied(judgeContactWrite(incoming as unknown as Stored<Contact>, known));
  }

  function guardEntreprise({ incoming, existing }: WriteGuardInput): WriteGuardVerdict {
    const before = existing as unknown as Stored<Entreprise> | undefined;
    const after = incoming as unknown as Stored<Entreprise>;
    const membres = new Map<string, { nom: string; prenom?: string }>();
    for (const groupeId of removedGroupeIds(before, after)) {
      const contact = selectContactInGroupe.get(groupeId);
      if (contact) {
        membres.set(groupeId, { nom: contact.nom, ...(contact.prenom ? { prenom: contact.prenom } : {}) });
      }
    }
    return applied(judgeEntrepriseWrite(before, after, { membres }));
  }

  function guardReglement({ incoming }: WriteGuardInput): WriteGuardVerdict {
    const after = incoming as unknown as Stored<Reglement>;
    const row = after._deleted ? undefined : selectFacture.get(after.facture_id);
    return applied(judgeReglementWrite(after, { facture: row ? facture(row) : undefined }));
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
