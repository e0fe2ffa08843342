import { collections, type CollectionDocuments, type CollectionName } from '@relais/schema';
import {
  addRxPlugin,
  createRxDatabase,
  type RxCollection,
  type RxDatabase,
  type RxJsonSchema,
  type RxStorage,
} from 'rxdb';
import { RxDBLeaderElectionPlugin } from 'rxdb/plugins/leader-election';
import { RxDBLocalDocumentsPlugin } from 'rxdb/plugins/local-documents';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { Subject, type Observable } from 'rxjs';
import type { Adjustment, Refusal } from '@relais/sync-protocol';
import { createConflictHandler, type ConflictReport } from './conflicts';
import { wrappedValidateZodStorage } from './validation';

export type RelaisCollections = { [K in CollectionName]: RxCollection<CollectionDocuments[K]> };
export type RelaisDatabase = RxDatabase<RelaisCollections>;

export interface ReplicaOptions {
  /** IndexedDB database name; one per signed-in user later on. */
  name: string;
  /** IndexedDB implementation: the browser's by default, `fake-indexeddb` in Node tests. */
  indexedDB?: IDBFactory;
  IDBKeyRange?: typeof IDBKeyRange;
  /** Enables RxDB's dev-mode checks (tests and `vite dev`). */
  devMode?: boolean;
  /**
   * The collections to open; all by default. The open-source RxDB opens at most 13 collections per
   * JS realm: a page opens one replica, but tests running several clients in one process open only
   * what each one replicates. A collection not opened is absent from `db.collections`.
   */
  collections?: readonly CollectionName[];
}

const conflictSubjects = new WeakMap<object, Subject<ConflictReport>>();
const refusalBooks = new WeakMap<object, Map<string, Refusal>>();
const adjustmentBooks = new WeakMap<object, Map<string, Adjustment>>();

/**
 * Keeps the reasons the server gave for refusing pushed documents, until the conflict handler
 * reports them (the refused documents come back among the push's conflicts).
 */
export function noteRefusals(db: RelaisDatabase, collection: CollectionName, refusals: readonly Refusal[]): void {
  const book = refusalBooks.get(db);
  for (const refusal of refusals) {
    book?.set(`${collection}/${refusal.id}`, refusal);
  }
}

/**
 * Keeps the documents the server stored with fields of its own (a number, derived amounts, a
 * validation deferred) until the conflict handler takes their stored state as it is.
 */
export function noteAdjustments(db: RelaisDatabase, collection: CollectionName, adjusted: readonly Adjustment[]): void {
  const book = adjustmentBooks.get(db);
  for (const adjustment of adjusted) {
    book?.set(`${collection}/${adjustment.id}`, adjustment);
  }
}

/** Every conflict the database's replication resolved, as it happens. */
export function conflictsOf(db: RelaisDatabase): Observable<ConflictReport> {
  const subject = conflictSubjects.get(db);
  if (!subject) {
    throw new Error('conflictsOf: base non créée par createReplicaDatabase');
  }
  return subject.asObservable();
}

let pluginsAdded = false;
let devModeAdded = false;

async function addPlugins(devMode: boolean): Promise<void> {
  if (!pluginsAdded) {
    addRxPlugin(RxDBLocalDocumentsPlugin);
    // Several tabs share one replica; only the leader replicates.
    addRxPlugin(RxDBLeaderElectionPlugin);
    addRxPlugin(RxDBMigrationSchemaPlugin);
    pluginsAdded = true;
  }
  if (devMode && !devModeAdded) {
    const { RxDBDevModePlugin, disableWarnings } = await import('rxdb/plugins/dev-mode');
    disableWarnings();
    addRxPlugin(RxDBDevModePlugin);
    devModeAdded = true;
  }
}

function storageFor(options: ReplicaOptions): RxStorage<unknown, unknown> {
  const dexie =
    options.indexedDB && options.IDBKeyRange
      ? getRxStorageDexie({ indexedDB: options.indexedDB, IDBKeyRange: options.IDBKeyRange })
      : getRxStorageDexie();
  // Validating every local write gives the same field errors offline as the server gives online.
  return wrappedValidateZodStorage({ storage: dexie });
}

/** Opens (or creates) the local replica with the collections of `@relais/schema` (all by default). */
export async function createReplicaDatabase(options: ReplicaOptions): Promise<RelaisDatabase> {
  await addPlugins(options.devMode === true);
  const db = await createRxDatabase<RelaisCollections>({
    name: options.name,
    storage: storageFor(options),
    localDocuments: true,
    multiInstance: true,
    eventReduce: true,
    closeDuplicates: true,
  });
  const conflicts = new Subject<ConflictReport>();
  conflictSubjects.set(db, conflicts);
  const refusals = new Map<string, Refusal>();
  refusalBooks.set(db, refusals);
  const report = (conflict: ConflictReport): void => conflicts.next(conflict);
  const takeRefusal = (collection: CollectionName, id: string): Refusal | undefined => {
    const key = `${collection}/${id}`;
    const refusal = refusals.get(key);
    refusals.delete(key);
    return refusal;
  };
  const adjustments = new Map<string, Adjustment>();
  adjustmentBooks.set(db, adjustments);
  const takeAdjustment = (collection: CollectionName, id: string): Adjustment | undefined => {
    const key = `${collection}/${id}`;
    const adjustment = adjustments.get(key);
    adjustments.delete(key);
    return adjustment;
  };
  const opened = options.collections ?? (Object.keys(collections) as CollectionName[]);
  const creators = Object.fromEntries(
    opened.map((name) => collections[name]).map((definition) => [
      definition.name,
      {
        schema: definition.jsonSchema as unknown as RxJsonSchema<CollectionDocuments[CollectionName]>,
        migrationStrategies: definition.migrations ?? {},
        conflictHandler: createConflictHandler(definition.name as CollectionName, report, takeRefusal, takeAdjustment),
      },
    ]),
  );
  await db.addCollections(creators);
  return db;
}
