import type { Locator, Page } from 'playwright-core';

/** The header's user menu: who is signed in, and the sign-out (with the wipe of local data). */
export class UserMenu {
  readonly button: Locator;
  readonly logout: Locator;
  readonly wipe: Locator;

  constructor(readonly page: Page) {
    this.button = page.getByTestId('user-menu');
    this.logout = page.getByTestId('logout');
    this.wipe = page.getByTestId('logout-wipe');
  }

  async username(): Promise<string | null> {
    return this.button.getAttribute('data-username');
  }

  async role(): Promise<string | null> {
    return this.button.getAttribute('data-role');
  }

  /** Signs out, erasing this device's local data when `wipe`; waits for the sign-in form. */
  async signOut({ wipe }: { wipe: boolean }): Promise<void> {
    await this.button.click();
    await this.logout.waitFor({ state: 'visible' });
    if (wipe) {
      await this.wipe.check();
    }
    await this.logout.click();
    await this.page.getByTestId('login-username').waitFor({ state: 'visible' });
  }
}
