import { randomUUID } from 'node:crypto';
import { readFacturX } from '@relais/documents';
import { contactFields, entrepriseFields } from '@relais/documents/testing/fixtures';
import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createUserApi } from '../support/auth';
import { pullAll, pushAll } from '../support/replication';
import type { TestServer } from '../support/server';
import { compactText, draftLabel, InvoicingDocumentsPage } from './pages/invoicing-documents';
import { SignInPage } from './pages/sign-in-page';
import { openAppPage } from './support/browser';
import { startE2eEnvironment, stopE2eEnvironment } from './support/environment';
import { startSmtpSink, type SmtpSink } from '../../sync-server/src/test-support/smtp-sink';
import { pollUntil } from './support/wait';

const adminPassword = 'Relais-e2e-factu-2031';
const financePassword = 'Relais-e2e-compta-factu-2031';

let server: TestServer;
let browser: Browser;
let adminToken: string;
const contexts: BrowserContext[] = [];

const entrepriseId = randomUUID();
const contactId = randomUUID();
const articleId = randomUUID();
const contactName = 'Transports Martin';

/** The year the server numbers in (its day is Europe/Paris'). */
function parisYear(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric' }).format(new Date());
}

let sink: SmtpSink;

beforeAll(async () => {
  // A real SMTP server on loopback receives the documents the sync server sends.
  sink = await startSmtpSink();
  ({ server, browser, adminToken } = await startE2eEnvironment(adminPassword, {
    env: { RELAIS_SMTP_HOST: '127.0.0.1', RELAIS_SMTP_PORT: String(sink.port), RELAIS_SMTP_SECURE: 'false' },
  }));
  // A company with the legal and bank identity its documents print and its e-invoices carry (SIRET and VAT number from its SIREN).
  await pushAll(server.url, adminToken, 'entreprises', [
    {
      id: entrepriseId,
      ...entrepriseFields({
        raison_sociale: 'Relais Logistique SAS',
        forme_juridique: 'SAS',
        adresse: { ligne1: '12 rue des Docks', code_postal: '69007', ville: 'Lyon' },
        siren: '552100554',
        siret: '55210055400013',
        rcs_ville: 'Lyon',
        tva_intracom: 'FR40552100554',
        iban: 'FR7630006000011234567890189',
        bic: 'AGRIFRPP',
        email: 'factures@relais.example',
      }),
    },
  ]);
  await pushAll(server.url, adminToken, 'contacts', [
    {
      id: contactId,
      ...contactFields(entrepriseId, {
        nom: contactName,
        email: 'compta@martin.example',
        adresse_facturation: { ligne1: '3 avenue du Port', code_postal: '13002', ville: 'Marseille' },
      }),
    },
  ]);
  await pushAll(server.url, adminToken, 'articles', [
    { id: articleId, reference: 'TR-PAL', libelle: 'Transport palette Lyon–Marseille', unite: 'palette', prix_unitaire_ht: 45_000, taux_tva_bp: 2000, is_active: true },
  ]);
});

afterAll(async () => {
  await stopE2eEnvironment({ server, browser }, contexts);
  await sink.close();
});

async function signInFinance(label: string) {
  const suffix = randomUUID().slice(0, 6);
  const user = await createUserApi(server.url, adminToken, { username: `factu.${suffix}`, display_name: 'Comptabilité', role_name: 'finance' });
  const opened = await openAppPage(browser, server, contexts, label);
  const signIn = new SignInPage(opened.page);
  await signIn.open('/app/devis');
  await signIn.signInWithOneTimePassword(user.username, user.temp_password, financePassword);
  const screen = new InvoicingDocumentsPage(opened.page);
  await opened.page.getByTestId('devis-new').waitFor({ state: 'visible' });
  await screen.badge.waitForSynced();
  // The seeded company, customer and article reached this device before the network goes.
  // (The editor may open first: it then takes the only company as soon as it arrives.)
  await screen.newDevis();
  await pollUntil(
    async () =>
      ((await opened.page.getByTestId('doc-entreprise').inputValue()) === entrepriseId &&
        (await opened.page.getByTestId('doc-contact').locator('option', { hasText: contactName }).count()) === 1) ||
      undefined,
    { what: 'l’entreprise et le client sur cet appareil' },
  );
  await opened.page.getByTestId('doc-close').click();
  return { ...opened, screen };
}

