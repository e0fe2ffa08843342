import { projectDocument } from '@relais/domain';
import type { CollectionName } from '@relais/schema';
import type { PullResponse } from '@relais/sync-protocol';

const encoder = new TextEncoder();

/** One Server-Sent Event carrying `data` (JSON has no raw line break, so one `data:` line). */
function sseFrame(data: string): Uint8Array {
  return encoder.encode(`data: ${data}\n\n`);
}

export const resyncFrame = sseFrame('RESYNC');
/** A comment line: it keeps proxies from closing an idle stream, and clients ignore it. */
export const heartbeatFrame = encoder.encode(': heartbeat\n\n');

/** The frames already made for a published batch, by projection; gone with the batch. */
const framesByBatch = new WeakMap<object, Map<string, Uint8Array>>();

/**
 * The encoded event of a committed batch as a reader with these hidden fields sees it. Made once per
 * batch and projection, then shared, read-only, by every stream that sends it: a write costs the
 * server one copy per role, not one per open stream.
 */
export function batchFrame(
  batch: PullResponse<Record<string, unknown>>,
  collection: CollectionName,
  hidden: readonly string[],
  tagged: boolean,
): Uint8Array {
  let frames = framesByBatch.get(batch);
  if (frames === undefined) {
    frames = new Map();
    framesByBatch.set(batch, frames);
  }
  const key = `${tagged ? 'tagged' : 'plain'}:${hidden.join(',')}`;
  let frame = frames.get(key);
  if (frame === undefined) {
    const documents = batch.documents.map((doc) => projectDocument(doc, hidden));
    frame = sseFrame(JSON.stringify(tagged ? { collection, documents, checkpoint: batch.checkpoint } : { documents, checkpoint: batch.checkpoint }));
    frames.set(key, frame);
  }
  return frame;
}
