import { frozenReformFields } from '@relais/domain';
import type { Entreprise, Facture } from '@relais/schema';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterEach, describe, expect, it } from 'vitest';
import { createRowMapper, type Doc } from '../replication/documents';
import { migrationsFolder } from './client';
import { insertAsRelease, migrationsUpTo, releasedAt, releasedFacture, removeMigrationCopies, testId } from './migration-testing';

afterEach(removeMigrationCopies);

const id = testId;
const at = releasedAt;
const facture = releasedFacture;

function entreprise(n: number, fields: Partial<Entreprise>): Doc {
  return {
    id: id(n),
    rev: 1,
    updated_at: at,
    raison_sociale: `Transports ${n}`,
    adresse: { ligne1: '1 rue du Port', code_postal: '69007', ville: 'Lyon' },
    siren: String(732829320 + n),
    regime_tva: 'normale',
    conditions_paiement: { jours: 30, fin_de_mois: false },
    taux_penalites_bp: 1_215,
    numerotation: { devis: 'DE-{YYYY}-{00000}', facture: 'FA-{YYYY}-{00000}', avoir: 'AV-{YYYY}-{00000}' },
    groupes: [],
    is_active: true,
    ...fields,
    _deleted: false,
  };
}


describe('migration 0015: nature of operations and notes frozen on the documents already validated', () => {
  it('gives each validated document what the domain freezes today (its own, else its company’s, else the defaults), with new sequence numbers; drafts keep following the company', () => {
    const sqlite = new Database(':memory:');
    migrate(drizzle(sqlite), { migrationsFolder: migrationsUpTo('0014_factures_tva_debits') });
    const companies = [
      entreprise(1, { nature_operation: 'biens', mentions_facturation: { penalites: 'Pénalités : trois fois le taux légal', escompte: 'Escompte de 1 % à 8 jours' } }),
      entreprise(2, { taux_penalites_bp: 1_250 }),
      entreprise(3, { taux_penalites_bp: 1_000, mentions_facturation: { recouvrement: 'Indemnité de 40 € (art. L441-10)' } }),
      entreprise(4, { taux_penalites_bp: 1_205 }),
    ];
    for (const company of companies) {
      insertAsRelease(sqlite, 'entreprises', company, at);
    }
    const documents = [
      facture(10, id(1), 'validee'),
      facture(11, id(2), 'validee', { nature_operation: 'mixte', mentions_facturation: { escompte: 'Escompte de 2 % à 10 jours' } }),
      facture(12, id(3), 'validee'),
      facture(13, id(4), 'validee'),
      facture(14, id(1), 'brouillon'),
      // Already complete: left as it is, with its sequence number.
      facture(15, id(2), 'validee', { nature_operation: 'services', mentions_facturation: { recouvrement: 'a', penalites: 'b', escompte: 'c' } }),
    ];
    const seqs = documents.map((doc) => insertAsRelease(sqlite, 'factures', doc, at));
    const last = Math.max(...seqs);
    sqlite.prepare('INSERT INTO sync_sequence (id, value) VALUES (1, ?)').run(last);

    migrate(drizzle(sqlite), { migrationsFolder: migrationsFolder() });

    const mapper = createRowMapper('factures');
    const rows = (sqlite.prepare('SELECT * FROM factures ORDER BY id').all() as Record<string, unknown>[]).map((row) => mapper.toDocument(row as never));
    const company = (doc: Doc) => companies.find((candidate) => candidate.id === doc['entreprise_id']) as unknown as Entreprise;
    for (const [index, doc] of documents.slice(0, 4).entries()) {
      const expected = frozenReformFields(company(doc), doc as unknown as Facture);
      expect(rows[index], String(doc['id'])).toMatchObject(expected);
      expect(sqlite.prepare('SELECT _seq FROM factures WHERE id = ?').get(doc['id'])).toEqual({ _seq: last + index + 1 });
    }
    expect(rows[0]).toMatchObject({ nature_operation: 'biens', mentions_facturation: { penalites: 'Pénalités : trois fois le taux légal', escompte: 'Escompte de 1 % à 8 jours' } });
    expect((rows[1]?.['mentions_facturation'] as { penalites: string }).penalites).toBe('Pénalités de retard : 12,5 % par an, exigibles dès le lendemain de l\'échéance');
    expect((rows[2]?.['mentions_facturation'] as { penalites: string }).penalites).toContain(': 10 % par an');
    expect((rows[3]?.['mentions_facturation'] as { penalites: string }).penalites).toContain(': 12,05 % par an');
    expect(rows[4]).not.toHaveProperty('mentions_facturation');
    expect(rows[4]).not.toHaveProperty('nature_operation');
    expect(sqlite.prepare('SELECT _seq FROM factures WHERE id IN (?, ?) ORDER BY id').all(id(14), id(15))).toEqual([{ _seq: seqs[4] }, { _seq: seqs[5] }]);
    expect(rows[5]).toMatchObject({ mentions_facturation: { recouvrement: 'a', penalites: 'b', escompte: 'c' } });
    expect(sqlite.prepare('SELECT value FROM sync_sequence WHERE id = 1').get()).toEqual({ value: last + 4 });
    sqlite.close();
  });
});
