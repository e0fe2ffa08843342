import type { Download, Locator, Page } from 'playwright-core';

export interface WmsConnectionFields {
  name: string;
  host: string;
  port: number;
  user: string;
  privateKey: string;
  dbUser: string;
  dbPassword: string;
  dbName: string;
  backupDir: string;
  remoteTemp: string;
}

export interface WmsExportFields {
  name: string;
  query: string;
  separator: ';' | ',';
  format: 'fr' | 'iso';
}

/** The WMS connector page (`/app/admin/wms`): connections, test and fingerprint, runs, restore points, saved exports. */
export class WmsPage {
  constructor(readonly page: Page) {}

  get root(): Locator {
    return this.page.getByTestId('wms-page');
  }

  get connections(): Locator {
    return this.page.getByTestId('wms-connections');
  }

  get restorePoints(): Locator {
    return this.page.getByTestId('wms-restore-points');
  }

  get savedExports(): Locator {
    return this.page.getByTestId('wms-saved-exports');
  }

  async createConnection(fields: WmsConnectionFields): Promise<void> {
    await this.page.getByRole('button', { name: 'Nouvelle connexion' }).click();
    const form = this.page.getByTestId('wms-form');
    const fill = (label: string, value: string | number) => form.getByLabel(label, { exact: true }).fill(String(value));
    await fill('Nom', fields.name);
    await fill('Hôte SSH', fields.host);
    await fill('Port', fields.port);
    await fill('Utilisateur SSH', fields.user);
    // The only select of the form; its label's accessible name also holds the chosen option.
    await form.locator('select').selectOption('key');
    await fill('Clé privée', fields.privateKey);
    await fill('Utilisateur de la base', fields.dbUser);
    await fill('Mot de passe de la base', fields.dbPassword);
    await fill('Base', fields.dbName);
    await fill('Dossier des sauvegardes (sur le serveur Relais)', fields.backupDir);
    await fill('Dossier temporaire sur l’hôte', fields.remoteTemp);
    await fill('Planification des sauvegardes (cron, ou off)', 'off');
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await form.waitFor({ state: 'detached' });
  }

  /** Runs the connection test; answers the report's text once shown. */
  async test(): Promise<Locator> {
    await this.page.getByTestId('wms-test').click();
    const report = this.page.getByTestId('wms-test-report');
    await report.waitFor({ state: 'visible' });
    return report;
  }

  /** Fetches the host's fingerprint: answers the panel showing it, with its pin button. */
  async fetchFingerprint(): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Récupérer l’empreinte' }).click();
    const panel = this.page.getByTestId('wms-fingerprint');
    await panel.waitFor({ state: 'visible' });
    return panel;
  }

  async pin(): Promise<void> {
    await this.page.getByRole('button', { name: 'Épingler cette empreinte' }).click();
    await this.page.getByTestId('wms-fingerprint').waitFor({ state: 'detached' });
  }

  /** Starts a run with `start`, then answers its panel once that run (not an earlier one) has ended. */
  async launch(start: () => Promise<void>): Promise<Locator> {
    const panel = this.page.getByTestId('wms-run');
    const earlier = (await panel.count()) > 0 ? await panel.getAttribute('data-run') : null;
    await start();
    const ended = this.page.locator(
      `[data-testid="wms-run"]${earlier === null ? '' : `:not([data-run="${earlier}"])`}:not([data-status="running"]):not([data-status="starting"])`,
    );
    await ended.waitFor({ state: 'visible' });
    return ended;
  }

  async backup(): Promise<Locator> {
    return this.launch(() => this.page.getByTestId('wms-backup').click());
  }

  async openExportDialog(): Promise<Locator> {
    await this.page.getByTestId('wms-export-add').click();
    const dialog = this.page.getByRole('dialog', { name: 'Nouvel export enregistré' });
    await dialog.waitFor({ state: 'visible' });
    return dialog;
  }

  async fillQueryExport(dialog: Locator, fields: WmsExportFields): Promise<void> {
    await dialog.getByLabel('Nom de l’export', { exact: true }).fill(fields.name);
    await dialog.getByLabel('Contenu', { exact: true }).selectOption('query');
    await dialog.getByLabel('Requête (lecture seule)', { exact: true }).fill(fields.query);
    await dialog.getByLabel('Séparateur', { exact: true }).selectOption(fields.separator);
    await dialog.getByLabel('Dates et nombres', { exact: true }).selectOption(fields.format);
  }

  async saveExport(dialog: Locator): Promise<void> {
    await dialog.getByTestId('wms-export-save').click();
  }

  exportRow(name: string): Locator {
    return this.savedExports.getByTestId('wms-saved-export').filter({ hasText: name });
  }

  async downloadExport(name: string): Promise<Download> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.exportRow(name).getByRole('button', { name: 'Télécharger' }).click()]);
    return download;
  }

  async runExport(name: string): Promise<Locator> {
    return this.launch(() => this.exportRow(name).getByRole('button', { name: 'Lancer' }).click());
  }

  async deleteExport(name: string): Promise<void> {
    await this.exportRow(name).getByRole('button', { name: 'Supprimer' }).click();
    await this.page.getByRole('alertdialog').getByRole('button', { name: 'Oui, supprimer' }).click();
    await this.exportRow(name).waitFor({ state: 'detached' });
  }
}
