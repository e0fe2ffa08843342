import type { Locator, Page } from 'playwright-core';

/** The "À revoir" lane (missions list and board) and the sync panel's refusals. */
export class RefusedMissions {
  readonly lane: Locator;
  readonly entries: Locator;
  readonly panelEntries: Locator;
  readonly badgeCount: Locator;

  constructor(readonly page: Page) {
    this.lane = page.getByTestId('refused-missions');
    this.entries = this.lane.getByTestId('refused-mission');
    this.panelEntries = page.getByTestId('refused-entry');
    this.badgeCount = page.getByTestId('sync-refused');
  }

  entry(id: string): Locator {
    return this.lane.locator(`[data-testid="refused-mission"][data-id="${id}"]`);
  }

  /** Opens the sync panel from the badge. */
  async openPanel(): Promise<void> {
    await this.page.getByTestId('sync-badge').click();
    await this.page.getByTestId('conflict-panel').waitFor({ state: 'visible' });
  }

  /** Opens the correction form of a refused mission. */
  async fix(id: string): Promise<void> {
    await this.entry(id).getByTestId('refused-fix').click();
    await this.page.getByTestId('mission-form-save').waitFor({ state: 'visible' });
  }
}
