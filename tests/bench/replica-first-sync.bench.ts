import { randomUUID } from 'node:crypto';
import { addDays, today } from '@relais/domain';
import type { Browser, Page } from 'playwright-core';
import { changePasswordApi, signInApi } from '../support/auth';
import { pushAll } from '../support/replication';
import { startTestServer } from '../support/server';
import { SignInPage } from '../e2e/pages/sign-in-page';
import { launchBrowser, newAppContext } from '../e2e/support/browser';
import { replicaCount, replicaHolds } from '../e2e/support/replica';

/**
 * First sync of a new PC in Chromium: a fresh browser replica (the built PWA, signed in on the
 * administration dashboard, so no board is open) fills its missions collection from a real server
 * seeded with N missions, from its first pull of missions to the moment the N missions are in its
 * IndexedDB (the time from the click on "Se connecter" to that first pull is printed beside). Baseline, measured in the same page: a raw IndexedDB write of the very records the
 * replica stored, into an object store with the very indexes RxDB created, in transactions of 5 000.
 * Sizes: 20 000 by default, 100 000 too with BENCH_REPLICA_LARGE=1 (seeding alone takes a minute),
 * or the list in BENCH_REPLICA_SIZES (e.g. `5000,20000`). Needs the built PWA and server.
 */
const sizes = (process.env['BENCH_REPLICA_SIZES'] ?? (process.env['BENCH_REPLICA_LARGE'] === '1' ? '20000,100000' : '20000'))
  .split(',')
  .map(Number)
  .filter((size) => size > 0);
const rawChunk = 5000;
const password = 'Relais-bench-2026';

function seedMissions(count: number): Record<string, unknown>[] {
  const first = today();
  return Array.from({ length: count }, (_, index) => ({
    id: randomUUID(),
    date_mission: addDays(first, (index % 120) - 60),
    heure_debut: '08:00',
    heure_fin: '11:00',
    type_mission: index % 3 === 0 ? 'ramasse' : 'livraison',
    destination: `Destination ${index % 40}`,
    nb_palettes: 1 + (index % 30),
    statut: 'planifie',
  }));
}

/**
 * Milliseconds to write the replica's own mission records into a new database with the same store
 * and indexes (a source string: tsx would wrap named functions in a helper the page does not have).
 */
async function rawWrite(page: Page, chunk: number): Promise<{ ms: number; docs: number; indexes: string[] }> {
  const source = `(async (size) => {
    function done(request) {
      return new Promise((resolve, reject) => {
        request.onsuccess = () => resolve();
        request.onerror = () => reject(new Error(String(request.error)));
      });
    }
    const found = (await indexedDB.databases()).find((entry) => entry.name && entry.name.startsWith('rxdb-dexie-relais-') && entry.name.endsWith('--missions'));
    if (!found) {
      throw new Error('réplique des missions introuvable');
    }
    const opening = indexedDB.open(found.name);
    await done(opening);
    const sourceDb = opening.result;
    const store = sourceDb.transaction('docs').objectStore('docs');
    const keyPath = store.keyPath;
    const indexes = [...store.indexNames].map((name) => {
      const index = store.index(name);
      return { name, keyPath: index.keyPath, unique: index.unique, multiEntry: index.multiEntry };
    });
    const reading = store.getAll();
    await done(reading);
    const records = reading.result;
    sourceDb.close();
    const rawName = 'bench-raw-' + Date.now();
    const creating = indexedDB.open(rawName, 1);
    creating.onupgradeneeded = () => {
      const raw = creating.result.createObjectStore('docs', { keyPath });
      for (const index of indexes) {
        raw.createIndex(index.name, index.keyPath, { unique: index.unique, multiEntry: index.multiEntry });
      }
    };
    await done(creating);
    const target = creating.result;
    const start = performance.now();
    for (let offset = 0; offset < records.length; offset += size) {
      const transaction = target.transaction('docs', 'readwrite');
      const raw = transaction.objectStore('docs');
      for (const record of records.slice(offset, offset + size)) {
        raw.put(record);
      }
      await new Promise((resolve, reject) => {
        transaction.oncomplete = () => resolve();
        transaction.onerror = () => reject(transaction.error);
      });
    }
    const ms = performance.now() - start;
    target.close();
    await done(indexedDB.deleteDatabase(rawName));
    return { ms, docs: records.length, indexes: indexes.map((index) => index.name) };
  })(${chunk})`;
  return page.evaluate<{ ms: number; docs: number; indexes: string[] }>(source);
}

