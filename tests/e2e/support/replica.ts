import type { Page } from 'playwright-core';

/**
 * Answers, in the page, `read` (a request on the store `docs`, a source string) on the local replica
 * of `collection`, read straight from RxDB's IndexedDB store (`rxdb-dexie-relais-…--<collection>`)
 * without going through the app; `absent` before the store exists. A source string: tsx would wrap
 * named functions in a helper the page lacks.
 */
async function readReplicaStore<T>(page: Page, collection: string, read: string, absent: T): Promise<T> {
  const source = `(async (collection, absent) => {
    const found = (await indexedDB.databases()).find((entry) => entry.name && entry.name.startsWith('rxdb-dexie-relais-') && entry.name.endsWith('--' + collection));
    if (!found || !found.name) {
      return absent;
    }
    return new Promise((resolve, reject) => {
      const request = indexedDB.open(found.name);
      request.onerror = () => reject(new Error(String(request.error)));
      request.onsuccess = () => {
        const db = request.result;
        if (!db.objectStoreNames.contains('docs')) {
          db.close();
          resolve(absent);
          return;
        }
        const store = db.transaction('docs').objectStore('docs');
        const reading = ${read};
        reading.onsuccess = () => {
          db.close();
          resolve(reading.result);
        };
        reading.onerror = () => reject(new Error(String(reading.error)));
      };
    });
  })(${JSON.stringify(collection)}, ${JSON.stringify(absent)})`;
  return page.evaluate<T>(source);
}

/** How many documents of `collection` the page's local replica holds: 0 before the store exists. */
export async function replicaCount(page: Page, collection: string): Promise<number> {
  return readReplicaStore(page, collection, 'store.count()', 0);
}

/**
 * Whether the page's local replica of `collection` holds the document `id`: one key read, where
 * `replicaCount` walks the whole store (a cost a bench should not add to a write it times).
 */
export async function replicaHolds(page: Page, collection: string, id: string): Promise<boolean> {
  const key = await readReplicaStore<string | null | undefined>(page, collection, `store.getKey(${JSON.stringify(id)})`, null);
  return key !== undefined && key !== null;
}

/** Waits until the replica holds `count` documents of `collection` (polled every 200 ms); throws after `timeoutMs`. */
export async function waitForReplicaCount(page: Page, collection: string, count: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const held = await replicaCount(page, collection);
    if (held >= count) {
      return;
    }
    if (Date.now() > deadline) {
      throw new Error(`réplique incomplète : ${held} ${collection} sur ${count} après ${Math.round(timeoutMs / 1000)} s`);
    }
    await page.waitForTimeout(200);
  }
}
