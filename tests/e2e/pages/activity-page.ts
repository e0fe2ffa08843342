import type { Locator, Page } from 'playwright-core';
import { pollUntil } from '../support/wait';

export interface ActivityRowText {
  user: string;
  action: string;
  details: string;
}

/** The activity log screen (`/journal`): filters, `activity-row`s, pager, security banner. */
export class ActivityPage {
  readonly navLink: Locator;
  readonly root: Locator;
  readonly user: Locator;
  readonly collection: Locator;
  readonly action: Locator;
  readonly from: Locator;
  readonly to: Locator;
  readonly rows: Locator;
  readonly next: Locator;
  readonly previous: Locator;
  readonly range: Locator;
  readonly risks: Locator;
  readonly offline: Locator;
  readonly error: Locator;

  constructor(readonly page: Page) {
    this.navLink = page.getByTestId('nav-journal');
    this.root = page.getByTestId('activity-page');
    this.user = page.getByTestId('activity-filter-user');
    this.collection = page.getByTestId('activity-filter-collection');
    this.action = page.getByTestId('activity-filter-action');
    this.from = page.getByTestId('activity-filter-from');
    this.to = page.getByTestId('activity-filter-to');
    this.rows = page.getByTestId('activity-row');
    this.next = page.getByTestId('activity-next');
    this.previous = page.getByTestId('activity-prev');
    this.range = page.getByTestId('activity-range');
    this.risks = page.getByTestId('security-risks');
    this.offline = page.getByTestId('activity-offline');
    this.error = page.getByTestId('activity-error');
  }

  /** Opens the log from the header's navigation and waits for its first page. */
  async openFromNav(): Promise<void> {
    // The log is in the Administration menu: open the menu first when another one is shown.
    if (!(await this.navLink.isVisible())) {
      await this.page.getByTestId('nav-group-administration').click();
    }
    await this.navLink.click();
    await this.root.waitFor({ state: 'visible' });
    await this.waitUntilLoaded();
  }

  /** Waits until the page shows the server's answer to the current filters (or a problem). */
  async waitUntilLoaded(): Promise<string> {
    return pollUntil(
      async () => {
        const status = await this.root.getAttribute('data-status');
        return status !== null && status !== 'loading' ? status : undefined;
      },
      { what: 'activity-page chargée (data-status ≠ loading)', describe: async () => `data-status=${await this.root.getAttribute('data-status')}` },
    );
  }

  async filterCollection(collection: string): Promise<void> {
    await this.collection.selectOption(collection);
    await this.waitUntilLoaded();
  }

  /** The row of `action` on the document `documentId`. */
  row(documentId: string, action: string): Locator {
    return this.page.locator(`[data-testid="activity-row"][data-document-id="${documentId}"][data-action="${action}"]`);
  }

  /** The document a row speaks of, as the journal names it. */
  async documentName(row: Locator): Promise<string> {
    return (await row.getByTestId('activity-document').innerText()).trim();
  }

  async rowText(row: Locator): Promise<ActivityRowText> {
    const [user, action, details] = await Promise.all([
      row.getByTestId('activity-user').innerText(),
      row.getByTestId('activity-action').innerText(),
      row.locator('.col-details').innerText(),
    ]);
    return { user: user.trim(), action: action.trim(), details: details.replace(/\s+/g, ' ').trim() };
  }

  /** The `data-collection` of every row shown. */
  async shownCollections(): Promise<string[]> {
    return this.rows.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-collection') ?? ''));
  }

  async total(): Promise<number> {
    return Number(await this.range.getAttribute('data-total'));
  }
}