interface Figures {
  size: number;
  replicaMs: number;
  rawMs: number;
  indexes: string[];
}

async function benchSize(browser: Browser, size: number): Promise<Figures> {
  const server = await startTestServer({ logLevel: 'warn' });
  try {
    const first = await signInApi(server.url, server.adminUsername, server.adminPassword);
    await changePasswordApi(server.url, first.access_token, server.adminPassword, password);
    const token = (await signInApi(server.url, server.adminUsername, password)).access_token;
    const seeding = Date.now();
    const missions = seedMissions(size);
    await pushAll(server.url, token, 'missions', missions, 1000);
    process.stdout.write(`  ${size} missions poussées au serveur en ${((Date.now() - seeding) / 1000).toFixed(1)} s\n`);

    const context = await newAppContext(browser, server.url);
    try {
      const page = await context.newPage();
      const requests = { pulls: 0, counts: 0, firstPullAt: 0 };
      page.on('request', (request) => {
        const path = new URL(request.url()).pathname;
        if (path === '/api/replication/missions/pull') {
          requests.pulls += 1;
          requests.firstPullAt ||= Date.now();
        } else if (path === '/api/replication/missions/count') {
          requests.counts += 1;
        }
      });
      const signIn = new SignInPage(page);
      await signIn.open('/app/admin');
      const start = Date.now();
      await signIn.submitCredentials(server.adminUsername, password);
      const deadline = start + 600_000;
      const last = String(missions[missions.length - 1]?.id);
      for (;;) {
        if (Date.now() > deadline) {
          throw new Error(`réplique incomplète après 10 min : ${await replicaCount(page, 'missions')} / ${size}`);
        }
        await page.waitForTimeout(100);
        // The last mission pulled is the last written (pages and slices are written in order): one
        // key read per poll, where a count walks the whole store while the replica writes to it.
        if ((await replicaHolds(page, 'missions', last)) && (await replicaCount(page, 'missions')) >= size) {
          break;
        }
      }
      const done = Date.now();
      // From the first page asked for: the app's start (sign-in, opening the replica, leader election) is not the fill.
      const replicaMs = done - requests.firstPullAt;
      process.stdout.write(
        `  réplique : ${requests.pulls} pages de missions tirées, ${requests.counts} comptage(s) demandé(s) ; de la connexion à la 1re page : ${((requests.firstPullAt - start) / 1000).toFixed(1)} s, de la connexion à la fin : ${((done - start) / 1000).toFixed(1)} s\n`,
      );
      const raw = await rawWrite(page, rawChunk);
      if (raw.docs < size) {
        throw new Error(`référence : ${raw.docs} documents lus au lieu de ${size}`);
      }
      return { size, replicaMs, rawMs: raw.ms, indexes: raw.indexes };
    } finally {
      await context.close();
    }
  } finally {
    await server.stop();
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  const browser = await launchBrowser();
  const results: Figures[] = [];
  try {
    process.stdout.write(`Banc de la première synchronisation (tableau fermé) : ${sizes.join(', ')} missions\n`);
    for (const size of sizes) {
      results.push(await benchSize(browser, size));
    }
  } finally {
    await browser.close();
  }
  // Rounded down: 0.4996 shows as 0.49, not as a 0.50 beside « non atteint ».
  const ratioShown = (entry: Figures): string => (Math.floor((entry.rawMs / entry.replicaMs) * 100) / 100).toFixed(2);
  const rate = (docs: number, ms: number): string => (docs / (ms / 1000)).toFixed(0).padStart(9);
  process.stdout.write(
    [
      '',
      `index de la table des missions : ${results[0]?.indexes.join(', ') ?? ''}`,
      'missions   réplique (s)  réplique (docs/s)  IndexedDB brut (docs/s)  rapport réplique / brut (objectif ≥ 0,5)',
      ...results.map(
        (entry) =>
          `${String(entry.size).padStart(8)} ${(entry.replicaMs / 1000).toFixed(1).padStart(13)} ${rate(entry.size, entry.replicaMs)}          ${rate(entry.size, entry.rawMs)}                ${ratioShown(entry)}  objectif ≥ 0,5 : ${entry.rawMs / entry.replicaMs >= 0.5 ? 'atteint' : 'non atteint'}`,
      ),
      `durée totale : ${((Date.now() - started) / 1000).toFixed(0)} s`,
      '',
    ].join('\n'),
  );
}

await main();
