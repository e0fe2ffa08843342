import type { Locator, Page } from 'playwright-core';
import { SyncBadge } from './sync-badge';

export interface SstFields {
  code: string;
  nom: string;
  contactEmail: string;
  /** A tariff typed in euros (`450,50`), for roles with `view_finance`. */
  tarif?: { destination: string; euros: string };
}

/** The subcontractors screen (`/app/sst`) and the revenue per pallet screen (`/app/revenus`). */
export class SstPage {
  readonly badge: SyncBadge;
  readonly dialog: Locator;

  constructor(readonly page: Page) {
    this.badge = new SyncBadge(page);
    this.dialog = page.locator('dialog[open]');
  }

  async open(path: '/app/sst' | '/app/revenus'): Promise<void> {
    await this.page.goto(path, { waitUntil: 'load' });
    await this.page.locator('.toolbar h1').waitFor({ state: 'visible' });
  }

  /** Creates a subcontractor with one (primary) contact and, when given, one tariff. */
  async createSst(fields: SstFields): Promise<void> {
    await this.page.getByTestId('sst-new').click();
    await this.dialog.waitFor({ state: 'visible' });
    await this.dialog.getByLabel('Code', { exact: true }).fill(fields.code);
    await this.dialog.getByLabel('Nom', { exact: true }).first().fill(fields.nom);
    await this.page.getByTestId('sst-add-contact').click();
    const contacts = this.page.getByTestId('sst-contacts');
    await contacts.getByLabel('E-mail').fill(fields.contactEmail);
    if (fields.tarif) {
      const tarifs = this.page.getByTestId('sst-tarifs');
      await tarifs.getByRole('button').last().click();
      await tarifs.getByLabel('Destination').fill(fields.tarif.destination);
      await tarifs.getByLabel('Prix (€)').fill(fields.tarif.euros);
    }
    await this.page.getByTestId('sst-save').click();
    await this.dialog.waitFor({ state: 'detached' });
  }

  /** Creates a revenue per pallet typed in euros. */
  async createRevenu(destination: string, euros: string): Promise<void> {
    await this.page.getByTestId('revenu-new').click();
    await this.dialog.waitFor({ state: 'visible' });
    await this.dialog.getByLabel('Destination', { exact: true }).fill(destination);
    await this.dialog.getByLabel('Revenu par palette (€)').fill(euros);
    await this.page.getByTestId('revenu-save').click();
    await this.dialog.waitFor({ state: 'detached' });
  }

  row(text: string): Locator {
    return this.page.locator('tbody tr').filter({ hasText: text });
  }
}
