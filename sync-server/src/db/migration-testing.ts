import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CollectionName, Facture } from '@relais/schema';
import type Database from 'better-sqlite3';
import { createRowMapper, type Doc } from '../replication/documents';
import { migrationsFolder } from './client';

/** Test helpers of the migration tests: a database as an older release left it. */

const folders: string[] = [];

/** Removes the copies `migrationsUpTo` made (call it after each test). */
export function removeMigrationCopies(): void {
  for (const folder of folders.splice(0)) {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** The committed migrations up to `tag` (included): the database as an older release left it. */
export function migrationsUpTo(tag: string): string {
  const folder = mkdtempSync(join(tmpdir(), 'relais-migrations-'));
  folders.push(folder);
  cpSync(migrationsFolder(), folder, { recursive: true });
  const journalPath = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
  const end = journal.entries.findIndex((entry) => entry.tag === tag);
  if (end < 0) {
    throw new Error(`migration inconnue : ${tag}`);
  }
  writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, end + 1) }));
  return folder;
}

let seq = 0;

/** Stores a document as the server of that release did (its row, its bookkeeping); returns its `_seq`. */
export function insertAsRelease(sqlite: Database.Database, collection: CollectionName, doc: Doc, at: string): number {
  seq += 1;
  // Only the fields the document has: today's row mapper also names columns later migrations added.
  const fields = Object.entries(createRowMapper(collection).toRow(doc)).filter(([, value]) => value !== null && value !== undefined);
  const row = { ...Object.fromEntries(fields), _seq: seq, _deleted: 0, _server_updated_at: at, _updated_by: 'COMPTA', _created_at: at, _created_by: 'COMPTA' };
  const columns = Object.keys(row);
  sqlite.prepare(`INSERT INTO "${collection}" (${columns.map((column) => `"${column}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`).run(...Object.values(row));
  return seq;
}

/** The n-th test id of the migration tests (a valid UUID). */
export const testId = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** When the older release wrote the test documents. */
export const releasedAt = '2026-11-02T08:00:00.000Z';

/** An invoice of company `entrepriseId` as an older release stored it: a draft, or validated with its number. */
export function releasedFacture(n: number, entrepriseId: string, statut: 'brouillon' | 'validee', fields: Partial<Facture> = {}): Doc {
  return {
    id: testId(n),
    rev: 2,
    updated_at: releasedAt,
    entreprise_id: entrepriseId,
    contact_id: testId(99),
    type_facture: 'facture',
    statut,
    ...(statut === 'validee' ? { numero: `FA-2026-${String(n).padStart(5, '0')}`, date_facture: '2026-11-02', validee_le: releasedAt } : {}),
    conditions_paiement: { jours: 30, fin_de_mois: false },
    lignes: [{ id: testId(200 + n), designation: 'Transport', quantite: 1, prix_unitaire_ht: 1000, taux_tva_bp: 2000 }],
    regime_tva: 'normale',
    ...fields,
    _deleted: false,
  };
}
