import type { Page } from 'playwright-core';

/**
 * How many documents of `collection` the page's local replica holds, read straight from RxDB's
 * IndexedDB store (`rxdb-dexie-relais-…--<collection>`), without going through the app: 0 before
 * the store exists. A source string: tsx would wrap named functions in a helper the page lacks.
 */
export async function replicaCount(page: Page, collection: string): Promise<number> {
  const source = `(async (collection) => {
    const found = (await indexedDB.databases()).find((entry) => entry.name && entry.name.startsWith('rxdb-dexie-relais-') && entry.name.endsWith('--' + collection));
    if (!found || !found.name) {
      return 0;
    }
    return new Promise((resolve, reject) => {
      const request = indexedDB.open(found.name);
      request.onerror = () => reject(new Error(String(request.error)));
      request.onsuccess = () => {
        const db = request.result;
        if (!db.objectStoreNames.contains('docs')) {
          db.close();
          resolve(0);
          return;
        }
        const counting = db.transaction('docs').objectStore('docs').count();
        counting.onsuccess = () => {
          db.close();
          resolve(counting.result);
        };
        counting.onerror = () => reject(new Error(String(counting.error)));
      };
    });
  })(${JSON.stringify(collection)})`;
  return page.evaluate<number>(source);
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
