import type { Locator, Page } from 'playwright-core';
import { pollUntil } from '../support/wait';
import { SyncBadge } from './sync-badge';

/** Amounts as the page shows them (`1 113,00 €` with narrow spaces) without their spaces: `1113,00€`. */
export function compactText(text: string | null): string {
  return (text ?? '').replace(/[\s\u00a0\u202f]/g, '');
}

/** "Brouillon du 06/12/2026": how a document not numbered yet is named, never by its id. */
export const draftLabel = /^Brouillon du \d{2}\/\d{2}\/\d{4}$/;

export interface FreeLine {
  designation: string;
  quantite: string;
  prix: string;
  /** Basis points of the VAT rate select (`1000` for 10 %). */
  tvaBp: string;
}

/** The quotes (`/app/devis`) and invoices (`/app/factures`) screens: lists, editor panel and actions. */
export class InvoicingDocumentsPage {
  readonly badge: SyncBadge;
  readonly dialog: Locator;

  constructor(readonly page: Page) {
    this.badge = new SyncBadge(page);
    this.dialog = page.locator('dialog[open]');
  }

  async openDevisList(): Promise<void> {
    await this.page.getByTestId('tab-devis').click();
    await this.page.getByTestId('devis-page').waitFor({ state: 'visible' });
  }

  async openFacturesList(): Promise<void> {
    await this.page.getByTestId('tab-factures').click();
    await this.page.getByTestId('factures-page').waitFor({ state: 'visible' });
  }

  /** Opens a new quote's editor; the only company is chosen already. */
  async newDevis(): Promise<void> {
    await this.page.getByTestId('devis-new').click();
    await this.page.getByTestId('devis-panel').waitFor({ state: 'visible' });
  }

  async chooseContact(name: string): Promise<void> {
    await this.page.getByTestId('doc-contact-search').fill(name);
    await this.page.getByTestId('doc-contact').selectOption({ label: name });
  }

  /** Searches an article by reference or label and adds its line. */
  async addArticle(search: string): Promise<void> {
    await this.page.getByTestId('article-search').fill(search);
    await this.page.getByTestId('article-option').first().click();
  }

  async addFreeLine(line: FreeLine): Promise<void> {
    await this.page.getByTestId('line-add').click();
    const row = this.lines().last();
    await row.getByTestId('line-designation').fill(line.designation);
    await row.getByTestId('line-quantite').fill(line.quantite);
    await row.getByTestId('line-prix').fill(line.prix);
    await row.getByTestId('line-tva').selectOption(line.tvaBp);
  }

  lines(): Locator {
    return this.page.getByTestId('line-row');
  }

  async totals(): Promise<{ ht: string; tva: string; ttc: string }> {
    const read = async (id: string): Promise<string> => compactText(await this.page.getByTestId(id).textContent());
    return { ht: await read('total-ht'), tva: await read('total-tva'), ttc: await read('total-ttc') };
  }

  async save(): Promise<void> {
    await this.page.getByTestId('doc-save').click();
  }

  /** The number shown in the panel's title. */
  async number(): Promise<string> {
    return ((await this.page.getByTestId('doc-number').textContent()) ?? '').trim();
  }

  /** The open document's id, from the panel's `data-id` (the screen itself never shows it). */
  async openDocumentId(): Promise<string> {
    const id = await this.page.locator('[data-testid="devis-panel"], [data-testid="facture-panel"]').getAttribute('data-id');
    if (!id) {
      throw new Error('aucun document ouvert');
    }
    return id;
  }

  async waitForNumber(what: string, predicate: (numero: string) => boolean): Promise<string> {
    return pollUntil(
      async () => {
        const numero = await this.number();
        return predicate(numero) ? numero : undefined;
      },
      { what, describe: () => this.number() },
    );
  }

  async devisStatut(): Promise<string> {
    return ((await this.page.getByTestId('doc-statut').textContent()) ?? '').trim();
  }

  async waitForDevisStatut(text: string): Promise<void> {
    await this.page.getByTestId('doc-statut').filter({ hasText: text }).waitFor({ state: 'visible' });
  }

  /** Validates the open draft invoice through the confirmation dialog. */
  async validateFacture(): Promise<void> {
    await this.page.getByTestId('facture-validate').click();
    await this.dialog.waitFor({ state: 'visible' });
    await this.page.getByTestId('confirm-validate').click();
    await this.page.locator('[data-testid="facture-panel"][data-statut="validee"]').waitFor({ state: 'visible' });
  }

  /** Records a payment of the amount proposed (what is still owed). */
  async recordPayment(): Promise<void> {
    await this.page.getByTestId('payment-new').click();
    await this.dialog.waitFor({ state: 'visible' });
    await this.page.getByTestId('payment-save').click();
    await this.dialog.waitFor({ state: 'detached' });
  }

  factureState(): Locator {
    return this.page.getByTestId('facture-state');
  }

  factureRow(numero: string): Locator {
    return this.page.getByTestId('facture-row').filter({ hasText: numero });
  }
}
