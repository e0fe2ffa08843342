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
import { createJsonClient, type ApiOptions } from '../ui/json-client';

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

export type AdminApiOptions = ApiOptions;

// A backup or a restore of a large database takes longer than a read.
const timeoutMs = { read: 15_000, write: 300_000 };

/** The server's administration routes the console calls (`admin_access`, `manage_rights`). */
export function createAdminApi(options: AdminApiOptions) {
  const { send, json } = createJsonClient({ ...options, timeoutMs });

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
