import { unlink } from 'node:fs/promises';
import type { Db } from '../db/client';
import { newDatabaseIdentity } from '../db/identity';
import type { Logger } from '../logger';
import type { ReplicationEvents } from '../replication/events';
import type { ReplicationStore } from '../replication/store';
import { createBackup, type CreateBackupOptions } from './create';
import { backupFailure, findBackup, listBackups, syncPath, type BackupEntry, type BackupTrigger, type ProgressCallback } from './files';
import { verifyBackup } from './restore';
import { expiredBackups, type RetentionPolicy } from './retention';
import { swapDatabase } from './swap';

export interface BackupServiceDeps {
  db: Db;
  dir: string;
  logger: Logger;
  retention: RetentionPolicy;
  /**
   * The server's write path: refused (503, retried by the clients) while a restore takes its safety
   * backup and swaps, so no acknowledged write falls between the two. Absent in the CLI.
   */
  store?: Pick<ReplicationStore, 'suspendWrites' | 'resumeWrites' | 'noticeExternalWrites'> | undefined;
  /** Told to make every open pull stream pull again after a restore. */
  events?: Pick<ReplicationEvents, 'resyncAll'> | undefined;
  pagesPerStep?: number | undefined;
  now?: (() => Date) | undefined;
}

export interface OperationOptions {
  signal?: AbortSignal | undefined;
  progress?: ProgressCallback | undefined;
}

export interface RestoreResult {
  restored_from: string;
  restored_at: string;
  safety_backup: string;
  /** Documents taken from the backup, and live ones it did not have (now deleted). */
  restored_documents: number;
  deleted_documents: number;
}

/** What an automatic run did, for the job's counters and run history. */
export interface AutomaticBackupResult {
  backup: BackupEntry;
  deleted: string[];
}

const maintenanceMessage = 'Restauration de la base en cours : vos modifications seront envoyées dans un instant.';

/**
 * Backups of the server's database, one operation at a time: create (online), list, restore (with a
 * safety backup first and an atomic swap), delete and retention. Each long operation takes an
 * optional AbortSignal and progress callback, as the job scheduler gives them.
 */
export function createBackupService(deps: BackupServiceDeps) {
  const { db, dir, logger, store, events } = deps;
  const sqlite = db.$client;
  const now = deps.now ?? (() => new Date());
  let running: string | undefined;

  async function exclusive<T>(what: string, run: () => Promise<T>): Promise<T> {
    if (running !== undefined) {
      throw backupFailure('busy', `Impossible pour l'instant : ${running} est déjà en cours.`);
    }
    running = what;
    try {
      return await run();
    } finally {
      running = undefined;
    }
  }

  function create(options: { description: string; trigger: BackupTrigger; actor: string | null } & OperationOptions): Promise<BackupEntry> {
    const settings: CreateBackupOptions = { ...options, pagesPerStep: deps.pagesPerStep, now };
    return createBackup(sqlite, dir, settings).then((entry) => {
      logger.info({ backup: entry.manifest.filename, trigger: options.trigger, actor: options.actor, size: entry.manifest.size_bytes }, 'sauvegarde créée');
      return entry;
    });
  }

  async function remove(entry: BackupEntry): Promise<void> {
    // The manifest first: a backup without it is no longer listed, even if the second unlink fails.
    await unlink(entry.manifestPath);
    await unlink(entry.path);
    await syncPath(dir);
  }

  async function cleanup(policy: RetentionPolicy): Promise<string[]> {
    const entries = await listBackups(dir);
    const expired = new Set(expiredBackups(entries.map((entry) => entry.manifest), policy, now()).map((manifest) => manifest.filename));
    const deleted: string[] = [];
    for (const entry of entries.filter((candidate) => expired.has(candidate.manifest.filename))) {
      await remove(entry);
      deleted.push(entry.manifest.filename);
    }
    if (deleted.length > 0) {
      logger.info({ deleted, ...policy }, 'sauvegardes automatiques expirées supprimées');
    }
    return deleted;
  }

  async function restore(name: string, actor: string | null, { signal, progress }: OperationOptions): Promise<RestoreResult> {
    const entry = await findBackup(dir, name);
    const candidate = await verifyBackup(entry, sqlite, dir, { signal, progress });
    try {
      if (signal?.aborted) {
        throw backupFailure('aborted', 'Restauration interrompue avant de toucher à la base.');
      }
      store?.suspendWrites(maintenanceMessage);
      let result: RestoreResult;
      try {
        const safety = await create({
          description: `Avant la restauration de ${name}`,
          trigger: 'safety',
          actor,
          signal,
          progress: progress && ((step) => progress({ ...step, label: `sauvegarde de sécurité : ${step.label}` })),
        });
        if (signal?.aborted) {
          throw backupFailure('aborted', 'Restauration interrompue avant de toucher à la base.');
        }
        const at = now().toISOString();
        const summary = swapDatabase(sqlite, {
          candidatePath: candidate.path,
          identity: newDatabaseIdentity(),
          at,
          actor,
          restoredFrom: name,
          safetyBackup: safety.manifest.filename,
          progress,
        });
        result = {
          restored_from: name,
          restored_at: at,
          safety_backup: safety.manifest.filename,
          restored_documents: summary.restored,
          deleted_documents: summary.tombstoned,
        };
      } finally {
        store?.resumeWrites();
      }
      // The swap went through the WAL: give its room back.
      sqlite.pragma('wal_checkpoint(TRUNCATE)');
      store?.noticeExternalWrites();
      events?.resyncAll();
      logger.warn({ ...result, actor }, 'base restaurée depuis une sauvegarde');
      return result;
    } finally {
      await candidate.discard();
    }
  }

  return {
    dir,
    retention: deps.retention,
    list: (): Promise<BackupEntry[]> => listBackups(dir),
    /** The listed backup of that name (for a download), or a refusal. */
    find: (name: string): Promise<BackupEntry> => findBackup(dir, name),
    create: (options: { description: string; trigger?: BackupTrigger; actor: string | null } & OperationOptions): Promise<BackupEntry> =>
      exclusive('une sauvegarde', () => create({ trigger: 'manual', ...options })),
    /** Replaces the database's content with a listed backup's; refusals come before any change. */
    restore: (name: string, options: { actor: string | null } & OperationOptions): Promise<RestoreResult> =>
      exclusive('une restauration', () => restore(name, options.actor, options)),
    remove: (name: string): Promise<void> => exclusive('une autre opération sur les sauvegardes', async () => remove(await findBackup(dir, name))),
    /** Retention: deletes the expired automatic backups, keeping the newest `minKeep`. */
    cleanup: (policy: Partial<RetentionPolicy> = {}): Promise<string[]> =>
      exclusive('une autre opération sur les sauvegardes', () => cleanup({ ...deps.retention, ...policy })),
    /** The scheduled job's body: an automatic backup, then retention. */
    /** An automatic backup, then the retention (`retention`, read by the job at each run, or the service's). */
    runAutomatic: (options: OperationOptions & { actor?: string | null; retention?: RetentionPolicy | undefined }): Promise<AutomaticBackupResult> =>
      exclusive('une sauvegarde', async () => {
        const backup = await create({ description: 'Sauvegarde automatique', trigger: 'schedule', actor: options.actor ?? null, signal: options.signal, progress: options.progress });
        return { backup, deleted: await cleanup(options.retention ?? deps.retention) };
      }),
  };
}

export type BackupService = ReturnType<typeof createBackupService>;
