import { randomUUID } from 'node:crypto';
import { contactFields, entrepriseFields } from '@relais/documents/testing/fixtures';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createUserApi } from '../support/auth';
import { pullAll, pushAll } from '../support/replication';
import type { TestServer } from '../support/server';
import { compactText, InvoicingDocumentsPage } from './pages/invoicing-documents';
import { InvoicingMissionsPage } from './pages/invoicing-missions';
import { SignInPage } from './pages/sign-in-page';
import { openAppPage } from './support/browser';
import { startE2eEnvironment, stopE2eEnvironment } from './support/environment';
import { pollUntil } from './support/wait';

const adminPassword = 'Relais-e2e-missions-2031';
const financePassword = 'Relais-e2e-compta-missions-2031';

let server: TestServer;
let browser: Browser;
let adminToken: string;
const contexts: BrowserContext[] = [];

const entrepriseId = randomUUID();
const fromagerie = { id: randomUUID(), nom: 'Fromagerie des Alpes' };
const logistique = { id: randomUUID(), nom: 'Logistique Saône' };
const voyageId = randomUUID();

/** Monday of the week before this one, and the days after it (`YYYY-MM-DD`), on the UTC calendar. */
function lastWeek(): string[] {
  const now = new Date();
  const sinceMonday = (now.getUTCDay() + 6) % 7;
  const monday = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - sinceMonday - 7);
  return Array.from({ length: 7 }, (_, index) => new Date(monday + index * 86_400_000).toISOString().slice(0, 10));
}

const week = lastWeek();
const day = (index: number): string => week[index] ?? '';

/** The missions of last week: each customer's delivered ones, and some that are not to be invoiced. */
const delivered = { heure_debut: '06:00', heure_fin: '08:00', type_mission: 'livraison', depart: 'Corbas', statut: 'termine' };
const missions = {
  // Fromagerie: two runs of the Grenoble line priced from its revenue per pallet (45 €), one typed by hand.
  greMonday: { id: randomUUID(), ...delivered, date_mission: day(0), voyage_id: voyageId, destination: 'Grenoble', nb_palettes: 10, client_id: fromagerie.id },
  greWednesday: { id: randomUUID(), ...delivered, date_mission: day(2), voyage_id: voyageId, destination: 'Grenoble', nb_palettes: 6, client_id: fromagerie.id },
  chambery: { id: randomUUID(), ...delivered, date_mission: day(3), destination: 'Chambéry', nb_palettes: 4, revenu: 18_000, client_id: fromagerie.id },
  // Logistique Saône: two runs to Paris at agreed prices.
  parisTuesday: { id: randomUUID(), ...delivered, date_mission: day(1), destination: 'Paris', nb_palettes: 30, revenu: 65_000, client_id: logistique.id },
  parisFriday: { id: randomUUID(), ...delivered, date_mission: day(4), destination: 'Paris', nb_palettes: 28, revenu: 70_000, client_id: logistique.id },
  // Not to invoice: planned (not delivered), cancelled, outside the period.
  planned: { id: randomUUID(), ...delivered, statut: 'planifie', date_mission: day(4), destination: 'Grenoble', nb_palettes: 8, client_id: fromagerie.id },
  cancelled: { id: randomUUID(), ...delivered, statut: 'annule', date_mission: day(1), destination: 'Paris', revenu: 50_000, client_id: logistique.id },
  before: { id: randomUUID(), ...delivered, date_mission: new Date(Date.parse(day(0)) - 86_400_000).toISOString().slice(0, 10), destination: 'Paris', revenu: 40_000, client_id: logistique.id },
};

