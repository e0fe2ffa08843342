import { entrepriseFields } from '@relais/documents/testing/fixtures';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterEach, describe, expect, it } from 'vitest';
import type { Doc } from '../replication/documents';
import { migrationsFolder } from './client';
import { insertAsRelease, migrationsUpTo, releasedAt, releasedFacture, removeMigrationCopies, testId } from './migration-testing';

afterEach(removeMigrationCopies);

const id = testId;
const at = releasedAt;
const facture = releasedFacture;

function entreprise(n: number, tvaSurDebits: boolean | undefined): Doc {
  return {
    id: id(n),
    rev: 1,
    updated_at: at,
    ...entrepriseFields({ raison_sociale: `Transports ${n}`, siren: String(732829320 + n) }),
    ...(tvaSurDebits === undefined ? {} : { tva_sur_debits: tvaSurDebits }),
    _deleted: false,
  };
}


describe('migration 0014: VAT on debits frozen on the documents already validated', () => {
  it('gives each validated document its company’s option of today, with new sequence numbers the PCs pull; drafts keep following the company', () => {
    const sqlite = new Database(':memory:');
    migrate(drizzle(sqlite), { migrationsFolder: migrationsUpTo('0013_entreprise_comptes') });
    const debits = id(1);
    const encaissements = id(2);
    const sansOption = id(3);
    insertAsRelease(sqlite, 'entreprises', entreprise(1, true), at);
    insertAsRelease(sqlite, 'entreprises', entreprise(2, false), at);
    insertAsRelease(sqlite, 'entreprises', entreprise(3, undefined), at);
    const seqs = [
      insertAsRelease(sqlite, 'factures', facture(10, debits, 'validee'), at),
      insertAsRelease(sqlite, 'factures', facture(11, encaissements, 'validee'), at),
      insertAsRelease(sqlite, 'factures', facture(12, sansOption, 'validee'), at),
      insertAsRelease(sqlite, 'factures', facture(13, debits, 'brouillon'), at),
    ];
    const last = Math.max(...seqs);
    sqlite.prepare('INSERT INTO sync_sequence (id, value) VALUES (1, ?)').run(last);

    // Up to 0014 only: later migrations (0015 freezes the notes) give these documents sequence numbers of their own.
    migrate(drizzle(sqlite), { migrationsFolder: migrationsUpTo('0014_factures_tva_debits') });

    const rows = sqlite.prepare('SELECT id, tva_sur_debits, _seq FROM factures ORDER BY id').all() as { id: string; tva_sur_debits: number | null; _seq: number }[];
    expect(rows).toEqual([
      { id: id(10), tva_sur_debits: 1, _seq: last + 1 },
      { id: id(11), tva_sur_debits: 0, _seq: last + 2 },
      { id: id(12), tva_sur_debits: 0, _seq: last + 3 },
      { id: id(13), tva_sur_debits: null, _seq: seqs[3] },
    ]);
    expect(sqlite.prepare('SELECT value FROM sync_sequence WHERE id = 1').get()).toEqual({ value: last + 3 });
    sqlite.close();
  });

  it('runs on an empty database', () => {
    const sqlite = new Database(':memory:');
    migrate(drizzle(sqlite), { migrationsFolder: migrationsFolder() });
    expect(sqlite.prepare('SELECT COUNT(*) AS n FROM factures').get()).toEqual({ n: 0 });
    sqlite.close();
  });
});
