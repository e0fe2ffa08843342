import type { Locator, Page } from 'playwright-core';

/** The SAGES connector page (`/app/admin/sages`): tabs, configuration tests, job panels, read-only lists. */
export class SagesPage {
  constructor(readonly page: Page) {}

  get root(): Locator {
    return this.page.getByTestId('sages-page');
  }

  async tab(name: string): Promise<void> {
    await this.page.getByRole('tab', { name }).click();
  }

  async testConnection(side: 'sql-server' | 'batisimply'): Promise<string> {
    await this.page.getByTestId(`sages-test-${side}`).click();
    const result = this.page.getByTestId('sages-test-result').nth(side === 'sql-server' ? 0 : 1);
    await result.waitFor({ state: 'visible' });
    return (await result.textContent()) ?? '';
  }

  async openJob(label: string): Promise<Locator> {
    await this.page.getByRole('button', { name: label, exact: true }).click();
    return this.page.locator('.sages-job');
  }

  async dryRun(): Promise<string> {
    await this.page.getByTestId('sages-dry-run').click();
    const result = this.page.getByTestId('sages-dry-result');
    await result.waitFor({ state: 'visible' });
    return (await result.textContent()) ?? '';
  }
}
