import type { Dialog, Locator, Page } from 'playwright-core';
import { MissionForm, type MissionFields } from './mission-form';
import { SyncBadge } from './sync-badge';

/** The missions screen of the PWA: day filter, list of `mission-row`, form, sync badge. */
export class MissionsPage {
  readonly dateFilter: Locator;
  readonly newButton: Locator;
  readonly rows: Locator;
  readonly form: MissionForm;
  readonly badge: SyncBadge;

  constructor(readonly page: Page) {
    this.dateFilter = page.getByTestId('mission-date-filter');
    this.newButton = page.getByTestId('mission-new');
    this.rows = page.getByTestId('mission-row');
    this.form = new MissionForm(page);
    this.badge = new SyncBadge(page);
  }

  /** Opens the missions screen (at `/app/missions`, or `path`) and waits for it to be rendered. */
  async open(path = '/app/missions'): Promise<void> {
    await this.page.goto(path, { waitUntil: 'load' });
    await this.waitUntilReady();
  }

  /** Waits for the day filter and the sync badge (the screen is rendered, the local database open). */
  async waitUntilReady(): Promise<void> {
    await this.dateFilter.waitFor({ state: 'visible' });
    await this.badge.root.waitFor({ state: 'attached' });
  }

  /** Shows the missions of `day` (`YYYY-MM-DD`). */
  async showDay(day: string): Promise<void> {
    await this.dateFilter.fill(day);
    await this.dateFilter.blur();
    const shown = await this.dateFilter.inputValue();
    if (shown !== day) {
      throw new Error(`mission-date-filter affiche ${shown} au lieu de ${day}`);
    }
  }

  async shownDay(): Promise<string> {
    return this.dateFilter.inputValue();
  }

  /** The row(s) whose text contains `destination`. */
  row(destination: string): Locator {
    return this.rows.filter({ hasText: destination });
  }

  async waitForRow(destination: string): Promise<Locator> {
    const row = this.row(destination);
    await row.first().waitFor({ state: 'visible' });
    return row;
  }

  async waitForNoRow(destination: string): Promise<void> {
    await this.row(destination).first().waitFor({ state: 'detached' });
  }

  /** Creates a mission through the form and waits for its row. */
  async createMission(fields: MissionFields & { destination: string }): Promise<Locator> {
    await this.newButton.click();
    await this.form.waitUntilOpen();
    await this.form.fill(fields);
    await this.form.submit();
    return this.waitForRow(fields.destination);
  }

  /** Edits the mission shown with `destination` and waits for its updated row. */
  async editMission(destination: string, changes: MissionFields): Promise<Locator> {
    const row = await this.waitForRow(destination);
    await row.first().getByTestId('mission-edit').click();
    await this.form.waitUntilOpen();
    await this.form.fill(changes);
    await this.form.submit();
    return this.waitForRow(changes.destination ?? destination);
  }

  /** Deletes the mission shown with `destination`, accepting a confirmation dialog if one opens. */
  async deleteMission(destination: string): Promise<void> {
    const row = await this.waitForRow(destination);
    const onDialog = (dialog: Dialog): void => void dialog.accept();
    this.page.once('dialog', onDialog);
    try {
      await row.first().getByTestId('mission-delete').click();
      await this.waitForNoRow(destination);
    } finally {
      this.page.off('dialog', onDialog);
    }
  }
}
