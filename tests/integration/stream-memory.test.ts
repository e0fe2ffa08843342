import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changePasswordApi, signInApi } from '../support/auth';
import { pullAll, pushAll } from '../support/replication';
import { processMemory, startTestServer, type TestServer } from '../support/server';
import { openSse, type SseEvent, type SseReader } from '../support/sse';

/**
 * Relais issue 10: slow readers of the pull stream must not exhaust the server's memory. The real
 * built server runs as its own process, so its resident memory is its own (read from /proc).
 */

const mib = 1024 * 1024;
const streamCount = 20;
const writeCount = 10_000;
const batchSize = 100;
/** Writes that bring the server to its working size before the streams open (see below). */
const warmUpCount = 20_000;
/** A session may hold 8 streams: the 20 stalled streams come from 3 sessions. */
const sessionCount = 3;

let server: TestServer;
const readers: SseReader[] = [];

beforeAll(async () => {
  server = await startTestServer({ logLevel: 'warn' });
});

afterAll(async () => {
  for (const reader of readers) {
    reader.close();
  }
  await server?.stop();
});

/**
 * A mission of about 1.6 KB on the wire. Each stalled connection swallows about 4 MB in the kernel's
 * socket buffers (loopback) before the server's writes wait: 10 000 of these (16 MB) overflow every
 * stream, and what an unbounded queue would keep of them (about 12 MB a stream) cannot hide.
 */
function mission(index: number): Record<string, unknown> {
  return {
    id: randomUUID(),
    date_mission: '2030-01-07',
    heure_debut: '06:00',
    type_mission: 'livraison',
    destination: `Entrepôt ${index}`,
    statut: 'planifie',
    commentaire: `Quai ${index % 40} : prévenir 30 min avant, hayon obligatoire. `.repeat(24),
  };
}

interface Batch {
  documents: { id: string }[];
  checkpoint: { seq: number };
}

/** What a client knows when it reads the stream up to its `n`-th RESYNC: the documents and checkpoint of the batches before. */
function readUpToResync(events: readonly SseEvent[], n: number): { ids: Set<string>; checkpoint: { seq: number } | undefined } {
  const ids = new Set<string>();
  let checkpoint: { seq: number } | undefined;
  let resyncs = 0;
  for (const event of events) {
    if (event.data === 'RESYNC') {
      resyncs += 1;
      if (resyncs === n) {
        break;
      }
      continue;
    }
    const batch = JSON.parse(event.data) as Batch;
    for (const document of batch.documents) {
      ids.add(document.id);
    }
    checkpoint = batch.checkpoint;
  }
  return { ids, checkpoint };
}

const resyncCount = (events: readonly SseEvent[]): number => events.filter((event) => event.data === 'RESYNC').length;

describe('live pull streams under slow readers', () => {
  it("20 streams that stop reading and 10 000 writes: the server's peak RSS grows by less than 50 MB, each slow client gets RESYNC and catches up by pulling", async () => {
    const first = await signInApi(server.url, server.adminUsername, server.adminPassword);
    const password = 'Relais-Flux-2026';
    await changePasswordApi(server.url, first.access_token, server.adminPassword, password);
    const tokens: string[] = [];
    for (let session = 0; session < sessionCount; session += 1) {
      tokens.push((await signInApi(server.url, server.adminUsername, password)).access_token);
    }
    const tokenOf = (stream: number): string => tokens[stream % sessionCount]!;

    // Without any stream, a fresh server grows by about 100 MB over its first 20 000 writes, then
    // stays there: V8 sizes its heap to the allocation rate and SQLite fills its page cache. Done
    // before the streams open, so that what is measured below is what 20 stalled streams add to a
    // server that has been taking writes, not the server's own warm-up.
    const warmUpStarted = Date.now();
    await pushAll(server.url, tokens[0]!, 'missions', Array.from({ length: warmUpCount }, (_, index) => mission(-index - 1)), 500);
    const warmUpMs = Date.now() - warmUpStarted;

    for (let stream = 0; stream < streamCount; stream += 1) {
      const reader = await openSse(`${server.url}/api/replication/pull-stream?collections=missions`, { authorization: `Bearer ${tokenOf(stream)}` });
      readers.push(reader);
      expect(reader.status).toBe(200);
      await reader.waitFor('le RESYNC d’ouverture', (events) => resyncCount(events) === 1);
      // The client stops reading for good (a frozen tab, a hostile reader).
      reader.pause();
    }

    const before = processMemory(server.pid);

    const documents = Array.from({ length: writeCount }, (_, index) => mission(index));
    const started = Date.now();
    await pushAll(server.url, tokens[0]!, 'missions', documents, batchSize);
    const writeMs = Date.now() - started;
    // The streams' loops run between the pushes and just after the last one.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const after = processMemory(server.pid);
    // The peak, not the resident size of the moment: V8 lets garbage pile up between collections, so
    // the latter swings by tens of megabytes with the moment it is read. The warm-up's peak is what the
    // same writes cost without streams; the streams must not raise it by 50 MB.
    const growth = after.peakRss - before.peakRss;
    console.info(
      `pull-stream : ${warmUpCount} écritures d’échauffement en ${warmUpMs} ms, puis ${streamCount} flux bloqués et ${writeCount} écritures en ${writeMs} ms ; ` +
        `RSS ${(before.rss / mib).toFixed(1)} → ${(after.rss / mib).toFixed(1)} Mo, pic ${(before.peakRss / mib).toFixed(1)} → ${(after.peakRss / mib).toFixed(1)} Mo (+${(growth / mib).toFixed(1)} Mo)`,
    );
    expect(growth).toBeLessThan(50 * mib);

    // Each slow client reads again: it finds a RESYNC after what the socket held, and pulls from its checkpoint.
    const expected = documents.map((document) => document['id'] as string);
    const catchUp = async (stream: number): Promise<void> => {
      const reader = readers[stream]!;
      reader.resume();
      await reader.waitFor('le RESYNC du client en retard', (events) => resyncCount(events) >= 2);
      const streamed = readUpToResync(reader.events, 2);
      // The queue was dropped: the stream alone did not carry every write.
      expect(streamed.ids.size).toBeLessThan(expected.length);
      const pulled = await pullAll(server.url, 'missions', tokenOf(stream), streamed.checkpoint);
      const known = new Set([...streamed.ids, ...pulled.map((document) => document.id)]);
      expect(expected.filter((id) => !known.has(id))).toEqual([]);
      reader.close();
    };
    // A few at a time: twenty clients pulling 10 MB each at once would starve a two-core machine.
    for (let stream = 0; stream < streamCount; stream += 4) {
      await Promise.all([stream, stream + 1, stream + 2, stream + 3].map(catchUp));
    }
  });
});
