import { z } from 'zod';

/**
 * Wire shapes of the WMS connector (`/admin/wms`): connections (secrets write-only, answered masked),
 * restore points with their manifests, saved CSV exports. Shared by the server and the PWA.
 */

/** A pinned SSH host key, as OpenSSH prints it (`ssh-keygen -l -E sha256`). */
export const sshFingerprintSchema = z.string().regex(/^SHA256:[A-Za-z0-9+/]{43}$/, 'empreinte attendue : SHA256: suivi de 43 caractères');

const identifier = z.string().regex(/^[A-Za-z0-9_$]{1,64}$/, 'nom MySQL attendu : lettres, chiffres, _ ou $');
const hostName = z.string().trim().min(1).max(253).regex(/^[A-Za-z0-9.:_-]+$/, 'nom d’hôte ou adresse IP attendu');
const port = z.number().int().min(1).max(65535);
const schedule = z.string().trim().min(1).max(100);
const keep = z.number().int().min(0).max(366);

export const wmsConnectionInputSchema = z.object({
  name: z.string().trim().min(1).max(80),
  ssh_host: hostName,
  ssh_port: port.default(22),
  ssh_user: z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9._-]+$/, 'utilisateur SSH invalide'),
  ssh_auth: z.enum(['password', 'key']),
  /** Write-only: the SSH password, or the private key (PEM). Omitted on update: unchanged. */
  ssh_secret: z.string().min(1).max(20_000).optional(),
  ssh_passphrase: z.string().max(1000).nullable().optional(),
  host_fingerprint: sshFingerprintSchema.nullable().default(null),
  db_host: hostName.default('127.0.0.1'),
  db_port: port.default(3306),
  db_user: z.string().trim().min(1).max(80).regex(/^[^'"\\\s]+$/, 'utilisateur MySQL invalide'),
  db_password: z.string().max(1000).optional(),
  db_name: identifier,
  /** Empty: the whole database. */
  tables: z.array(identifier).max(500).default(['expedition', 'reception']),
  backup_dir: z.string().trim().min(1).max(1000),
  remote_temp_dir: z.string().trim().min(1).max(500).regex(/^\/[A-Za-z0-9._/-]*$/, 'dossier absolu attendu').default('/tmp'),
  backup_schedule: schedule.default('off'),
  restore_test_schedule: schedule.default('off'),
  keep_daily: keep.default(7),
  keep_weekly: keep.default(4),
  keep_monthly: keep.default(6),
});
export type WmsConnectionInput = z.input<typeof wmsConnectionInputSchema>;

/** A connection as every answer shows it: secrets replaced by whether they are set. */
export interface WmsConnectionView {
  id: number;
  name: string;
  ssh_host: string;
  ssh_port: number;
  ssh_user: string;
  ssh_auth: 'password' | 'key';
  ssh_secret: string | null;
  ssh_passphrase: string | null;
  host_fingerprint: string | null;
  db_host: string;
  db_port: number;
  db_user: string;
  db_password: string | null;
  db_name: string;
  tables: string[];
  backup_dir: string;
  remote_temp_dir: string;
  backup_schedule: string;
  restore_test_schedule: string;
  keep_daily: number;
  keep_weekly: number;
  keep_monthly: number;
  created_at: string;
  updated_at: string;
}

export const wmsTestSteps = ['dns', 'tcp', 'host_key', 'ssh_auth', 'sftp', 'database'] as const;
export type WmsTestStep = (typeof wmsTestSteps)[number];

export interface WmsTestStepResult {
  step: WmsTestStep;
  ok: boolean;
  /** French: what was checked, or why it failed. */
  message: string;
}

export interface WmsTestReport {
  ok: boolean;
  failed_step: WmsTestStep | null;
  steps: WmsTestStepResult[];
}

/** What is written beside each backup (`<file>.json`). */
export interface WmsBackupManifest {
  format: 'relais-wms-backup-v1';
  kind: 'backup' | 'safety';
  file: string;
  connection: string;
  database: string;
  tables: { name: string; rows: number }[];
  /** The whole database was dumped (no table list). */
  whole_database: boolean;
  size_bytes: number;
  sha256: string;
  uncompressed_bytes: number;
  server_version: string;
  started_at: string;
  finished_at: string;
  duration_ms: number;
  trigger: string;
  actor: string | null;
}

export const wmsExportInputSchema = z
  .object({
    name: z.string().trim().min(1).max(80),
    table: identifier.nullable().default(null),
    query: z.string().trim().min(1).max(20_000).nullable().default(null),
    separator: z.enum([';', ',']).default(';'),
    /** `fr`: 31/12/2026 and 12,50; `iso`: 2026-12-31 and 12.50. */
    format: z.enum(['fr', 'iso']).default('fr'),
    schedule: schedule.default('off'),
    /** Where the scheduled export writes; null: `<backup_dir>/<connection>/exports`. */
    folder: z.string().trim().min(1).max(1000).nullable().default(null),
  })
  .refine((value) => (value.table === null) !== (value.query === null), { message: 'une table ou une requête, pas les deux', path: ['table'] });
export type WmsExportInput = z.input<typeof wmsExportInputSchema>;
export type WmsExportDefinition = z.output<typeof wmsExportInputSchema> & { id: number; connection_id: number };
