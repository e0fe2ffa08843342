import type { Checkpoint } from '@relais/sync-protocol';
import { sameValue } from '@relais/sync-protocol';
import {
  createRevision,
  getComposedPrimaryKeyOfDocumentData,
  getHeightOfRevision,
  now,
  type RxCollection,
  type RxDocumentData,
  type RxReplicationWriteToMasterRow,
  type RxStorageInstance,
  type RxStorageReplicationMeta,
} from 'rxdb';
import type { RxReplicationState } from 'rxdb/plugins/replication';

type Doc = Record<string, unknown> & { id: string; _deleted: boolean };
type Meta = RxStorageReplicationMeta<Doc, Checkpoint>;
type MetaInstance = RxStorageInstance<Meta, unknown, unknown, unknown>;
type Replication = RxReplicationState<unknown, Checkpoint>;

/** The identifier RxDB's replication marks its revisions with (`rxdbreplication` + the replication's). */
export function replicationIdentifier(replication: Replication): string {
  return `rxdbreplication${replication.replicationIdentifier}`;
}

/**
 * True when the stored document is still the state a pull wrote (RxDB's own mark, the one its
 * downstream reads): never edited on this PC since.
 */
export function isPulledState(doc: RxDocumentData<Doc>, identifierHash: string): boolean {
  const origin = doc._meta['o'] as { hash?: unknown; _rev?: unknown } | undefined;
  return origin?.hash === identifierHash && origin._rev === getHeightOfRevision(doc._rev);
}

/** The document as the server sent it: the stored one without the storage's own fields. */
export function serverState(doc: RxDocumentData<Doc>): Doc {
  const { _meta: _ignoredMeta, _rev: _ignoredRev, _attachments: _ignoredAttachments, ...state } = doc;
  return state;
}

/** The replication's copy of the master state of a document, as RxDB's pull would have written it. */
export function metaCopy(schema: MetaInstance['schema'], state: Doc, token: string): RxDocumentData<Meta> {
  const meta = {
    id: '',
    isCheckpoint: '0',
    itemId: state.id,
    docData: state,
    _attachments: {},
    _deleted: false,
    _rev: createRevision(token),
    _meta: { lwt: now() },
  } as RxDocumentData<Meta>;
  meta.id = getComposedPrimaryKeyOfDocumentData(schema, meta);
  return meta;
}

/**
 * The first load writes no replication meta copy (the master state a document assumes): it would
 * double what a first sync writes, for documents most of which are never edited on this PC. RxDB's
 * downstream already reads a document without one as pulled when it carries the pull's mark
 * (`_meta.o`), so a later pull updates it as usual. Its upstream, though, reads the copy as the state
 * a local edit assumes: so before the first local write of a document (the collection's pre-save and
 * pre-remove hooks run for every edit, in every tab), the copy is made from the stored pulled state,
 * exactly what the first load would have written. A later edit is then pushed with the server's
 * state as its assumed master, and a conflict's merge base is the state this PC saw.
 */
export function installLazyMeta(collection: RxCollection, replication: Replication): void {
  const hooked = replications.has(collection);
  replications.set(collection, replication);
  if (hooked) {
    return;
  }
  const ensure = (data: { id: string }): Promise<void> => {
    const current = replications.get(collection);
    return current ? ensureMeta(collection, current, data.id) : Promise.resolve();
  };
  collection.preSave(ensure, false);
  collection.preRemove(ensure, false);
}

/** The replication of each collection whose hooks are installed (the latest started). */
const replications = new WeakMap<RxCollection, Replication>();
/** A tab's own handle on a replication's meta storage, when the replication runs in another tab (the leader). */
const ownInstances = new WeakMap<Replication, Promise<MetaInstance>>();

function metaInstance(collection: RxCollection, replication: Replication): Promise<MetaInstance> {
  if (replication.metaInstance && !replication.isStopped()) {
    return Promise.resolve(replication.metaInstance as unknown as MetaInstance);
  }
  let own = ownInstances.get(replication);
  if (!own) {
    const database = collection.database;
    own = replication.metaInfoPromise.then(async ({ collectionName, schema }) => {
      const instance = await database.storage.createStorageInstance<Meta>({
        databaseName: database.name,
        collectionName,
        databaseInstanceToken: database.token,
        multiInstance: database.multiInstance,
        options: {},
        schema: schema,
        password: database.password as string | undefined,
        devMode: false,
      });
      collection.onClose.push(() => void instance.close());
      return instance;
    });
    ownInstances.set(replication, own);
  }
  return own;
}

async function ensureMeta(collection: RxCollection, replication: Replication, id: string): Promise<void> {
  const [stored] = (await collection.storageInstance.findDocumentsById([id], true)) as RxDocumentData<Doc>[];
  if (!stored || !isPulledState(stored, await collection.database.hashFunction(replicationIdentifier(replication)))) {
    return;
  }
  const instance = await metaInstance(collection, replication);
  const copy = metaCopy(instance.schema, serverState(stored), collection.database.token);
  const [existing] = await instance.findDocumentsById([copy.id], true);
  if (existing) {
    return;
  }
  const result = await instance.bulkWrite([{ document: copy }], 'relais-lazy-meta');
  // 409: the replication wrote it meanwhile (a pull of a newer state): that one is right.
  const failure = result.error.find((error) => error.status !== 409);
  if (failure) {
    throw new Error(`copie de l'état du serveur refusée (${failure.status})`);
  }
}

/**
 * Rows the upstream would push with no assumed master although they are an untouched pulled state
 * (the tab closed during a first load before the upstream noted its checkpoint): those are no local
 * write, and pushing them as new documents would only make the server answer conflicts. Answers the
 * rows to push; RxDB writes the meta copy of the others as it does for every row pushed.
 */
export async function withoutPulledStates<T>(
  replication: Replication,
  rows: RxReplicationWriteToMasterRow<T>[],
): Promise<RxReplicationWriteToMasterRow<T>[]> {
  const internal = replication.internalReplicationState;
  const unassumed = rows.filter((row) => row.assumedMasterState === undefined);
  if (!internal || unassumed.length === 0) {
    return rows;
  }
  const identifierHash = await internal.input.hashFunction(internal.input.identifier);
  const pushed = new Map(unassumed.map((row) => [(row.newDocumentState as unknown as Doc).id, row.newDocumentState]));
  const stored = (await internal.input.forkInstance.findDocumentsById([...pushed.keys()], true)) as unknown as RxDocumentData<Doc>[];
  const pulled = new Set(
    stored.filter((doc) => isPulledState(doc, identifierHash) && sameValue(serverState(doc), pushed.get(doc.id))).map((doc) => doc.id),
  );
  return pulled.size === 0 ? rows : rows.filter((row) => !pulled.has((row.newDocumentState as unknown as Doc).id));
}
