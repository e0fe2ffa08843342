import { errorBodySchema } from '@relais/sync-protocol';

/** Shapes of the server's `/annonces` answers (sync-server/src/annonces/service.ts). */
export interface AnnonceMission {
  id: string;
  heure_debut: string;
  heure_fin: string | null;
  voyage: string | null;
  depart: string | null;
  destination: string;
  pays: string | null;
  nb_palettes: number | null;
  commentaire: string | null;
}

export interface AnnoncePreviewItem {
  sst_id: string;
  sst_code: string;
  sst_nom: string;
  recipients: string[];
  subject: string;
  nb_missions: number;
  missions: AnnonceMission[];
}

export interface AnnonceSkipped {
  sst_id: string;
  sst_code: string;
  sst_nom: string;
  reason: 'no_email' | 'no_missions';
  nb_missions: number;
}

export interface AnnoncesPreview {
  date: string;
  date_label: string;
  items: AnnoncePreviewItem[];
  skipped: AnnonceSkipped[];
}

export interface AnnonceSendResult {
  sst_id: string;
  sst_nom: string;
  recipients: string[];
  subject: string;
  mission_ids: string[];
  status: 'sent' | 'failed';
  error: string | null;
}

export interface AnnoncesSendResponse {
  date: string;
  results: AnnonceSendResult[];
  skipped: AnnonceSkipped[];
}

export interface AnnoncesTemplates {
  subject_template: string;
  body_template: string;
}

export interface AnnoncesConfig extends AnnoncesTemplates {
  updated_at: string | null;
  updated_by: string | null;
}

export interface AnnonceHistoryEntry extends AnnonceSendResult {
  id: number;
  at: string;
  username: string | null;
  date: string;
}

export interface AnnoncesHistory {
  entries: AnnonceHistoryEntry[];
  total: number;
  limit: number;
  offset: number;
}

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

