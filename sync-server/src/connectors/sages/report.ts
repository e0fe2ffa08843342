import { createHash } from 'node:crypto';
import type { JobCountName } from '@relais/schema';
import type { JobLog } from '../../scheduler/context';

/** What a SAGES job reports, kept with its run (`job_runs.result`) and answered by a dry run. */
export interface SagesChange {
  action: 'create' | 'update' | 'archive' | 'send' | 'move';
  /** The chantier code or the employee and day, as a person reads it. */
  label: string;
}

export interface SagesUnmapped {
  /** The employee or chantier, by name. */
  name: string;
  /** The day of the hours, when it is about hours. */
  day: string | null;
  reason: 'salarie_inconnu' | 'chantier_sans_code' | 'projet_inconnu';
}

export interface SagesFailure {
  label: string;
  message: string;
}

export interface SagesReport {
  job: string;
  dryRun: boolean;
  counts: Record<Exclude<JobCountName, 'deleted'>, number>;
  changes: SagesChange[];
  /** Changes not listed past `changeListLimit`. */
  moreChanges: number;
  unmapped: SagesUnmapped[];
  failures: SagesFailure[];
}

export const changeListLimit = 200;

/** What the jobs are given: the scheduler's context, or the dry run's own. */
export interface SagesRunContext {
  dryRun: boolean;
  signal: AbortSignal;
  progress: (update: { done: number; total?: number | null; label?: string | null }) => void;
  count: (name: JobCountName, amount?: number) => void;
  log: JobLog;
}

export class Reporter {
  readonly report: SagesReport;

  constructor(
    job: string,
    private readonly context: SagesRunContext,
  ) {
    this.report = { job, dryRun: context.dryRun, counts: { created: 0, updated: 0, skipped: 0, failed: 0 }, changes: [], moreChanges: 0, unmapped: [], failures: [] };
  }

  private tally(name: keyof SagesReport['counts'], amount = 1): void {
    this.report.counts[name] += amount;
    this.context.count(name, amount);
  }

  change(change: SagesChange, count: 'created' | 'updated' | null): void {
    if (this.report.changes.length < changeListLimit) this.report.changes.push(change);
    else this.report.moreChanges++;
    if (count) this.tally(count);
  }

  skipped(amount = 1): void {
    if (amount > 0) this.tally('skipped', amount);
  }

  unmapped(entry: SagesUnmapped): void {
    this.report.unmapped.push(entry);
    this.tally('skipped');
    this.context.log.warn(`non rapproché : ${entry.name}${entry.day ? ` (${entry.day})` : ''}`, { reason: entry.reason });
  }

  failed(failure: SagesFailure, amount = 1): void {
    this.report.failures.push(failure);
    this.tally('failed', amount);
    this.context.log.warn(`échec : ${failure.label} : ${failure.message}`);
  }
}

export function fingerprint(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('base64url').slice(0, 22);
}
