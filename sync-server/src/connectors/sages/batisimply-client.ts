import type { SagesSettings } from './config';

/**
 * BatiSimply's API: a bearer token from its Keycloak realm (grant `password` or `client_credentials`),
 * reused until shortly before it expires; 429, 5xx and dropped connections retried with backoff
 * (honouring `Retry-After`); other 4xx raised with BatiSimply's own message.
 */
export class BatiSimplyError extends Error {
  override name = 'BatiSimplyError';

  constructor(
    /** The HTTP status, or 0 when no answer came (network, DNS, TLS). */
    readonly status: number,
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

export interface BatiSimplyProjectBody {
  id?: string;
  projectCode: string;
  projectName: string;
  customerName: string | null;
  comment: string | null;
  startEstimated: string | null;
  endEstimated: string | null;
  hoursSold: number | null;
  address: { street: string | null; postalCode: string | null; city: string | null; countryCode: string };
  isArchived: boolean;
  isFinished: boolean;
}

export interface BatiSimplyTimeSlot {
  id: string;
  startDate: string;
  endDate: string;
  user: { id: string; firstName?: string | null; lastName?: string | null };
  project: { id: string } | null;
  managementStatus: string;
  totalTimeMinutes: number;
  hasPackedLunch: boolean;
  hasHomeToWorkJourney: boolean;
}

export interface RetryPolicy {
  attempts: number;
  baseDelayMs: number;
  timeoutMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { attempts: 5, baseDelayMs: 500, timeoutMs: 30_000 };

interface Token {
  value: string;
  expiresAt: number;
}

function describeNetworkError(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const code = typeof cause === 'object' && cause !== null && 'code' in cause ? String((cause).code) : '';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'nom d’hôte introuvable (DNS)';
  if (code === 'ECONNREFUSED') return 'connexion refusée (TCP)';
  if (code.startsWith('ERR_TLS') || code.includes('CERT') || code === 'EPROTO') return `échec TLS (${code})`;
  if (error instanceof Error && error.name === 'TimeoutError') return 'pas de réponse dans le délai';
  return `connexion interrompue${code ? ` (${code})` : ''}`;
}

async function messageOf(response: Response): Promise<string> {
  const text = await response.text().catch(() => '');
  try {
    const body = JSON.parse(text) as Record<string, unknown>;
    const message = body.message ?? body.error_description ?? body.error ?? body.detail;
    if (typeof message === 'string') return message;
  } catch {
    // Not JSON: the text itself.
  }
  return text.slice(0, 300) || response.statusText;
}

const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });

export interface BatiSimplyClient {
  token(): Promise<string>;
  listProjects(): Promise<{ id: string; projectCode: string; projectName: string }[]>;
  createProject(body: BatiSimplyProjectBody): Promise<{ id: string }>;
  updateProject(body: BatiSimplyProjectBody & { id: string }): Promise<void>;
  timeSlots(startDate: string, endDate: string): Promise<BatiSimplyTimeSlot[]>;
}

export function createBatiSimplyClient(settings: SagesSettings['batisimply'], options: { retry?: Partial<RetryPolicy>; signal?: AbortSignal } = {}): BatiSimplyClient {
  const policy = { ...defaultRetryPolicy, ...options.retry };
  let token: Token | null = null;

  async function attempt(url: string, init: RequestInit): Promise<Response> {
    for (let tryNumber = 1; ; tryNumber++) {
      let wait = policy.baseDelayMs * 2 ** (tryNumber - 1);
      let failure: BatiSimplyError;
      try {
        const signals = [AbortSignal.timeout(policy.timeoutMs), ...(options.signal ? [options.signal] : [])];
        const response = await fetch(url, { ...init, signal: AbortSignal.any(signals) });
        if (response.ok) return response;
        const message = await messageOf(response);
        const retryable = response.status === 429 || response.status >= 500;
        failure = new BatiSimplyError(response.status, `BatiSimply a répondu ${response.status} : ${message}`, retryable);
        const retryAfter = Number(response.headers.get('retry-after'));
        if (response.status === 429 && Number.isFinite(retryAfter) && retryAfter >= 0) wait = Math.max(wait, retryAfter * 1000);
      } catch (error) {
        if (options.signal?.aborted) throw error;
        failure = new BatiSimplyError(0, `BatiSimply injoignable : ${describeNetworkError(error)}`, true);
      }
      if (!failure.retryable || tryNumber >= policy.attempts) throw failure;
      await sleep(wait, options.signal);
    }
  }

  async function fetchToken(): Promise<string> {
    if (token && token.expiresAt > Date.now()) return token.value;
    const form = new URLSearchParams({ grant_type: settings.grant, client_id: settings.clientId, client_secret: settings.clientSecret });
    if (settings.grant === 'password') {
      form.set('username', settings.username);
      form.set('password', settings.password);
    }
    const response = await attempt(settings.tokenUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form });
    const body = (await response.json()) as { access_token?: string; expires_in?: number };
    if (typeof body.access_token !== 'string') throw new BatiSimplyError(response.status, 'BatiSimply n’a pas rendu de jeton', false);
    // Renewed 30 s before it expires, so no request leaves with a token about to die.
    token = { value: body.access_token, expiresAt: Date.now() + Math.max(0, (body.expires_in ?? 60) - 30) * 1000 };
    return token.value;
  }

  async function api(method: string, path: string, body?: unknown): Promise<Response> {
    const url = `${settings.apiUrl.replace(/\/$/, '')}${path}`;
    for (let renewed = false; ; renewed = true) {
      const bearer = await fetchToken();
      const init: RequestInit = { method, headers: { authorization: `Bearer ${bearer}`, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) } };
      if (body !== undefined) init.body = JSON.stringify(body);
      try {
        return await attempt(url, init);
      } catch (error) {
        // A token revoked or expired early: one new token, once.
        if (error instanceof BatiSimplyError && error.status === 401 && !renewed) {
          token = null;
          continue;
        }
        throw error;
      }
    }
  }

  return {
    token: fetchToken,
    async listProjects() {
      const body = (await (await api('GET', '/api/project')).json()) as { elements?: { id: string; projectCode: string; projectName: string }[] };
      return body.elements ?? [];
    },
    async createProject(project) {
      const created = (await (await api('POST', '/api/project', project)).json()) as { id?: unknown };
      if (typeof created.id !== 'string' && typeof created.id !== 'number') throw new BatiSimplyError(200, 'BatiSimply n’a pas rendu l’identifiant du projet créé', false);
      return { id: String(created.id) };
    },
    async updateProject(project) {
      await (await api('PUT', '/api/project', project)).arrayBuffer();
    },
    async timeSlots(startDate, endDate) {
      const query = new URLSearchParams({ startDate, endDate });
      const body = (await (await api('GET', `/api/timeSlotManagement/allUsers?${query.toString()}`)).json()) as BatiSimplyTimeSlot[] | { elements?: BatiSimplyTimeSlot[] };
      return Array.isArray(body) ? body : (body.elements ?? []);
    },
  };
}
