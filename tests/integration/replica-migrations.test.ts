import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { entrepriseFields } from '@relais/documents/testing/fixtures';
import { createReplicaDatabase } from '@relais/replica';
import { collections, type CollectionName } from '@relais/schema';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { createRxDatabase, type RxJsonSchema } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { describe, expect, it } from 'vitest';

const snapshots = join(import.meta.dirname, '..', '..', 'packages', 'schema', 'snapshots');

/** A document of each migrated collection as its version 0 stored it. */
const writtenByVersion0: Partial<Record<CollectionName, Record<string, unknown>>> = {
  chauffeurs: {
    id: '0b7f3c2e-5a1d-4c8e-9f00-123456789abc',
    rev: 4,
    updated_at: '2026-11-20T08:00:00.000Z',
    code: 'JD01',
    nom: 'Dupont',
    prenom: 'Jean',
    permis: 'CE',
    adr: true,
    fimo: true,
    competences: ['hayon'],
    is_active: true,
  },
  voyages: {
    id: '1b7f3c2e-5a1d-4c8e-9f00-123456789abc',
    rev: 2,
    updated_at: '2026-11-20T08:00:00.000Z',
    code: 'LYO-PAR',
    nom: 'Lyon → Paris',
    jours_operation: ['lundi', 'jeudi'],
    is_active: true,
  },
  missions: {
    id: '2b7f3c2e-5a1d-4c8e-9f00-123456789abc',
    rev: 3,
    updated_at: '2026-11-20T08:00:00.000Z',
    date_mission: '2026-11-23',
    heure_debut: '05:30',
    type_mission: 'livraison',
    destination: 'Paris',
    statut: 'planifie',
    revenu: 45_000,
  },
  factures: {
    id: '3b7f3c2e-5a1d-4c8e-9f00-123456789abc',
    rev: 1,
    updated_at: '2026-11-20T08:00:00.000Z',
    entreprise_id: '4b7f3c2e-5a1d-4c8e-9f00-123456789abc',
    contact_id: '5b7f3c2e-5a1d-4c8e-9f00-123456789abc',
    type_facture: 'facture',
    statut: 'brouillon',
    conditions_paiement: { jours: 30, fin_de_mois: false },
    lignes: [
      {
        id: '6b7f3c2e-5a1d-4c8e-9f00-123456789abc',
        designation: 'Transport Lyon → Paris',
        quantite: 1,
        prix_unitaire_ht: 45_000,
        taux_tva_bp: 2_000,
      },
    ],
    regime_tva: 'normale',
  },
  entreprises: {
    id: '7b7f3c2e-5a1d-4c8e-9f00-123456789abc',
    rev: 1,
    updated_at: '2026-11-20T08:00:00.000Z',
    ...entrepriseFields(),
  },
};

function snapshot(name: string, version: number): RxJsonSchema<Record<string, unknown>> {
  return JSON.parse(readFileSync(join(snapshots, `${name}.v${version}.json`), 'utf8')) as RxJsonSchema<Record<string, unknown>>;
}

/**
 * A PC that used an earlier version keeps its documents in IndexedDB; opening the new version must
 * migrate them, not fail or lose them (RxDB migration strategies from `@relais/schema`).
 */
/** Stores `doc` as `version` of the collection did, then opens it with today's schemas. */
async function reopened(name: CollectionName, version: number, doc: Record<string, unknown>): Promise<unknown> {
  const dbName = `migration-${name}-v${version}-${Date.now()}`;
  const old = await createRxDatabase({
    name: dbName,
    storage: wrappedValidateAjvStorage({ storage: getRxStorageDexie({ indexedDB, IDBKeyRange }) }),
    multiInstance: false,
  });
  // A new database of that version: RxDB asks for its strategies, which it never runs here.
  const strategies = Object.fromEntries(Array.from({ length: version }, (_, index) => [index + 1, (stored: unknown) => stored]));
  await old.addCollections({ [name]: { schema: snapshot(name, version), migrationStrategies: strategies } });
  await old.collections[name]?.insert(doc);
  await old.close();

  const current = await createReplicaDatabase({ name: dbName, indexedDB, IDBKeyRange, devMode: true });
  try {
    return (await current[name].findOne(String(doc['id'])).exec())?.toJSON();
  } finally {
    await current.remove();
  }
}

/**
 * A PC that used an earlier version keeps its documents in IndexedDB; opening the new version must
 * migrate them, not fail or lose them (RxDB migration strategies from `@relais/schema`).
 */
describe('local data written by earlier schema versions', () => {
  for (const [name, doc] of Object.entries(writtenByVersion0) as [CollectionName, Record<string, unknown>][]) {
    it(`${name}: a version 0 document opens, migrated, in version ${collections[name].version}`, async () => {
      expect(await reopened(name, 0, doc)).toEqual(doc);
    });
  }

  it('factures: a version 2 document (reform fields, an exempt line) opens in version 3 as it was, VAT on debits left to the company', async () => {
    const facture = writtenByVersion0.factures ?? {};
    const doc = {
      ...facture,
      statut: 'validee',
      numero: 'FA-2026-00042',
      nature_operation: 'services',
      lignes: [{ id: '8b7f3c2e-5a1d-4c8e-9f00-123456789abc', designation: 'Transport Lyon → Genève', quantite: 1, prix_unitaire_ht: 150_000, taux_tva_bp: 0, exoneration: 'Exonération, art. 262 I du CGI' }],
    };
    const migrated = await reopened('factures', 2, doc);
    expect(migrated).toEqual(doc);
    expect(migrated).not.toHaveProperty('tva_sur_debits');
  });
});
