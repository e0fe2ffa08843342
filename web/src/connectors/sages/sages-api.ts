import { sessionJsonClient } from '../../auth/session-json-client';

/** The SAGES connector's routes (`/api/sages`), read online: its data is not replicated. */
export const sagesJobs = ['chantiers-import', 'chantiers-export', 'heures-import', 'heures-export', 'codes-projet'] as const;
export type SagesJob = (typeof sagesJobs)[number];

export interface SagesSettings {
  sqlServer: { host: string; port: number | null; instance: string; database: string; user: string; password: string; encrypt: boolean; trustServerCertificate: boolean };
  batisimply: { tokenUrl: string; apiUrl: string; grant: 'password' | 'client_credentials'; clientId: string; clientSecret: string; username: string; password: string };
  windowDays: number;
  timeZone: string;
  batchSize: number;
}

export interface ConnectionTestResult {
  ok: boolean;
  steps: { step: string; ok: boolean; message: string }[];
}

export interface SagesReport {
  dryRun: boolean;
  counts: { created: number; updated: number; skipped: number; failed: number };
  changes: { action: 'create' | 'update' | 'archive' | 'send' | 'move'; label: string }[];
  moreChanges: number;
  unmapped: { name: string; day: string | null; reason: 'salarie_inconnu' | 'chantier_sans_code' | 'projet_inconnu' }[];
  failures: { label: string; message: string }[];
}

export interface SagesRun {
  id: number;
  trigger: string;
  status: 'running' | 'succeeded' | 'failed' | 'aborted' | 'missed';
  started_at: string;
  ended_at: string | null;
  counts: Record<string, number>;
  error: string | null;
  result: unknown;
}

export interface SagesJobInfo {
  job: SagesJob;
  info: { label: string; schedule: string; next_run: string | null };
  last_result: unknown;
}

export interface SagesChantier {
  code: string;
  libelle: string;
  client: string | null;
  ville: string | null;
  date_debut: string | null;
  date_fin: string | null;
  heures_vendues: number | null;
  actif: number;
  exported_at: string | null;
  to_export: boolean;
}

export interface SagesHeure {
  slot_id: string;
  salarie_nom: string | null;
  date_locale: string;
  minutes: number;
  panier: number;
  trajet: number;
  statut: string;
  sent: boolean;
  chantier: { code: string; libelle: string } | null;
}

// A run or a dry run waits for the whole job.
const client = sessionJsonClient('/api/sages', { read: 15_000, write: 600_000 });
const request = client.json;

export const sagesApi = {
  config: () => request<{ settings: SagesSettings; configured: boolean }>('GET', '/config'),
  saveConfig: (settings: SagesSettings) => request<{ settings: SagesSettings; configured: boolean }>('PUT', '/config', settings),
  test: (side: 'sql-server' | 'batisimply') => request<ConnectionTestResult>('POST', `/test/${side}`),
  jobs: () => request<{ jobs: SagesJobInfo[] }>('GET', '/jobs'),
  runs: (job: SagesJob) => request<{ runs: SagesRun[] }>('GET', `/jobs/${job}/runs`),
  run: (job: SagesJob) => request<{ run_id: number }>('POST', `/jobs/${job}/run`),
  dryRun: (job: SagesJob) => request<SagesReport>('POST', `/jobs/${job}/dry-run`),
  chantiers: (q: string) => request<{ total: number; chantiers: SagesChantier[] }>('GET', `/chantiers?limit=500&q=${encodeURIComponent(q)}`),
  heures: (from: string, to: string) => request<{ total: number; heures: SagesHeure[] }>('GET', `/heures?limit=1000&from=${from}&to=${to}`),
};

/** A run's result, when it is a SAGES report. */
export function reportOf(result: unknown): SagesReport | null {
  return typeof result === 'object' && result !== null && 'counts' in result && 'unmapped' in result ? (result as SagesReport) : null;
}
