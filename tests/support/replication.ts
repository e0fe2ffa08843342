/** A document as the server's replication API returns it (bookkeeping fields plus the collection's). */
export type ServerDocument = Record<string, unknown> & { id: string; rev: number; _deleted: boolean };

interface PullPage {
  documents: ServerDocument[];
  checkpoint: { seq: number };
}

/**
 * Every document of `collection` as the server's pull pages serve it (`GET /api/replication/:collection/pull`,
 * page after page from the start), in order and duplicates included: to check the feed itself.
 * `token` is a signed-in user's access token (see `signInApi`), who must be allowed to read it.
 */
export async function pullFeed(baseUrl: string, collection: string, token?: string): Promise<ServerDocument[]> {
  const served: ServerDocument[] = [];
  let checkpoint: { seq: number } | undefined;
  for (;;) {
    const query = checkpoint === undefined ? 'limit=1000' : `checkpoint=${encodeURIComponent(JSON.stringify(checkpoint))}&limit=1000`;
    const response = await fetch(`${baseUrl}/api/replication/${encodeURIComponent(collection)}/pull?${query}`, {
      signal: AbortSignal.timeout(10_000),
      headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
    });
    if (!response.ok) {
      throw new Error(`pull ${collection} : HTTP ${response.status} ${await response.text()}`);
    }
    const page = (await response.json()) as PullPage;
    served.push(...page.documents);
    if (page.documents.length === 0 || (checkpoint !== undefined && page.checkpoint.seq <= checkpoint.seq)) {
      return served;
    }
    checkpoint = page.checkpoint;
  }
}

/**
 * Every document of `collection` the server holds, read straight from its replication API (the last
 * state of each id in `pullFeed`): an independent view of what was synced.
 */
export async function pullAll(baseUrl: string, collection: string, token?: string): Promise<ServerDocument[]> {
  const byId = new Map<string, ServerDocument>();
  for (const document of await pullFeed(baseUrl, collection, token)) {
    byId.set(document.id, document);
  }
  return [...byId.values()];
}

/**
 * Writes new documents through the server's replication API (`POST …/push`, 1 000 at a time) as
 * the signed-in user of `token`, filling `rev`, `updated_at` and `_deleted`; fails on any conflict
 * or refusal, with the server's reasons.
 */
export async function pushAll(baseUrl: string, token: string, collection: string, documents: readonly Record<string, unknown>[]): Promise<void> {
  const updatedAt = new Date().toISOString();
  for (let start = 0; start < documents.length; start += 1000) {
    const rows = documents.slice(start, start + 1000).map((doc) => ({ newDocumentState: { rev: 1, updated_at: updatedAt, _deleted: false, ...doc } }));
    const response = await fetch(`${baseUrl}/api/replication/${encodeURIComponent(collection)}/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(rows),
    });
    const body = (await response.json()) as { conflicts?: unknown[]; refusals?: unknown[] };
    if (!response.ok || (body.conflicts?.length ?? 0) > 0 || (body.refusals?.length ?? 0) > 0) {
      throw new Error(`push ${collection} : HTTP ${response.status} ${JSON.stringify(body).slice(0, 400)}`);
    }
  }
}
