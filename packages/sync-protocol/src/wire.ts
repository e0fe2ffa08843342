import { z } from 'zod';
import type { Checkpoint } from './checkpoint';
import type { WireDocument } from './documents';

export interface PullResponse<T> {
  documents: WireDocument<T>[];
  checkpoint: Checkpoint;
}

/**
 * What `GET /api/replication/:collection/count?checkpoint=…` answers: how many documents a pull
 * from that checkpoint sends now, tombstones included (a first sync's progress: "12 000 / 20 000").
 */
export interface CountResponse {
  count: number;
}

export interface PushRow<T> {
  assumedMasterState?: WireDocument<T>;
  newDocumentState: WireDocument<T>;
}

/** Why the server refused to write one pushed document (a missing right, a planning conflict…). */
export interface Refusal {
  id: string;
  code: string;
  /** French, for the user. */
  message: string;
  /** What the message names (a number, an amount), for a client that words it in another language. */
  params?: RuleParams;
}

/** The values a rule's message names, by name. */
export type RuleParams = Record<string, string | number>;

/**
 * A pushed document the server stored with fields of its own: an invoice's definitive number at
 * validation, a mission's amounts, or a validation it could not make (the invoice stays a draft,
 * `notice` says why). Its stored state is among the conflicts; the writer takes it as it is.
 */
export interface Adjustment {
  id: string;
  notice?: { code: string; message: string; params?: RuleParams };
}

/**
 * The server's answer to a push: the current server state of every conflicting document, the
 * reason of each refused one (a refused document is among the conflicts too, in its server state),
 * and the documents stored with the server's own fields (among the conflicts too).
 */
export interface PushResponse<T> {
  conflicts: WireDocument<T>[];
  refusals: Refusal[];
  adjusted: Adjustment[];
}

/** The largest push batch the server accepts in one request. */
export const maxPushBatch = 1000;

export function pushBodySchema(wireSchema: z.ZodObject): z.ZodArray {
  return z
    .array(
      z.strictObject({
        assumedMasterState: wireSchema.optional(),
        newDocumentState: wireSchema,
      }),
    )
    .max(maxPushBatch);
}

/** What the pull stream sends: `RESYNC` to ask the client to pull again, or the new writes. */
export type StreamMessage<T> = 'RESYNC' | PullResponse<T>;

/** A batch on the shared stream of several collections names its collection. */
export interface TaggedPullResponse<T> extends PullResponse<T> {
  collection: string;
}

/**
 * The one live stream of all the collections a client replicates (`RESYNC` applies to them all).
 * One per client, not one per collection: browsers open at most six connections per server over
 * HTTP/1.1, and the pulls and pushes need some too.
 */
export function sharedStreamPath(collections: readonly string[]): string {
  return `/api/replication/pull-stream?collections=${collections.map(encodeURIComponent).join(',')}`;
}

/** Seconds between heartbeat comments on the pull stream, so proxies keep it open. */
export const streamHeartbeatSeconds = 15;

export function replicationPath(collection: string, action: 'pull' | 'push' | 'pull-stream' | 'count'): string {
  return `/api/replication/${encodeURIComponent(collection)}/${action}`;
}
