import type { JobDefinition } from '../scheduler/context';
import type { RetentionPolicy } from './retention';
import type { BackupService } from './service';

/** The name under which the automatic database backup registers: TomatoPlan's `auto_backup_*` keys read its schedule. */
export const autoBackupJobName = 'backup';

export interface BackupJobDeps {
  backups: BackupService;
  /** `RELAIS_AUTO_BACKUP_HOUR` as a cron expression, or `off` when `RELAIS_AUTO_BACKUP_ENABLED` is false. */
  defaultSchedule: string;
  /** Read at each run: an administrator may change the retention days while the server runs. */
  retention: () => RetentionPolicy;
}

/**
 * The automatic database backup: an online backup, then the retention of automatic backups. Caught
 * up once at start when the server was down at its time, so a night without backup is never silent.
 */
export function backupJob({ backups, defaultSchedule, retention }: BackupJobDeps): JobDefinition {
  return {
    name: autoBackupJobName,
    label: 'Sauvegarde de la base',
    description: 'Sauvegarde en ligne de la base (vérifiée, compressée, empreinte SHA-256), puis suppression des sauvegardes automatiques expirées.',
    defaultSchedule,
    timeoutMs: 2 * 60 * 60_000,
    catchUp: true,
    async run({ signal, progress, count, log, actor }) {
      const policy = retention();
      const result = await backups.runAutomatic({ signal, actor, retention: policy, progress: (step) => progress(step) });
      const { filename, size_bytes: size } = result.backup.manifest;
      count('created');
      count('deleted', result.deleted.length);
      log.info(`Sauvegarde ${filename} créée (${size} octets)`);
      for (const name of result.deleted) {
        log.info(`Sauvegarde automatique expirée supprimée : ${name}`);
      }
      return { backup_file: filename, size_bytes: size, deleted: result.deleted, retention_days: policy.retentionDays, min_keep: policy.minKeep };
    },
  };
}
