import { errorBodySchema } from '@relais/sync-protocol';

import type { AnnoncesConfig, AnnoncesHistory, AnnoncesPreview, AnnoncesSendResponse, AnnoncesTemplates } from '@relais/schema';

export type {
  AnnonceHistoryEntry,
  AnnonceMissionLine as AnnonceMission,
  AnnoncePreviewItem,
  AnnonceSendResult,
  AnnonceSkipped,
  AnnoncesConfig,
  AnnoncesHistory,
  AnnoncesPreview,
  AnnoncesSendResponse,
  AnnoncesTemplates,
} from '@relais/schema';

/** A refused or failed call: the server's error code (`NETWORK` when it was not reached). */
export class AnnoncesRequestError extends Error {
  constructor(
    readonly code: string,
    /** HTTP status; 0 when the server was not reached. */
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'AnnoncesRequestError';
  }
}

export interface AnnoncesApiOptions {
  /** Sends the request with the session's token (renewing it after a 401). */
  fetch: typeof fetch;
  authHeaders: () => Record<string, string>;
  baseUrl?: string;
}

// Sending waits for every mail, one after the other: longer than a read.
const readTimeoutMs = 15_000;
const sendTimeoutMs = 180_000;

async function failureOf(response: Response): Promise<AnnoncesRequestError> {
  const text = await response.text().catch(() => '');
  try {
    const body = errorBodySchema.parse(JSON.parse(text));
    return new AnnoncesRequestError(body.error.code, response.status, body.detail ?? body.error.message);
  } catch {
    return new AnnoncesRequestError('HTTP_ERROR', response.status, text.slice(0, 200) || response.statusText);
  }
}

function hasArrays(body: unknown, ...keys: string[]): boolean {
  return typeof body === 'object' && body !== null && keys.every((key) => Array.isArray((body as Record<string, unknown>)[key]));
}

/** The `/annonces` routes, called with the same authenticated fetch as the replication and the journal. */
export function createAnnoncesApi({ fetch: doFetch, authHeaders, baseUrl = '' }: AnnoncesApiOptions) {
  async function request(method: string, path: string, body?: unknown): Promise<unknown> {
    const headers: Record<string, string> = { accept: 'application/json', ...authHeaders() };
    if (body !== undefined) {
      headers['content-type'] = 'application/json';
    }
    let response: Response;
    try {
      response = await doFetch(`${baseUrl}${path}`, {
        method,
        headers,
        cache: 'no-store',
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(method === 'GET' ? readTimeoutMs : sendTimeoutMs),
      });
    } catch (error) {
      throw new AnnoncesRequestError('NETWORK', 0, error instanceof Error ? error.message : String(error));
    }
    if (!response.ok) {
      throw await failureOf(response);
    }
    return response.json().catch(() => undefined);
  }

  function checked<T>(path: string, body: unknown, ok: boolean): T {
    if (!ok) {
      throw new AnnoncesRequestError('HTTP_ERROR', 200, `réponse inattendue de ${path}`);
    }
    return body as T;
  }

  return {
    async preview(date: string): Promise<AnnoncesPreview> {
      const body = await request('GET', `/annonces/preview?date=${encodeURIComponent(date)}`);
      return checked('/annonces/preview', body, hasArrays(body, 'items', 'skipped'));
    },
    async send(date: string, sstIds: string[]): Promise<AnnoncesSendResponse> {
      const body = await request('POST', '/annonces/send', { date, sst_ids: sstIds });
      return checked('/annonces/send', body, hasArrays(body, 'results', 'skipped'));
    },
    async history(limit: number, offset: number): Promise<AnnoncesHistory> {
      const body = await request('GET', `/annonces/historique?limit=${limit}&offset=${offset}`);
      return checked('/annonces/historique', body, hasArrays(body, 'entries'));
    },
    async config(): Promise<AnnoncesConfig> {
      const body = await request('GET', '/annonces/config');
      return checked('/annonces/config', body, typeof body === 'object' && body !== null && 'subject_template' in body);
    },
    async saveConfig(templates: AnnoncesTemplates): Promise<AnnoncesConfig> {
      const body = await request('PUT', '/annonces/config', templates);
      return checked('/annonces/config', body, typeof body === 'object' && body !== null && 'subject_template' in body);
    },
  };
}

export type AnnoncesApi = ReturnType<typeof createAnnoncesApi>;

