import type { BackupManifest } from './files';

export interface RetentionPolicy {
  /** Automatic backups older than this many days are deleted… */
  retentionDays: number;
  /** …except the newest `minKeep` automatic ones, whatever their age. */
  minKeep: number;
}

const dayMs = 24 * 60 * 60 * 1000;

/**
 * The automatic backups retention deletes: those older than `retentionDays`, beyond the `minKeep`
 * newest automatic ones (a server stopped for weeks still keeps its last backups). Manual backups
 * (someone asked for them, with a description) and safety backups (the way back from a restore)
 * are only deleted by hand.
 */
export function expiredBackups(manifests: readonly BackupManifest[], policy: RetentionPolicy, now: Date): BackupManifest[] {
  const limit = now.getTime() - policy.retentionDays * dayMs;
  return manifests
    .filter((manifest) => manifest.trigger === 'schedule')
    .sort((a, b) => b.created_at.localeCompare(a.created_at))
    .slice(policy.minKeep)
    .filter((manifest) => Date.parse(manifest.created_at) < limit);
}
