import { removeRxDatabase } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { logger } from '../ui/logger';

/** The replicas opened on this device (one per user), so a wipe on a shared PC removes them all. */
const knownKey = 'relais-bases-locales';
const lastSyncPrefix = 'relais-derniere-synchro-u';

function readKnown(): string[] {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(knownKey) ?? '[]');
    return Array.isArray(value) ? value.filter((name): name is string => typeof name === 'string') : [];
  } catch {
    return [];
  }
}

export function rememberDatabase(name: string): void {
  const known = readKnown();
  if (!known.includes(name)) {
    try {
      localStorage.setItem(knownKey, JSON.stringify([...known, name]));
    } catch {
      // Without storage the wipe only removes the current replica.
    }
  }
}

/** The key under which this device remembers a user's last sync time. */
export function lastSyncKey(userId: number): string {
  return `${lastSyncPrefix}${userId}`;
}

/** Whether this device ever exchanged with the server for this user: false on a new PC (first sync ahead). */
export function hasSyncedHere(userId: number): boolean {
  try {
    return localStorage.getItem(lastSyncKey(userId)) !== null;
  } catch {
    return true;
  }
}

/**
 * RxDB's Dexie storage empties a removed replica's IndexedDB databases but leaves them behind, named
 * `rxdb-dexie-<replica>--…`: deleted too, so a shared PC keeps no trace of who used it.
 */
async function deleteIndexedDbShells(replicas: readonly string[]): Promise<void> {
  if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') {
    return;
  }
  const names = (await indexedDB.databases()).map((database) => database.name ?? '');
  const doomed = names.filter((name) => replicas.some((replica) => name.startsWith(`rxdb-dexie-${replica}--`)));
  await Promise.all(
    doomed.map(
      (name) =>
        new Promise<void>((resolve) => {
          const request = indexedDB.deleteDatabase(name);
          // Blocked means another tab still holds it open: it goes once that tab closes it.
          request.onsuccess = request.onerror = request.onblocked = () => resolve();
        }),
    ),
  );
}

/**
 * After the current replica was removed by its owner (`db.remove()`): removes every other replica of
 * this device, their IndexedDB databases, and what was remembered about them.
 */
export async function removeLocalData(current: string): Promise<void> {
  const known = readKnown();
  for (const name of known.filter((candidate) => candidate !== current)) {
    try {
      await removeRxDatabase(name, getRxStorageDexie());
    } catch (error) {
      logger.warn(`base locale ${name} non supprimée`, error);
    }
  }
  try {
    await deleteIndexedDbShells([...new Set([...known, current])]);
  } catch (error) {
    logger.warn('bases IndexedDB non supprimées', error);
  }
  try {
    localStorage.removeItem(knownKey);
    for (const key of Object.keys(localStorage).filter((candidate) => candidate.startsWith(lastSyncPrefix))) {
      localStorage.removeItem(key);
    }
  } catch {
    // Nothing was stored.
  }
}
