const pendingKey = 'relais-pending';

/** Local writes not yet acknowledged by the server: `collection/id` → revision written. */
export interface PendingState {
  docs: Record<string, number>;
}

interface LocalDoc {
  getLatest(): { _data: { data: PendingState } };
  incrementalModify(fn: (data: PendingState) => PendingState): Promise<unknown>;
}

interface LocalDocsApi {
  getLocal(id: string): Promise<LocalDoc | null>;
  upsertLocal(id: string, data: PendingState): Promise<LocalDoc>;
}

function api(db: object): LocalDocsApi {
  return db as unknown as LocalDocsApi;
}

async function pendingDoc(db: object): Promise<LocalDoc> {
  const existing = await api(db).getLocal(pendingKey);
  return existing ?? api(db).upsertLocal(pendingKey, { docs: {} });
}

/** Kept in a local (never replicated) document, so the count survives a reload while offline. */
export async function markPending(db: object, collection: string, id: string, rev: number): Promise<void> {
  const doc = await pendingDoc(db);
  await doc.incrementalModify((data) => ({ docs: { ...data.docs, [`${collection}/${id}`]: rev } }));
}

/** Forgets the documents the server accepted at (or above) the revision pending. */
export async function clearPending(db: object, collection: string, accepted: { id: string; rev: number }[]): Promise<void> {
  if (accepted.length === 0) {
    return;
  }
  const doc = await pendingDoc(db);
  await doc.incrementalModify((data) => {
    const docs = { ...data.docs };
    for (const { id, rev } of accepted) {
      const key = `${collection}/${id}`;
      const pendingRev = docs[key];
      if (pendingRev !== undefined && pendingRev <= rev) {
        delete docs[key];
      }
    }
    return { docs };
  });
}

export async function readPending(db: object): Promise<PendingState> {
  const doc = await api(db).getLocal(pendingKey);
  return doc ? doc.getLatest()._data.data : { docs: {} };
}
