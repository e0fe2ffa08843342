import { NUMEROTATION, contactFields, entrepriseFields } from '@relais/documents/testing/fixtures';
import { permissionsOf } from '@relais/domain';
import type { CollectionName } from '@relais/schema';
import { expect } from 'vitest';
import type { Doc } from '../replication/documents';
import type { PushOutcome, WriteContext } from '../replication/store';
import { authTestApp } from './auth';

/**
 * The invoicing write path on an in-memory app: companies, customers, drafts, validations and
 * quotes pushed through the store (guards included) as a finance user, unless told otherwise.
 */

export const finance: WriteContext = { actor: 'COMPTA', source: 'replication', permissions: permissionsOf('finance') };
/** The server's own writer (the mail helper recording a sending). */
export const serverWriter: WriteContext = { actor: 'COMPTA', source: 'server' };

export const formats = NUMEROTATION;

let sirenCounter = 0;
let stampCounter = 0;

export function stamp(): string {
  stampCounter += 1;
  return new Date(Date.UTC(2026, 10, 27, 8, 0, 0, stampCounter)).toISOString();
}

export function ligne(quantite: number, prix_unitaire_ht: number): Record<string, unknown> {
  return { id: crypto.randomUUID(), designation: 'Transport Lyon → Paris', quantite, prix_unitaire_ht, taux_tva_bp: 2000 };
}

export function invoicingTestBed() {
  const relais = authTestApp();
  const { store } = relais;

  function push(collection: CollectionName, doc: Doc, assumed?: Doc, context: WriteContext = finance): Extract<PushOutcome, { ok: true }> {
    const outcome = store.push(collection, [{ newDocumentState: doc, ...(assumed ? { assumedMasterState: assumed } : {}) }], context);
    if (!outcome.ok) {
      throw new Error(`push refusé en bloc : ${JSON.stringify(outcome.issues)}`);
    }
    return outcome;
  }

  /** Creates a document and returns what the server stored. */
  function create(collection: CollectionName, fields: Record<string, unknown>, context: WriteContext = finance): Doc {
    const doc = { id: crypto.randomUUID(), rev: 1, updated_at: stamp(), ...fields, _deleted: false } as Doc;
    const outcome = push(collection, doc, undefined, context);
    expect(outcome.refused).toEqual([]);
    expect(outcome.written).toBe(1);
    return store.get(collection, String(doc['id']))!;
  }

  /** Pushes an edit of the stored document (a deletion with `_deleted: true`). */
  function edit(collection: CollectionName, id: string, patch: Record<string, unknown>, context: WriteContext = finance) {
    const current = store.get(collection, id)!;
    const next = { ...current, ...patch, rev: Number(current['rev']) + 1, updated_at: stamp() } as Doc;
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined) {
        delete next[key];
      }
    }
    const outcome = push(collection, next, current, context);
    return { outcome, before: current, after: store.get(collection, id)! };
  }

  function entreprise(fields: Record<string, unknown> = {}): Doc {
    sirenCounter += 1;
    return create('entreprises', { ...entrepriseFields({ siren: String(300_000_000 + sirenCounter) }), ...fields });
  }

  function contact(entrepriseId: string, fields: Record<string, unknown> = {}): Doc {
    return create('contacts', { ...contactFields(entrepriseId), ...fields });
  }

  function draft(entrepriseId: string, contactId: string, fields: Record<string, unknown> = {}): Doc {
    return create('factures', {
      entreprise_id: entrepriseId,
      contact_id: contactId,
      type_facture: 'facture',
      statut: 'brouillon',
      conditions_paiement: { jours: 30, fin_de_mois: false },
      lignes: [ligne(1, 10_000)],
      regime_tva: 'normale',
      ...fields,
    });
  }

  /** Validates a stored draft; returns the outcome and the stored document. */
  function validate(id: string, patch: Record<string, unknown> = {}) {
    return edit('factures', id, { statut: 'validee', ...patch });
  }

  function validated(entrepriseId: string, contactId: string, fields: Record<string, unknown> = {}): Doc {
    const doc = draft(entrepriseId, contactId, fields);
    const { outcome, after } = validate(String(doc['id']));
    expect(outcome.refused).toEqual([]);
    return after;
  }

  function devis(entrepriseId: string, contactId: string, fields: Record<string, unknown> = {}, context: WriteContext = finance) {
    const doc = { id: crypto.randomUUID(), rev: 1, updated_at: stamp(), entreprise_id: entrepriseId, contact_id: contactId, statut: 'brouillon', date_devis: '2026-11-27', date_validite: '2026-12-27', lignes: [ligne(2, 5000)], regime_tva: 'normale', ...fields, _deleted: false } as Doc;
    const outcome = push('devis', doc, undefined, context);
    return { outcome, doc, stored: store.get('devis', String(doc['id'])) };
  }

  const series = () =>
    relais.db.$client
      .prepare('SELECT entreprise_id, document_type, series_key, last_number FROM numbering_series ORDER BY document_type, series_key')
      .all();

  return { relais, store, push, create, edit, entreprise, contact, draft, validate, validated, devis, series };
}

export const id = (doc: Doc): string => String(doc['id']);

/** Why a validation was not made (the document stays a draft, unnumbered), if it was not. */
export function deferral(result: { outcome: Extract<PushOutcome, { ok: true }>; after: Doc }): { code: string; message: string } | undefined {
  const notice = result.outcome.adjusted[0]?.adjustment.notice;
  if (notice) {
    expect(result.after['statut']).toBe('brouillon');
    expect(result.after['numero']).toBeUndefined();
    expect(result.outcome.refused).toEqual([]);
  }
  return notice;
}
