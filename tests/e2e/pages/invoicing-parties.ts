import type { Locator, Page } from 'playwright-core';
import { SyncBadge } from './sync-badge';

export interface EntrepriseFields {
  raisonSociale: string;
  siren: string;
  ville: string;
  /** Names of the customer groups to add. */
  groupes: readonly string[];
  /** Typed with spaces, lower case: the form stores it compact and upper-case. */
  iban?: string;
}

export interface ContactFields {
  nom: string;
  ville: string;
}

/** The invoicing module's companies, contacts and dashboard screens (`/app/entreprises`, `/app/contacts`, `/app/facturation`). */
export class InvoicingPartiesPage {
  readonly badge: SyncBadge;
  readonly dialog: Locator;

  constructor(readonly page: Page) {
    this.badge = new SyncBadge(page);
    this.dialog = page.locator('dialog[open]');
  }

  async tab(screen: 'facturation' | 'contacts' | 'entreprises' | 'articles'): Promise<void> {
    await this.page.getByTestId(`tab-${screen}`).click();
    await this.page.locator('.toolbar h1').waitFor({ state: 'visible' });
  }

  row(text: string): Locator {
    return this.page.locator('tbody tr', { hasText: text });
  }

  /** Creates an issuing company with its address, SIREN and groups (the other fields keep their defaults). */
  async createEntreprise(fields: EntrepriseFields): Promise<void> {
    await this.page.getByTestId('entreprise-new').click();
    await this.dialog.waitFor({ state: 'visible' });
    await this.dialog.getByLabel('Raison sociale', { exact: true }).fill(fields.raisonSociale);
    await this.dialog.getByLabel('SIREN', { exact: true }).fill(fields.siren);
    const adresse = this.dialog.getByTestId('entreprise-adresse');
    await adresse.getByLabel('Adresse', { exact: true }).fill('1 rue du Port');
    await adresse.getByLabel('Code postal', { exact: true }).fill('13002');
    await adresse.getByLabel('Ville', { exact: true }).fill(fields.ville);
    if (fields.iban) {
      await this.dialog.getByLabel('IBAN', { exact: true }).fill(fields.iban);
    }
    const groupes = this.dialog.getByTestId('entreprise-groupes');
    for (const nom of fields.groupes) {
      await this.dialog.getByTestId('groupe-add').click();
      await groupes.getByLabel('Nom du groupe').last().fill(nom);
    }
    await this.page.getByTestId('entreprise-save').click();
    await this.dialog.waitFor({ state: 'detached' });
  }

  /** Asks to remove a group of the open company form. */
  async removeGroupe(nom: string): Promise<void> {
    const rows = this.dialog.getByTestId('groupe-row');
    const count = await rows.count();
    for (let index = 0; index < count; index += 1) {
      const row = rows.nth(index);
      if ((await row.getByLabel('Nom du groupe').inputValue()) === nom) {
        await row.getByRole('button', { name: 'Supprimer' }).click();
        return;
      }
    }
    throw new Error(`groupe ${nom} absent du formulaire`);
  }

  /** Opens the new-contact dialog. */
  async openNewContact(): Promise<void> {
    await this.page.getByTestId('contact-new').click();
    await this.dialog.waitFor({ state: 'visible' });
  }

  async chooseEntreprise(raisonSociale: string): Promise<void> {
    await this.dialog.getByLabel('Entreprise', { exact: true }).selectOption({ label: raisonSociale });
  }

  /** The names of the groups the contact form offers. */
  async offeredGroupes(): Promise<string[]> {
    const labels = await this.dialog.getByTestId('contact-groupes').locator('label.groupe-option').allInnerTexts();
    return labels.map((label) => label.trim());
  }

  async tickGroupe(nom: string): Promise<void> {
    await this.dialog.getByTestId('contact-groupes').getByLabel(nom, { exact: true }).check();
  }

  /** The flagged groups' messages (a group of another company). */
  groupeIssues(): Locator {
    return this.dialog.getByTestId('groupe-issue');
  }

  async fillContact(fields: ContactFields): Promise<void> {
    await this.dialog.getByLabel('Nom ou raison sociale', { exact: true }).fill(fields.nom);
    const adresse = this.dialog.getByTestId('contact-adresse-facturation');
    await adresse.getByLabel('Adresse', { exact: true }).fill('3 quai Est');
    await adresse.getByLabel('Code postal', { exact: true }).fill('69002');
    await adresse.getByLabel('Ville', { exact: true }).fill(fields.ville);
  }

  async saveContact(): Promise<void> {
    await this.page.getByTestId('contact-save').click();
    await this.dialog.waitFor({ state: 'detached' });
  }

  /** The bar of a month (`YYYY-MM`) of the dashboard's turnover chart. */
  turnoverBar(month: string): Locator {
    return this.page.getByTestId(`turnover-${month}`);
  }
}
