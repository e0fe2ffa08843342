import { userInfo } from 'node:os';
import type { JobRun } from '@relais/schema';
import type { BackupService } from '../backup/service';
import type { Db } from '../db/client';
import { ApiError } from '../http/errors';
import type { Logger } from '../logger';
import { createJobScheduler } from '../scheduler/jobs';
import type { Scheduler } from '../scheduler/scheduler';
import type { RuntimeConfig } from '../settings/runtime-config';

export const jobUsage = `Usage : relais job list | relais job run <tâche>

  relais job list           les tâches planifiées : planification, prochaine exécution, dernier statut
  relais job run <tâche>    exécute une tâche tout de suite, ici, et affiche sa progression

Codes de sortie de « job run » : 0 réussie, 1 échouée, 2 commande ou tâche inconnue,
3 interrompue (délai dépassé), 4 déjà en cours (sur le serveur ou dans une autre console).
`;

/** The exit code of `relais job run` for each way a run ends. */
export const jobExitCodes = { succeeded: 0, failed: 1, usage: 2, aborted: 3, alreadyRunning: 4 } as const;

export interface JobCommandDeps {
  db: Db;
  logger: Logger;
  runtime: RuntimeConfig;
  print: (line: string) => void;
  printError: (line: string) => void;
  now?: () => Date;
  /** Every module's jobs by default. */
  scheduler?: Scheduler;
  /** The console's backups, for `relais job run backup`. */
  backups?: BackupService | undefined;
}

const statusLabels: Record<JobRun['status'], string> = {
  running: 'en cours',
  succeeded: 'réussie',
  failed: 'échouée',
  aborted: 'interrompue',
  missed: 'manquée',
};

function localTime(at: string | null, timezone: string): string {
  return at === null ? '—' : new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeStyle: 'short', timeZone: timezone }).format(new Date(at));
}

function countsText(run: JobRun): string {
  const parts = Object.entries(run.counts)
    .filter(([, value]) => value > 0)
    .map(([name, value]) => `${name} ${value}`);
  return parts.length > 0 ? parts.join(', ') : 'rien à signaler';
}

/** Who runs the command, for `job_runs.actor`. */
function systemUser(): string {
  try {
    return `console:${userInfo().username}`;
  } catch {
    return 'console';
  }
}

/**
 * `relais job`: the scheduled jobs seen from the server's console. `run` executes the job in this
 * process against the same database; it refuses while the server (or another console) runs it.
 * Answers the exit code.
 */
export async function runJobCommand(args: string[], { db, logger, runtime, print, printError, now, ...deps }: JobCommandDeps): Promise<number> {
  const [action, name] = args;
  const scheduler = deps.scheduler ?? createJobScheduler({ db, logger, runtime, now, backups: deps.backups });
  const timezone = runtime.current().RELAIS_JOBS_TIMEZONE;
  if (action === 'list' && name === undefined) {
    print(['tâche', 'planification', 'prochaine exécution', 'dernier statut'].join('\t'));
    for (const job of scheduler.list()) {
      const last = job.running ?? job.last_run;
      const status = last ? `${statusLabels[last.status]} (${localTime(last.started_at, timezone)})` : 'jamais exécutée';
      print([job.name, job.schedule, localTime(job.next_run, timezone), status].join('\t'));
    }
    print(`Fuseau horaire : ${timezone}`);
    return jobExitCodes.succeeded;
  }
  if (action !== 'run' || name === undefined) {
    printError(jobUsage);
    return jobExitCodes.usage;
  }
  if (!scheduler.has(name)) {
    printError(`Tâche inconnue : ${name} (${scheduler.names().join(', ')})`);
    return jobExitCodes.usage;
  }
  let runId: number | undefined;
  let lastLine = '';
  const stopListening = scheduler.onEvent((event) => {
    if (event.type === 'run-progress' && event.run.id === runId && event.run.progress) {
      const { done, total, label } = event.run.progress;
      const line = `  ${total === null ? done : `${done}/${total}`}${label ? ` ${label}` : ''}`;
      if (line !== lastLine) {
        lastLine = line;
        print(line);
      }
    }
  });
  try {
    const started = scheduler.run(name, { trigger: 'cli', actor: systemUser() });
    runId = started.runId;
    print(`${scheduler.definition(name).label} : exécution lancée.`);
    const run = await started.finished;
    for (const line of run.log_excerpt) {
      print(`  ${line}`);
    }
    print(`Exécution ${statusLabels[run.status]} : ${countsText(run)}.`);
    if (run.error !== null) {
      printError(run.error);
    }
    return run.status === 'succeeded' ? jobExitCodes.succeeded : run.status === 'aborted' ? jobExitCodes.aborted : jobExitCodes.failed;
  } catch (error) {
    if (error instanceof ApiError && error.code === 'ALREADY_RUNNING') {
      printError(error.message);
      return jobExitCodes.alreadyRunning;
    }
    throw error;
  } finally {
    stopListening();
    // A run past its timeout that ignores its signal: give it a moment, then record its end (the process ends it).
    await scheduler.stop(2000);
  }
}
