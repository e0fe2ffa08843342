import type { Locator, Page } from 'playwright-core';
import { compactText } from './invoicing-documents';
import { SyncBadge } from './sync-badge';

/** "Facturer des missions" (`/app/facturer-missions`): a customer, a period, their delivered missions and the draft invoice. */
export class InvoicingMissionsPage {
  readonly badge: SyncBadge;

  constructor(readonly page: Page) {
    this.badge = new SyncBadge(page);
  }

  async open(): Promise<void> {
    await this.page.getByTestId('tab-facturerMissions').click();
    await this.page.getByTestId('mission-billing').waitFor({ state: 'visible' });
  }

  /** Picks the customer by name and the period (`YYYY-MM-DD`, typed in the date fields). */
  async choose(customer: string, from: string, to: string): Promise<void> {
    await this.page.getByTestId('billing-client').selectOption({ label: customer });
    await this.page.getByTestId('billing-from').fill(from);
    await this.page.getByTestId('billing-to').fill(to);
  }

  async groupPerVoyage(): Promise<void> {
    await this.page.getByTestId('billing-grouping-voyage').check();
  }

  missions(): Locator {
    return this.page.getByTestId('billing-mission');
  }

  async totals(): Promise<{ ht: string; ttc: string }> {
    return {
      ht: compactText(await this.page.getByTestId('billing-total-ht').textContent()),
      ttc: compactText(await this.page.getByTestId('billing-total-ttc').textContent()),
    };
  }

  /** Creates the draft invoice; the invoice's panel opens on it. */
  async createDraft(): Promise<void> {
    await this.page.getByTestId('billing-create').click();
    await this.page.getByTestId('facture-panel').waitFor({ state: 'visible' });
  }

  empty(): Locator {
    return this.page.getByTestId('billing-empty');
  }

  invoicedNote(): Locator {
    return this.page.getByTestId('billing-invoiced');
  }
}
