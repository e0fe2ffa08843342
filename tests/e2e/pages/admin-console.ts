import type { Locator, Page } from 'playwright-core';
import { pollUntil } from '../support/wait';
import { AppNav } from './app-nav';

/** The administration console: backups, jobs (run, progress, schedule), sessions. */
export class AdminConsole {
  readonly nav: AppNav;
  readonly notice: Locator;
  readonly error: Locator;

  constructor(readonly page: Page) {
    this.nav = new AppNav(page);
    this.notice = page.getByTestId('admin-notice');
    this.error = page.getByTestId('admin-error');
    // The console asks before deleting or closing: the tests say yes.
    page.on('dialog', (dialog) => {
      void dialog.accept();
    });
  }

  async openScreen(screen: 'admin' | 'adminBackups' | 'adminJobs' | 'adminSessions' | 'adminUsers' | 'adminConfig' | 'adminRoles' | 'adminLogs'): Promise<void> {
    await this.nav.open('administration', screen);
  }

  backupRow(description: string): Locator {
    return this.page.getByTestId('backup-row').filter({ hasText: description });
  }

  async createBackup(description: string): Promise<void> {
    await this.page.getByTestId('backup-description').fill(description);
    await this.page.getByTestId('backup-create').click();
    await this.backupRow(description).waitFor({ state: 'visible' });
  }

  async backupSize(description: string): Promise<string> {
    return (await this.backupRow(description).getByTestId('backup-size').innerText()).trim();
  }

  jobRow(name: string): Locator {
    return this.page.locator(`[data-testid="job-row"][data-job="${name}"]`);
  }

  /**
   * Records every state the job's progress bar shows (done/total), from now on: the runs of a small
   * job end within a few frames, so the test reads what was drawn rather than polling for it.
   */
  async recordProgress(name: string): Promise<void> {
    await this.page.evaluate((job) => {
      const seen: string[] = [];
      (window as unknown as { __progress: string[] }).__progress = seen;
      const read = (): void => {
        const bar = document.querySelector(`[data-testid="job-row"][data-job="${job}"] [data-testid="job-progress"]`);
        const state = bar ? `${bar.getAttribute('data-done') ?? ''}/${bar.getAttribute('data-total') ?? ''} ${bar.getAttribute('data-status') ?? ''}` : null;
        if (state && seen[seen.length - 1] !== state) {
          seen.push(state);
        }
      };
      new MutationObserver(read).observe(document.body, { subtree: true, childList: true, attributes: true });
    }, name);
  }

  async progressSeen(): Promise<string[]> {
    return this.page.evaluate(() => (window as unknown as { __progress?: string[] }).__progress ?? []);
  }

  async runJob(name: string): Promise<void> {
    await this.jobRow(name).getByTestId('job-run').click();
  }

  /** Waits until the job's last run has this status (`succeeded`, `failed`…). */
  async waitForLastStatus(name: string, status: string): Promise<void> {
    await pollUntil(async () => (await this.jobRow(name).locator(`[data-testid="run-status"][data-status="${status}"]`).count()) > 0 || undefined, {
      what: `la tâche ${name} terminée (${status})`,
    });
  }

  /** Opens the schedule dialog of a job and types a schedule; saves when `save`. */
  async typeSchedule(name: string, schedule: string): Promise<void> {
    const input = this.page.getByTestId('schedule-input');
    if (!(await input.isVisible())) {
      await this.jobRow(name).getByTestId('job-edit-schedule').click();
    }
    await input.fill(schedule);
    await this.page.getByTestId('schedule-save').click();
  }

  async schedule(name: string): Promise<string> {
    return (await this.jobRow(name).getByTestId('job-schedule').innerText()).trim();
  }

  sessionRows(username: string): Locator {
    return this.page.locator(`[data-testid="session-row"][data-username="${username}"]`);
  }

  async kickFirstSession(username: string): Promise<void> {
    await this.sessionRows(username).first().getByTestId('session-kick').click();
  }
}
