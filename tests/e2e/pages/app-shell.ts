import type { Locator, Page } from 'playwright-core';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Where the header, the screen below it and « prêt hors ligne » stand (`notice` null when it is not shown). */
export interface ShellLayout {
  headerBar: Box;
  /** The header bar is wider inside than on screen (its content pushed out). */
  headerBarOverflows: boolean;
  main: Box;
  notice: {
    box: Box;
    inHeaderBar: boolean;
    position: string;
    role: string | null;
    text: string;
    /** Where its text's lines stand: within `box` when none is cut. */
    textBox: Box;
  } | null;
}

/** Elements of the app shell outside the missions screen: conflicts, the update banner, « prêt hors ligne ». */
export class AppShell {
  readonly conflictPanel: Locator;
  readonly conflictEntries: Locator;
  readonly updateBanner: Locator;
  readonly offlineReady: Locator;

  constructor(readonly page: Page) {
    this.conflictPanel = page.getByTestId('conflict-panel');
    this.conflictEntries = page.getByTestId('conflict-entry');
    this.updateBanner = page.getByTestId('update-banner');
    this.offlineReady = page.getByTestId('offline-ready');
  }

  /** The shell's layout, read in one go (« prêt hors ligne » leaves by itself after a few seconds). */
  async layout(): Promise<ShellLayout> {
    return this.page.evaluate(() => {
      const boxOf = (element: Element): Box => {
        const rect = element.getBoundingClientRect();
        return { x: rect.x, y: rect.y, width: rect.width, height: rect.height };
      };
      const bar = document.querySelector('.app-header-bar');
      const main = document.querySelector('.app-main');
      if (!bar || !main) {
        throw new Error('en-tête ou écran absent');
      }
      const notice = document.querySelector('[data-testid="offline-ready"]');
      const text = notice?.querySelector('span');
      return {
        headerBar: boxOf(bar),
        headerBarOverflows: bar.scrollWidth > bar.clientWidth,
        main: boxOf(main),
        notice:
          notice && text
            ? {
                box: boxOf(notice),
                inHeaderBar: bar.contains(notice),
                position: getComputedStyle(notice).position,
                role: notice.getAttribute('role'),
                text: text.textContent ?? '',
                textBox: boxOf(text),
              }
            : null,
      };
    });
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
