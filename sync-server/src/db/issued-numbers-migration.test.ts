import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterEach, describe, expect, it } from 'vitest';
import type { Doc } from '../replication/documents';
import { migrationsFolder } from './client';
import { insertAsRelease, migrationsUpTo, removeMigrationCopies } from './migration-testing';

afterEach(removeMigrationCopies);

const entreprise = '00000000-0000-4000-8000-000000000001';
const autre = '00000000-0000-4000-8000-000000000002';


const ligne = { id: '00000000-0000-4000-9000-000000000001', designation: 'Transport', quantite: 1, prix_unitaire_ht: 1000, taux_tva_bp: 2000 };

function facture(id: string, fields: Record<string, unknown>): Doc {
  return {
    id,
    rev: 2,
    updated_at: '2026-11-01T08:00:00.000Z',
    entreprise_id: entreprise,
    contact_id: '00000000-0000-4000-8000-0000000000c1',
    type_facture: 'facture',
    statut: 'validee',
    conditions_paiement: { jours: 30, fin_de_mois: false },
    lignes: [ligne],
    regime_tva: 'normale',
    _deleted: false,
    ...fields,
  };
}

describe('migration 0005: the numbers already given', () => {
  it('records every number stored before it, invoices first, once each, under the unique index', () => {
    const sqlite = new Database(':memory:');
    const db = drizzle(sqlite);
    migrate(db, { migrationsFolder: migrationsUpTo('0004_invoicing') });

    const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
    insertAsRelease(sqlite, 'factures', facture(id(1), { numero: 'FA-2026-00001', validee_le: '2026-11-02T08:00:00.000Z' }), '2026-11-02T08:00:00.000Z');
    insertAsRelease(sqlite, 'factures', facture(id(2), { numero: 'AV-2026-00001', type_facture: 'avoir', validee_le: '2026-11-03T08:00:00.000Z' }), '2026-11-03T08:00:00.000Z');
    insertAsRelease(sqlite, 'factures', facture(id(3), { numero: 'FA-2026-00002', type_facture: 'acompte', validee_le: '2026-11-04T08:00:00.000Z' }), '2026-11-04T08:00:00.000Z');
    // The defect itself: a number given twice after a format change; the first validated keeps it in the table.
    insertAsRelease(sqlite, 'factures', facture(id(4), { numero: 'FA-2026-00001', validee_le: '2026-11-05T08:00:00.000Z' }), '2026-11-05T08:00:00.000Z');
    insertAsRelease(sqlite, 'factures', facture(id(5), { statut: 'brouillon' }), '2026-11-06T08:00:00.000Z');
    insertAsRelease(sqlite, 'factures', facture(id(6), { entreprise_id: autre, numero: 'FA-2026-00001', validee_le: '2026-11-06T08:00:00.000Z' }), '2026-11-06T08:00:00.000Z');
    insertAsRelease(
      sqlite,
      'devis',
      { id: id(7), rev: 1, updated_at: '2026-11-01T08:00:00.000Z', entreprise_id: entreprise, contact_id: id(99), numero: 'DE-2026-00001', statut: 'brouillon', date_devis: '2026-11-01', date_validite: '2026-12-01', lignes: [ligne], regime_tva: 'normale', _deleted: false },
      '2026-11-01T07:00:00.000Z',
    );

    migrate(db, { migrationsFolder: migrationsFolder() });
    expect(sqlite.prepare('SELECT entreprise_id, numero, document_type, document_id, issued_at FROM issued_numbers ORDER BY rowid').all()).toEqual([
      { entreprise_id: entreprise, numero: 'FA-2026-00001', document_type: 'facture', document_id: id(1), issued_at: '2026-11-02T08:00:00.000Z' },
      { entreprise_id: entreprise, numero: 'AV-2026-00001', document_type: 'avoir', document_id: id(2), issued_at: '2026-11-03T08:00:00.000Z' },
      { entreprise_id: entreprise, numero: 'FA-2026-00002', document_type: 'facture', document_id: id(3), issued_at: '2026-11-04T08:00:00.000Z' },
      { entreprise_id: autre, numero: 'FA-2026-00001', document_type: 'facture', document_id: id(6), issued_at: '2026-11-06T08:00:00.000Z' },
      { entreprise_id: entreprise, numero: 'DE-2026-00001', document_type: 'devis', document_id: id(7), issued_at: '2026-11-01T07:00:00.000Z' },
    ]);
    expect(() =>
      sqlite.prepare("INSERT INTO issued_numbers (entreprise_id, numero, document_type, document_id, issued_at) VALUES (?, 'FA-2026-00002', 'facture', 'x', 'now')").run(entreprise),
    ).toThrow(/UNIQUE/);
    sqlite.close();
  });
});
