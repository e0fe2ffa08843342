import type {
  AdminConfigResponse,
  DashboardServer,
  AdminConfigUpdate,
  AdminUser,
  CreateUserRequest,
  CreateUserResponse,
  JobInfo,
  JobListResponse,
  JobRunsResponse,
  JobRunStartedResponse,
  KickResponse,
  ResetPasswordResponse,
  RoleInfo,
  SessionInfo,
  SuccessResponse,
  UpdateUserRequest,
} from '@relais/schema';
import { errorBodySchema } from '@relais/sync-protocol';

/** A refused or failed call: the server's error code (`NETWORK` when it was not reached) and its French detail. */
export class AdminRequestError extends Error {
  constructor(
    readonly code: string,
    /** HTTP status; 0 when the server was not reached. */
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'AdminRequestError';
  }
}

/** `GET /admin/backups`: TomatoPlan's list item with what Relais adds. */
export interface BackupItem {
  filename: string;
  size_bytes: number;
  created_at: string;
  description: string;
  trigger: string;
  created_by: string | null;
}

export interface BackupCreated {
  success: boolean;
  backup_file: string;
  size_bytes: number;
  created_at: string;
}

export interface BackupCleanup {
  success: boolean;
  deleted_count: number;
  message: string;
}

export interface BackupRestored {
  success: boolean;
  restored_from: string;
  restored_at: string;
  safety_backup: string;
}

export interface AdminApiOptions {
  /** Sends the request with the session's token (renewing it after a 401). */
  fetch: typeof fetch;
  authHeaders: () => Record<string, string>;
  baseUrl?: string;
}

// A backup or a restore of a large database takes longer than a read.
const readTimeoutMs = 15_000;
const writeTimeoutMs = 300_000;

async function failureOf(response: Response): Promise<AdminRequestError> {
  const text = await response.text().catch(() => '');
  try {
    const body = errorBodySchema.parse(JSON.parse(text));
    return new AdminRequestError(body.error.code, response.status, body.detail ?? body.error.message);
  } catch {
    return new AdminRequestError('HTTP_ERROR', response.status, text.slice(0, 200) || response.statusText);
  }
}

/** The server's administration routes the console calls (`admin_access`, `manage_rights`). */
export function createAdminApi({ fetch: doFetch, authHeaders, baseUrl = '' }: AdminApiOptions) {
  async function send(method: string, path: string, body?: unknown): Promise<Response> {
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
        signal: AbortSignal.timeout(method === 'GET' ? readTimeoutMs : writeTimeoutMs),
      });
    } catch (error) {
      throw new AdminRequestError('NETWORK', 0, error instanceof Error ? error.message : String(error));
    }
    if (!response.ok) {
      throw await failureOf(response);
    }
    return response;
  }

  // The shapes are the server's (`@relais/schema`), checked by its tests: no second validation here.
  async function json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await send(method, path, body);
    return (await response.json()) as T;
  }

  const path = (name: string): string => encodeURIComponent(name);

  return {
    users: () => json<AdminUser[]>('GET', '/admin/users'),
    createUser: (request: CreateUserRequest) => json<CreateUserResponse>('POST', '/admin/users', request),
    updateUser: (id: number, request: UpdateUserRequest) => json<AdminUser>('PUT', `/admin/users/${id}`, request),
    deactivateUser: (id: number) => json<SuccessResponse>('DELETE', `/admin/users/${id}`),
    resetPassword: (id: number) => json<ResetPasswordResponse>('POST', `/admin/users/${id}/reset-password`),
    roles: () => json<RoleInfo[]>('GET', '/admin/roles'),
    sessions: () => json<SessionInfo[]>('GET', '/admin/sessions'),
    kick: (id: string) => json<KickResponse>('POST', `/admin/sessions/${path(id)}/kick`),
    kickAll: () => json<KickResponse>('POST', '/admin/sessions/kick-all'),
    disconnect: (username: string) => json<KickResponse>('POST', `/admin/sessions/disconnect/${path(username)}`),
    backups: () => json<BackupItem[]>('GET', '/admin/backups'),
    createBackup: (description: string) => json<BackupCreated>('POST', '/admin/backups', { description }),
    deleteBackup: (filename: string) => json<SuccessResponse>('DELETE', `/admin/backups/${path(filename)}`),
    restoreBackup: (filename: string) => json<BackupRestored>('POST', `/admin/backups/restore/${path(filename)}`),
    cleanupBackups: (retentionDays: number) => json<BackupCleanup>('POST', `/admin/backups/cleanup?retention_days=${retentionDays}`),
    downloadBackup: async (filename: string) => (await send('GET', `/admin/backups/download/${path(filename)}`)).blob(),
    jobs: () => json<JobListResponse>('GET', '/admin/jobs'),
    runJob: (name: string) => json<JobRunStartedResponse>('POST', `/admin/jobs/${path(name)}/run`),
    jobRuns: (name: string, limit = 20) => json<JobRunsResponse>('GET', `/admin/jobs/${path(name)}/runs?limit=${limit}`),
    setSchedule: (name: string, schedule: string | null) => json<JobInfo>('PUT', `/admin/jobs/${path(name)}/schedule`, { schedule }),
    config: () => json<AdminConfigResponse>('GET', '/admin/config'),
    updateConfig: (update: AdminConfigUpdate) => json<AdminConfigResponse>('PUT', '/admin/config', update),
    resetSetting: (name: string) => json<AdminConfigResponse>('DELETE', `/admin/config/${path(name)}`),
    dashboard: () => json<AdminDashboard>('GET', '/stats/dashboard'),
  };
}

export type AdminApi = ReturnType<typeof createAdminApi>;

/** `GET /stats/dashboard`: TomatoPlan's figures, then the server's own for administrators (`serveur`). */
export interface AdminDashboard {
  sessions_actives: number;
  utilisateurs_connectes: number;
  serveur?: DashboardServer;
}
