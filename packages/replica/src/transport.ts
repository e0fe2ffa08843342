import {
  encodeCheckpointParam,
  errorBodySchema,
  replicationPath,
  sharedStreamPath,
  type Checkpoint,
  type CountResponse,
  type PullResponse,
  type PushResponse,
  type PushRow,
} from '@relais/sync-protocol';

/** The part of the EventSource API the replication uses (browser EventSource or the `eventsource` package). */
export interface EventSourceLike {
  /** 0 connecting, 1 open, 2 closed (given up: it will not reconnect by itself). */
  readonly readyState: number;
  onopen: ((event: never) => void) | null;
  onmessage: ((event: MessageEvent<string>) => void) | null;
  onerror: ((event: never) => void) | null;
  close(): void;
}

export interface TransportOptions {
  /** Server origin, e.g. `http://127.0.0.1:8000`; empty for the page's own origin. */
  baseUrl: string;
  fetch?: typeof fetch;
  /** Opens the live pull stream; may return undefined when no stream can be opened (offline). */
  createEventSource?: (url: string) => EventSourceLike | undefined;
  /** Extra request headers (the bearer token, once signed in). */
  headers?: () => Record<string, string>;
}

/** A failed replication request, carrying the server's error code when it sent one. */
export class ReplicationRequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
  ) {
    super(message);
    this.name = 'ReplicationRequestError';
  }
}

async function failure(response: Response): Promise<ReplicationRequestError> {
  const text = await response.text();
  try {
    const body = errorBodySchema.parse(JSON.parse(text));
    return new ReplicationRequestError(body.error.message, response.status, body.error.code);
  } catch {
    return new ReplicationRequestError(text.slice(0, 200) || response.statusText, response.status, 'HTTP_ERROR');
  }
}

export function createTransport(options: TransportOptions) {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const headers = (): Record<string, string> => options.headers?.() ?? {};

  async function pull<T>(collection: string, checkpoint: Checkpoint | undefined, limit: number): Promise<PullResponse<T>> {
    const query = `checkpoint=${encodeCheckpointParam(checkpoint)}&limit=${limit}`;
    const response = await doFetch(`${options.baseUrl}${replicationPath(collection, 'pull')}?${query}`, {
      headers: headers(),
      credentials: 'include',
    });
    if (!response.ok) {
      throw await failure(response);
    }
    return (await response.json()) as PullResponse<T>;
  }

  /** How many documents pulls from `checkpoint` will bring (a first sync's progress). */
  async function count(collection: string, checkpoint: Checkpoint | undefined): Promise<number> {
    const response = await doFetch(`${options.baseUrl}${replicationPath(collection, 'count')}?checkpoint=${encodeCheckpointParam(checkpoint)}`, {
      headers: headers(),
      credentials: 'include',
    });
    if (!response.ok) {
      throw await failure(response);
    }
    return ((await response.json()) as CountResponse).count;
  }

  async function push<T>(collection: string, rows: PushRow<T>[]): Promise<PushResponse<T>> {
    const response = await doFetch(`${options.baseUrl}${replicationPath(collection, 'push')}`, {
      method: 'POST',
      headers: { ...headers(), 'content-type': 'application/json' },
      body: JSON.stringify(rows),
      credentials: 'include',
    });
    if (!response.ok) {
      throw await failure(response);
    }
    return (await response.json()) as PushResponse<T>;
  }

  /** The one live stream of all the replicated collections. */
  function stream(collections: readonly string[]): EventSourceLike | undefined {
    return options.createEventSource?.(`${options.baseUrl}${sharedStreamPath(collections)}`);
  }

  return { pull, push, count, stream };
}

export type Transport = ReturnType<typeof createTransport>;