describe('facturation', () => {
  test('hors ligne : devis avec article et ligne libre, envoyé, accepté, converti ; en ligne : validé, numéroté, PDF, payé', async () => {
    const { context, page, diagnostics, screen } = await signInFinance('finance');

    // 1. Offline: a quote with an article found by its reference and a free line; live totals.
    await context.setOffline(true);
    await screen.badge.waitFor('hors ligne', (state) => !state.online);
    await screen.newDevis();
    expect(await page.getByTestId('doc-entreprise').inputValue()).toBe(entrepriseId);
    await screen.chooseContact(contactName);
    await screen.addArticle('TR-PAL');
    await screen.lines().first().getByTestId('line-quantite').fill('2');
    await screen.addFreeLine({ designation: 'Manutention à quai', quantite: '1,5', prix: '20', tvaBp: '1000' });
    expect(await screen.lines().count()).toBe(2);
    // 2 × 450,00 at 20 % + 1,5 × 20,00 at 10 %: 930,00 HT, 180,00 + 3,00 VAT, 1 113,00 TTC.
    expect(await screen.totals()).toEqual({ ht: '930,00€', tva: '183,00€', ttc: '1113,00€' });
    // An invalid quantity is explained at once, in French.
    await screen.lines().last().getByTestId('line-quantite').fill('1,2345');
    await page.getByTestId('doc-problems').waitFor({ state: 'visible' });
    expect(await page.getByTestId('doc-problems').textContent()).toContain('Ligne 2 : quantité invalide');
    await screen.lines().last().getByTestId('line-quantite').fill('1,5');
    expect(await page.getByTestId('doc-problems').count()).toBe(0);
    await screen.save();
    const devisNumber = await screen.waitForNumber('le devis enregistré', (numero) => numero.startsWith('Devis '));
    expect(devisNumber.replace(/^Devis /, '')).toMatch(draftLabel);

    await page.getByTestId('devis-send').click();
    await screen.waitForDevisStatut('Envoyé');
    await page.getByTestId('devis-accept').click();
    await screen.waitForDevisStatut('Accepté');

    // 2. Still offline: the accepted quote becomes a draft invoice, opened at once.
    await page.getByTestId('devis-convert').click();
    await page.locator('[data-testid="facture-panel"][data-statut="brouillon"]').waitFor({ state: 'visible' });
    const draftNumber = await screen.number();
    expect(draftNumber).toMatch(draftLabel);
    expect(await screen.lines().count()).toBe(2);
    expect((await screen.totals()).ttc).toBe('1113,00€');
    const pendingState = await screen.badge.waitFor('hors ligne avec data-pending ≥ 2', (state) => !state.online && state.pending >= 2);
    expect(pendingState.pending).toBeGreaterThanOrEqual(2);

    // 3. Online again: the quote and the draft reach the server; the invoice is validated and numbered by it.
    await context.setOffline(false);
    await screen.badge.waitForSynced();
    await screen.validateFacture();
    const expected = `FA-${parisYear()}-00001`;
    const numero = await screen.waitForNumber(`le numéro définitif ${expected}`, (shown) => shown === expected);
    expect(numero).toBe(expected);
    expect(await page.getByTestId('pending-number').count()).toBe(0);
    const stored = await pollUntil(
      async () => (await pullAll(server.url, 'factures', adminToken)).find((doc) => !doc._deleted && doc.numero === expected),
      { what: `la facture ${expected} sur le serveur` },
    );
    expect(stored).toMatchObject({ statut: 'validee', type_facture: 'facture', contact_id: contactId, entreprise_id: entrepriseId });
    // The quote reached the server accepted (through allowed steps) and numbered there.
    const storedDevis = (await pullAll(server.url, 'devis', adminToken)).find((doc) => doc.id === stored.devis_id);
    expect(storedDevis).toMatchObject({ statut: 'accepte', numero: `DE-${parisYear()}-00001` });

    // 4. The PDF, rendered on this device.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('pdf-download').click()]);
    expect(download.suggestedFilename()).toBe(`${expected}.pdf`);
    const path = await download.path();
    const bytes = await readFile(path);
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('%PDF');
    expect(bytes.byteLength).toBeGreaterThan(1024);
    // A validated invoice downloads as Factur-X; its XML alone too, the same bytes as the embedded one.
    const facturX = await readFacturX(new Uint8Array(bytes));
    expect(facturX?.relationship).toBe('Alternative');
    const [xmlDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('xml-download').click()]);
    expect(xmlDownload.suggestedFilename()).toBe(`${expected}-factur-x.xml`);
    const xml = await readFile(await xmlDownload.path());
    expect(xml.equals(Buffer.from(facturX?.xml ?? []))).toBe(true);
    expect(xml.toString('utf8')).toContain(`<ram:ID>${expected}</ram:ID>`);
    // Previewed in a frame on its blob: URL, which the Content-Security-Policy allows (frame-src blob:).
    await page.getByTestId('pdf-preview').click();
    const frame = page.getByTestId('pdf-frame');
    await frame.waitFor({ state: 'visible' });
    expect(await frame.getAttribute('src')).toMatch(/^blob:/);
    await pollUntil(() => Promise.resolve(page.frames().find((candidate) => candidate.url().startsWith('blob:'))), { what: 'le cadre de l’aperçu PDF chargé' });
    await page.keyboard.press('Escape');
    await frame.waitFor({ state: 'detached' });

    // Sent to the customer by the server, the PDF attached; the sending is recorded on the invoice.
    const before = sink.received.length;
    await page.getByTestId('email-open').click();
    expect(await page.getByTestId('email-to').inputValue()).toBe('compta@martin.example');
    await page.getByTestId('email-send').click();
    await page.getByTestId('email-outcome').waitFor({ state: 'visible' });
    await pollUntil(() => Promise.resolve(sink.received.length > before ? true : undefined), { what: 'l’e-mail reçu par le serveur SMTP' });
    const mail = sink.received[before];
    expect(mail?.to).toEqual(['compta@martin.example']);
    expect(mail?.attachments.map((file) => file.filename)).toEqual([`${expected}.pdf`]);
    expect(mail?.attachments[0]?.content.subarray(0, 4).toString('latin1')).toBe('%PDF');
    expect((await readFacturX(new Uint8Array(mail?.attachments[0]?.content ?? [])))?.xml).toBeDefined();
    const sent = await pollUntil(
      async () => (await pullAll(server.url, 'factures', adminToken)).find((doc) => doc.id === stored.id && Array.isArray(doc.envois)),
      { what: 'l’envoi noté sur la facture' },
    );
    expect(sent.envois).toEqual([expect.objectContaining({ destinataires: 'compta@martin.example' })]);

    // 5. A payment of what is owed: the invoice is paid.
    expect(await screen.factureState().getAttribute('data-state')).toBe('non_payee');
    expect(compactText(await page.getByTestId('balance-reste').textContent())).toBe('1113,00€');
    await screen.recordPayment();
    await screen.factureState().filter({ hasText: 'Payée' }).waitFor({ state: 'visible' });
    expect(compactText(await page.getByTestId('balance-reste').textContent())).toBe('0,00€');
    await screen.badge.waitForSynced();
    const reglement = await pollUntil(async () => (await pullAll(server.url, 'reglements', adminToken)).find((doc) => doc.facture_id === stored.id), {
      what: 'le règlement sur le serveur',
    });
    expect(reglement).toMatchObject({ montant: 111_300, mode: 'virement' });

    // The list shows it paid, with nothing left to pay in its totals row.
    await page.getByTestId('doc-close').click();
    await screen.factureRow(expected).waitFor({ state: 'visible' });
    expect(await screen.factureRow(expected).getAttribute('data-state')).toBe('payee');
    expect(compactText(await page.getByTestId('factures-totals').textContent())).toContain('930,00€1113,00€0,00€');

    // A payment entered by mistake is deleted (after a confirmation): the invoice is owed again, everywhere.
    await screen.factureRow(expected).getByTestId('facture-open').click();
    page.once('dialog', (question) => {
      expect(question.message()).toContain('Supprimer le règlement de 1');
      void question.accept();
    });
    await page.getByTestId('payment-delete').click();
    await screen.factureState().filter({ hasText: 'Payée' }).waitFor({ state: 'detached' });
    expect(await screen.factureState().getAttribute('data-state')).toBe('non_payee');
    expect(compactText(await page.getByTestId('balance-reste').textContent())).toBe('1113,00€');
    await pollUntil(
      async () => ((await pullAll(server.url, 'reglements', adminToken)).find((doc) => doc.id === reglement.id)?._deleted === true ? true : undefined),
      { what: 'le règlement supprimé sur le serveur' },
    );
    // Entered again, the right one: paid.
    await screen.recordPayment();
    await screen.factureState().filter({ hasText: 'Payée' }).waitFor({ state: 'visible' });
    await screen.badge.waitForSynced();

    expect(diagnostics.errors().filter((entry) => entry.startsWith('[pageerror]'))).toEqual([]);
  });

  test('une facture validée hors ligne attend son numéro, puis le reçoit du serveur ; un avoir total la solde', async () => {
    const { context, page, screen, diagnostics } = await signInFinance('finance-hors-ligne');
    await screen.openFacturesList();
    await context.setOffline(true);
    await screen.badge.waitFor('hors ligne', (state) => !state.online);
    await page.getByTestId('facture-new').click();
    await page.locator('[data-testid="facture-panel"][data-statut="brouillon"]').waitFor({ state: 'visible' });
    await screen.chooseContact(contactName);
    // The customer's terms were filled from the company's (30 days).
    expect(await page.getByTestId('doc-jours').inputValue()).toBe('30');
    await screen.addArticle('palette lyon');
    expect((await screen.totals()).ttc).toBe('540,00€');
    await screen.validateFacture();
    await page.getByTestId('pending-number').waitFor({ state: 'visible' });
    expect(await screen.factureState().getAttribute('data-state')).toBe('attente_synchro');
    expect(await screen.number()).toMatch(draftLabel);
    await page.getByTestId('doc-close').click();
    const row = page.locator('[data-testid="facture-row"][data-state="attente_synchro"]');
    await row.waitFor({ state: 'visible' });
    expect(await row.textContent()).toContain('Validation en attente de synchronisation');

    await context.setOffline(false);
    await screen.badge.waitForSynced();
    const numbered = page.locator('[data-testid="facture-row"][data-state="non_payee"]');
    await numbered.waitFor({ state: 'visible' });
    expect(await numbered.locator('td').first().textContent()).toMatch(new RegExp(`^FA-${parisYear()}-\\d{5}$`));
    expect(compactText(await numbered.textContent())).toContain('450,00€540,00€540,00€');

    // A full credit note: a draft citing the invoice, validated and numbered in its own series.
    const invoiceNumber = ((await numbered.locator('td').first().textContent()) ?? '').trim();
    await numbered.getByTestId('facture-open').click();
    await page.getByTestId('avoir-new').click();
    await screen.dialog.waitFor({ state: 'visible' });
    // Each choice reads as a small radio with its label beside it, not a field-wide ring.
    const partialChoice = await page.getByTestId('avoir-partial').boundingBox();
    expect(partialChoice?.width ?? 0).toBeLessThan(24);
    await page.getByTestId('avoir-motif').fill('Transport annulé');
    await page.getByTestId('avoir-create').click();
    await page.locator('[data-testid="facture-panel"][data-statut="brouillon"]').waitFor({ state: 'visible' });
    expect((await screen.totals()).ttc).toBe('-540,00€');
    expect(await page.getByTestId('doc-motif').inputValue()).toBe('Transport annulé');
    await screen.validateFacture();
    const avoirNumber = await screen.waitForNumber('le numéro de l’avoir', (shown) => shown.startsWith('AV-'));
    expect(avoirNumber).toBe(`AV-${parisYear()}-00001`);
    await page.getByTestId('doc-close').click();
    await screen.factureRow(invoiceNumber).getByTestId('facture-open').click();
    expect(compactText(await page.getByTestId('balance').textContent())).toContain('Créditéparavoirs540,00€');
    expect(compactText(await page.getByTestId('balance-reste').textContent())).toBe('0,00€');
    expect(await page.getByTestId('avoirs').textContent()).toContain(avoirNumber);
    expect(diagnostics.errors().filter((entry) => entry.startsWith('[pageerror]'))).toEqual([]);
  });

  // RxDB retries a failed push with the rows it first tried: a quote created offline reaches the
  // server as a draft, then accepted in one step; the server accepts a status reached through
  // allowed steps (brouillon → envoyé → accepté).
  test('un devis envoyé puis accepté hors ligne arrive accepté sur le serveur', async () => {
    const { context, page, screen } = await signInFinance('finance-devis');
    await context.setOffline(true);
    await screen.badge.waitFor('hors ligne', (state) => !state.online);
    await screen.newDevis();
    await screen.chooseContact(contactName);
    await screen.addArticle('TR-PAL');
    await screen.save();
    await screen.waitForNumber('le devis enregistré', (numero) => numero.startsWith('Devis '));
    const id = await screen.openDocumentId();
    await page.getByTestId('devis-send').click();
    await screen.waitForDevisStatut('Envoyé');
    await page.getByTestId('devis-accept').click();
    await screen.waitForDevisStatut('Accepté');
    await context.setOffline(false);
    await screen.badge.waitFor('en ligne', (state) => state.online);
    const stored = await pollUntil(
      async () => (await pullAll(server.url, 'devis', adminToken)).find((doc) => doc.id === id && doc.numero !== undefined),
      { what: 'le devis sur le serveur' },
    );
    await pollUntil(async () => ((await pullAll(server.url, 'devis', adminToken)).find((doc) => doc.id === stored.id)?.statut === 'accepte' ? true : undefined), {
      what: 'le devis accepté sur le serveur',
      timeoutMs: 10_000,
    });
  });
});
