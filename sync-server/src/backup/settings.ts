import { dirname, join, resolve } from 'node:path';
import type { Config } from '../config';
import type { RetentionPolicy } from './retention';

export interface BackupSettings {
  dir: string;
  retention: RetentionPolicy;
  /** The automatic backup, a job of the scheduler. */
  automatic: { enabled: boolean; cron: string };
}

export function backupSettingsFromConfig(config: Config): BackupSettings {
  return {
    dir: resolve(config.RELAIS_BACKUP_DIR ?? join(dirname(resolve(config.RELAIS_DATABASE_PATH)), 'backups')),
    retention: { retentionDays: config.RELAIS_BACKUP_RETENTION_DAYS, minKeep: config.RELAIS_BACKUP_MIN_KEEP },
    automatic: { enabled: config.RELAIS_AUTO_BACKUP_ENABLED, cron: config.RELAIS_AUTO_BACKUP_HOUR },
  };
}
