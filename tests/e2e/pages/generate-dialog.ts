import type { Locator, Page } from 'playwright-core';

/** Voyages → "Générer les missions": the period, the usual-chauffeur box, and the report. */
export class GenerateDialog {
  readonly openButton: Locator;
  readonly from: Locator;
  readonly to: Locator;
  readonly submit: Locator;
  readonly result: Locator;
  readonly created: Locator;
  readonly unassigned: Locator;
  readonly delivery: Locator;

  constructor(readonly page: Page) {
    this.openButton = page.getByTestId('generate-missions');
    this.from = page.locator('#generate-from');
    this.to = page.locator('#generate-to');
    this.submit = page.getByTestId('generate-submit');
    this.result = page.getByTestId('generate-result');
    this.created = page.getByTestId('generate-created');
    this.unassigned = page.getByTestId('generate-unassigned').locator('li');
    this.delivery = page.getByTestId('generate-delivery');
  }

  /** Opens the voyages screen, once it lists `voyageCode` (synced to this PC), then the dialog. */
  async open(voyageCode: string): Promise<void> {
    await this.page.goto('/app/voyages', { waitUntil: 'load' });
    await this.page.locator('main').getByText(voyageCode, { exact: true }).first().waitFor({ state: 'visible' });
    await this.openButton.click();
    await this.submit.waitFor({ state: 'visible' });
  }

  /** Generates `from`..`to` (the usual chauffeur box is left ticked) and waits for the report. */
  async generate(from: string, to: string): Promise<void> {
    await this.from.fill(from);
    await this.to.fill(to);
    await this.submit.click();
    await this.result.waitFor({ state: 'visible' });
  }

  /** How many of the generated missions the server holds, as the dialog reports it live. */
  async onServer(): Promise<number> {
    return Number(await this.delivery.getAttribute('data-on-server'));
  }
}