beforeAll(async () => {
  ({ server, browser, adminToken } = await startE2eEnvironment(adminPassword));
  await pushAll(server.url, adminToken, 'entreprises', [
    { id: entrepriseId, ...entrepriseFields({ raison_sociale: 'Transports Relais Corbas', adresse: { ligne1: '14 rue des Frères Lumière', code_postal: '69960', ville: 'Corbas' } }) },
  ]);
  await pushAll(
    server.url,
    adminToken,
    'contacts',
    [fromagerie, logistique].map(({ id, nom }) => ({ id, ...contactFields(entrepriseId, { nom, adresse_facturation: { ligne1: '3 place du Marché', code_postal: '73000', ville: 'Chambéry' } }) })),
  );
  await pushAll(server.url, adminToken, 'revenus_palettes', [{ id: randomUUID(), destination: 'Grenoble', revenu_par_palette: 4_500 }]);
  await pushAll(server.url, adminToken, 'voyages', [
    { id: voyageId, code: 'LYO-GRE', nom: 'Lyon → Grenoble', jours_operation: ['lundi', 'mercredi'], is_active: true },
  ]);
  // The server prices the Grenoble runs from the revenue per pallet: it answers with the completed missions.
  const response = await fetch(`${server.url}/api/replication/missions/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
    body: JSON.stringify(Object.values(missions).map((mission) => ({ newDocumentState: { rev: 1, updated_at: new Date().toISOString(), _deleted: false, ...mission } }))),
  });
  const answer = (await response.json()) as { refusals?: unknown[]; adjusted?: unknown[] };
  expect(response.status).toBe(200);
  expect(answer.refusals ?? []).toEqual([]);
  const priced = await pullAll(server.url, 'missions', adminToken);
  expect(priced.find((mission) => mission.id === missions.greMonday.id)?.['revenu']).toBe(45_000);
});

afterAll(async () => {
  await stopE2eEnvironment({ server, browser }, contexts);
});

describe('facturer des missions', () => {
  test('les missions livrées de deux clients sur une semaine deviennent des brouillons justes, et sont marquées facturées', async () => {
    const suffix = randomUUID().slice(0, 6);
    const user = await createUserApi(server.url, adminToken, { username: `compta.${suffix}`, display_name: 'Comptabilité', role_name: 'finance' });
    const { page, diagnostics } = await openAppPage(browser, server, contexts, 'facturer-missions');
    const signIn = new SignInPage(page);
    await signIn.open('/app/facturation');
    await signIn.signInWithOneTimePassword(user.username, user.temp_password, financePassword);
    const screen = new InvoicingMissionsPage(page);
    const documents = new InvoicingDocumentsPage(page);
    await screen.open();
    await screen.badge.waitForSynced();
    // The customer and the dates are the app's fields: same height, their labels on one line.
    const clientBox = await page.getByTestId('billing-client').boundingBox();
    const fromBox = await page.getByTestId('billing-from').boundingBox();
    expect(Math.abs((clientBox?.height ?? 0) - (fromBox?.height ?? 0))).toBeLessThanOrEqual(2);
    expect(Math.abs((clientBox?.y ?? 0) - (fromBox?.y ?? 0))).toBeLessThanOrEqual(2);
    // Its title has the size of the other invoicing screens' titles.
    const titleSize = async (): Promise<string> => page.locator('.invoicing h1').first().evaluate((title) => getComputedStyle(title).fontSize);
    const billingTitle = await titleSize();
    await page.getByTestId('tab-devis').click();
    await page.getByTestId('devis-page').waitFor({ state: 'visible' });
    expect(billingTitle).toBe(await titleSize());
    await screen.open();

    // Fromagerie, one line per voyage: the two Grenoble runs together (10 + 6 pallets × 45 €), Chambéry alone.
    await screen.choose(fromagerie.nom, day(0), day(6));
    await pollUntil(async () => (await screen.missions().count()) === 3 || undefined, { what: 'les 3 missions livrées de la fromagerie' });
    await screen.groupPerVoyage();
    expect(await screen.totals()).toEqual({ ht: '900,00€', ttc: '1080,00€' });
    await screen.createDraft();
    expect(await documents.lines().count()).toBe(2);
    expect(await documents.totals()).toEqual({ ht: '900,00€', tva: '180,00€', ttc: '1080,00€' });
    const designations = await documents.lines().getByTestId('line-designation').evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));
    expect(designations[0]).toMatch(/^Voyage LYO-GRE Lyon → Grenoble : 2 transports du \d\d\/\d\d\/\d{4} au \d\d\/\d\d\/\d{4}, 16 palettes$/);
    expect(designations[1]).toMatch(/^Transport Corbas → Chambéry du \d\d\/\d\d\/\d{4}, 4 palettes$/);
    // Editing the draft keeps the missions its lines bill.
    await documents.lines().nth(1).getByTestId('line-designation').fill('Transport frigo Corbas → Chambéry');
    await documents.save();
    await pollUntil(
      async () => {
        const saved = (await pullAll(server.url, 'factures', adminToken)).find((facture) => facture['contact_id'] === fromagerie.id);
        return JSON.stringify(saved?.['lignes'] ?? []).includes('Transport frigo Corbas → Chambéry') || undefined;
      },
      { what: 'le brouillon modifié sur le serveur' },
    );

    // Logistique Saône, one line per mission: the cancelled mission and last week's Sunday before are left out.
    await screen.open();
    await screen.choose(logistique.nom, day(0), day(6));
    await pollUntil(async () => (await screen.missions().count()) === 2 || undefined, { what: 'les 2 missions livrées de Logistique Saône' });
    expect(await screen.totals()).toEqual({ ht: '1350,00€', ttc: '1620,00€' });
    await screen.createDraft();
    expect(await documents.lines().count()).toBe(2);
    expect(await documents.totals()).toEqual({ ht: '1350,00€', tva: '270,00€', ttc: '1620,00€' });

    // The server marked each mission with its draft, and each draft's lines cite their missions.
    await pollUntil(
      async () => {
        const stored = await pullAll(server.url, 'missions', adminToken);
        return stored.filter((mission) => mission['facture_id'] !== undefined).length === 5 || undefined;
      },
      { what: 'les 5 missions marquées facturées sur le serveur' },
    );
    const factures = await pullAll(server.url, 'factures', adminToken);
    const byCustomer = (id: string) => factures.find((facture) => facture['contact_id'] === id);
    const cited = (facture: Record<string, unknown> | undefined): string[] =>
      ((facture?.['lignes'] ?? []) as { mission_ids?: string[] }[]).flatMap((ligne) => ligne.mission_ids ?? []).sort();
    expect(cited(byCustomer(fromagerie.id))).toEqual([missions.greMonday.id, missions.greWednesday.id, missions.chambery.id].sort());
    expect(cited(byCustomer(logistique.id))).toEqual([missions.parisTuesday.id, missions.parisFriday.id].sort());
    const stored = await pullAll(server.url, 'missions', adminToken);
    const factureOf = (id: string) => stored.find((mission) => mission.id === id)?.['facture_id'];
    expect(factureOf(missions.greMonday.id)).toBe(byCustomer(fromagerie.id)?.id);
    expect(factureOf(missions.parisFriday.id)).toBe(byCustomer(logistique.id)?.id);
    expect([missions.planned.id, missions.cancelled.id, missions.before.id].map(factureOf)).toEqual([undefined, undefined, undefined]);

    // Invoiced missions are not offered again, and the screen says where they went.
    await screen.open();
    await screen.choose(fromagerie.nom, day(0), day(6));
    await screen.empty().waitFor({ state: 'visible' });
    const note = compactText(await screen.invoicedNote().textContent());
    expect(note).toContain('3missionsdelapériodedéjàfacturées');
    expect(note).toMatch(/Brouillondu\d{2}\/\d{2}\/\d{4}/);
    expect(diagnostics.errors().filter((entry) => entry.startsWith('[pageerror]'))).toEqual([]);
  });
});
