import type { Locator, Page } from 'playwright-core';

export type NavGroup = 'planning' | 'facturation' | 'administration';

export interface Box {
  name: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The header's menus (Planning, Facturation, Administration), the current menu's screens, and the "access denied" page. */
export class AppNav {
  readonly header: Locator;
  readonly groups: Locator;
  readonly subnav: Locator;
  readonly accessDenied: Locator;

  constructor(readonly page: Page) {
    this.header = page.locator('header.app-header');
    this.groups = page.locator('nav.app-nav a');
    this.subnav = page.getByTestId('app-subnav');
    this.accessDenied = page.getByTestId('access-denied');
  }

  group(name: NavGroup): Locator {
    return this.page.getByTestId(`nav-group-${name}`);
  }

  entry(screen: string): Locator {
    return this.page.getByTestId(`nav-${screen}`);
  }

  /** Opens a screen from the header: its menu first when the screen is in another one. */
  async open(group: NavGroup, screen: string): Promise<void> {
    if (!(await this.entry(screen).isVisible())) {
      await this.group(group).click();
    }
    await this.entry(screen).click();
  }

  /** The menus' titles, then the current menu's screens, as shown. */
  async texts(): Promise<{ groups: string[]; entries: string[] }> {
    return {
      groups: await this.groups.allInnerTexts(),
      entries: (await this.subnav.count()) === 0 ? [] : await this.subnav.getByRole('link').allInnerTexts(),
    };
  }

  /** Every link and button of the header with its box, for "fits the viewport" checks. */
  async boxes(): Promise<Box[]> {
    const items = this.header.locator('a, button');
    const boxes: Box[] = [];
    for (let index = 0; index < (await items.count()); index += 1) {
      const item = items.nth(index);
      const box = await item.boundingBox();
      const name = ((await item.innerText()).trim() || (await item.getAttribute('data-testid')) || (await item.getAttribute('aria-label')) || `#${index}`).replace(/\s+/g, ' ');
      boxes.push(box ? { name, ...box } : { name, x: -1, y: -1, width: 0, height: 0 });
    }
    return boxes;
  }

  /** The element drawn at the centre of a box belongs to that item (nothing covers it). */
  async uncovered(locator: Locator): Promise<boolean> {
    return locator.evaluate((element) => {
      const rect = element.getBoundingClientRect();
      const top = document.elementFromPoint(rect.left + rect.width / 2, rect.top + rect.height / 2);
      return top !== null && (top === element || element.contains(top));
    });
  }
}
