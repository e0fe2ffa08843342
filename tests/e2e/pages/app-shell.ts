import type { Locator, Page } from 'playwright-core';

/** Elements of the app shell outside the missions screen: conflicts and the update banner. */
export class AppShell {
  readonly conflictPanel: Locator;
  readonly conflictEntries: Locator;
  readonly updateBanner: Locator;

  constructor(readonly page: Page) {
    this.conflictPanel = page.getByTestId('conflict-panel');
    this.conflictEntries = page.getByTestId('conflict-entry');
    this.updateBanner = page.getByTestId('update-banner');
  }

  async conflictCount(): Promise<number> {
    return this.conflictEntries.count();
  }

  /** The `manifest` link of the document, resolved against the page URL, or null. */
  async manifestUrl(): Promise<string | null> {
    return this.page.evaluate(() => {
      const link = document.querySelector<HTMLLinkElement>('link[rel="manifest"]');
      return link ? link.href : null;
    });
  }
}
