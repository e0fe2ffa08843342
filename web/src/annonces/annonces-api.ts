import { createJsonClient, unexpectedAnswer, type ApiOptions } from '../ui/json-client';
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

export type AnnoncesApiOptions = ApiOptions;

// Sending waits for every mail, one after the other: longer than a read.
const timeoutMs = { read: 15_000, write: 180_000 };

function hasArrays(body: unknown, ...keys: string[]): boolean {
  return typeof body === 'object' && body !== null && keys.every((key) => Array.isArray((body as Record<string, unknown>)[key]));
}

/** The `/annonces` routes, called with the same authenticated fetch as the replication and the journal. */
export function createAnnoncesApi(options: AnnoncesApiOptions) {
  const client = createJsonClient({ ...options, timeoutMs });
  const request = (method: string, path: string, body?: unknown): Promise<unknown> => client.read(method, path, { body });

  function checked<T>(path: string, body: unknown, ok: boolean): T {
    if (!ok) {
      throw unexpectedAnswer(path);
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

