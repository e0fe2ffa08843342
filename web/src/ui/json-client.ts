import { errorBodySchema } from '@relais/sync-protocol';

/**
 * A refused or failed call to the server: its error code (`NETWORK` when it was not reached,
 * `HTTP_ERROR` when its answer was not the JSON error body), the HTTP status (0 when not reached),
 * its French message (`detail`, else `error.message`) and `error.details`.
 */
export class RequestError extends Error {
  constructor(
    readonly code: string,
    /** HTTP status; 0 when the server was not reached. */
    readonly status: number,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'RequestError';
  }
}

/** The error a refused response stands for: the server's `{ error: { code, message, details }, detail }` when it sent one. */
export async function requestErrorOf(response: Response): Promise<RequestError> {
  const text = await response.text().catch(() => '');
  try {
    const body = errorBodySchema.parse(JSON.parse(text));
    return new RequestError(body.error.code, response.status, body.detail ?? body.error.message, body.error.details);
  } catch {
    return new RequestError('HTTP_ERROR', response.status, text.slice(0, 200) || response.statusText);
  }
}

/** The error for an answer whose shape is not the one expected. */
export function unexpectedAnswer(path: string, status = 200): RequestError {
  return new RequestError('HTTP_ERROR', status, `réponse inattendue de ${path}`);
}

export interface JsonClientOptions {
  /** Sends the request (for the session's routes: with its token, renewing it after a 401). */
  fetch: typeof fetch;
  /** The `authorization` header of the current token, if any. */
  authHeaders?: () => Record<string, string>;
  baseUrl?: string;
  /** How long a GET may take, and any other method (a write may wait for a long job). */
  timeoutMs?: { read: number; write: number };
  /** `include` for the sign-in routes, which set the refresh cookie. */
  credentials?: RequestCredentials;
}

/** What a module's API factory takes: the session's fetch and token. */
export type ApiOptions = Pick<JsonClientOptions, 'fetch' | 'authHeaders' | 'baseUrl'>;

export interface RequestOptions {
  body?: unknown;
  /** Aborts the call (the caller's own reason is rethrown as is, not as `NETWORK`). */
  signal?: AbortSignal;
  headers?: Record<string, string>;
  /** The browser's priority for the request: `high` passes queued requests to the same server. */
  priority?: RequestPriority;
}

export interface JsonClient {
  /** The response of a successful call; a refused one throws its `RequestError`. */
  send: (method: string, path: string, options?: RequestOptions) => Promise<Response>;
  /** The JSON body of a successful call (`null` when empty), typed as the server's shape (checked by the server's tests). */
  json: <T>(method: string, path: string, body?: unknown) => Promise<T>;
  /** The JSON body of a successful call, unchecked (`undefined` when it is not JSON), for callers that check its shape. */
  read: (method: string, path: string, options?: RequestOptions) => Promise<unknown>;
}

const defaultTimeouts = { read: 15_000, write: 15_000 };

/** One way for the PWA's modules to call the server's JSON routes, and one error type for what goes wrong. */
export function createJsonClient({ fetch: doFetch, authHeaders = () => ({}), baseUrl = '', timeoutMs = defaultTimeouts, credentials }: JsonClientOptions): JsonClient {
  async function send(method: string, path: string, { body, signal, headers: extra, priority }: RequestOptions = {}): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json', ...authHeaders(), ...extra };
    if (body !== undefined) {
      headers['content-type'] = 'application/json';
    }
    const timeout = AbortSignal.timeout(method === 'GET' ? timeoutMs.read : timeoutMs.write);
    let response: Response;
    try {
      response = await doFetch(`${baseUrl}${path}`, {
        method,
        headers,
        cache: 'no-store',
        ...(credentials === undefined ? {} : { credentials }),
        ...(priority === undefined ? {} : { priority }),
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
    } catch (error) {
      if (signal?.aborted) {
        throw error;
      }
      throw new RequestError('NETWORK', 0, error instanceof Error ? error.message : String(error));
    }
    if (!response.ok) {
      throw await requestErrorOf(response);
    }
    return response;
  }

  return {
    send,
    async json<T>(method: string, path: string, body?: unknown): Promise<T> {
      const text = await (await send(method, path, { body })).text();
      return (text === '' ? null : JSON.parse(text)) as T;
    },
    async read(method: string, path: string, options?: RequestOptions): Promise<unknown> {
      const response = await send(method, path, options);
      return response.json().catch(() => undefined);
    },
  };
}
