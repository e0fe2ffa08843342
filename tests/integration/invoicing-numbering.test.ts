import { contactFields, entrepriseFields, type Fields } from '@relais/documents/testing/fixtures';
import { createDocument, removeDocument, updateDocument } from '@relais/replica';
import { newId, type CollectionName, type Facture } from '@relais/schema';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TestClient, signIn, startRealServer, waitFor } from './support/harness';

type Server = Awaited<ReturnType<typeof startRealServer>>;
type Doc = Record<string, unknown> & { id: string; _deleted: boolean };

let server: Server;
const clients: TestClient[] = [];

beforeEach(async () => {
  server = await startRealServer();
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.dispose()));
  await server.dispose();
});

const collections: CollectionName[] = ['entreprises', 'contacts', 'factures'];
const numberPattern = /^FA-\d{4}-(\d{5})$/;

function sequenceOf(numero: unknown): number {
  const match = numberPattern.exec(String(numero));
  if (!match?.[1]) {
    throw new Error(`numéro inattendu : ${String(numero)}`);
  }
  return Number(match[1]);
}

let stampCounter = 0;

function stamp(): string {
  stampCounter += 1;
  return new Date(Date.UTC(2026, 10, 27, 8, 0, 0, stampCounter)).toISOString();
}

const ligne = () => ({ id: newId(), designation: 'Transport Lille → Lyon', quantite: 1, prix_unitaire_ht: 45_000, taux_tva_bp: 2000 });

/** Writes documents as the server's import would, and checks they are stored. */
function seed(collection: CollectionName, docs: Doc[]): void {
  const outcome = server.store.push(
    collection,
    docs.map((doc) => ({ newDocumentState: doc })),
    { actor: 'seed', source: 'import' },
  );
  expect(outcome).toMatchObject({ ok: true, written: docs.length, refused: [] });
}

/** A company numbering its invoices `FA-{YYYY}-{00000}` and one of its customers. */
function seedCompany(): { entrepriseId: string; contactId: string } {
  const entrepriseId = newId();
  const contactId = newId();
  seed('entreprises', [{ id: entrepriseId, rev: 1, updated_at: stamp(), ...entrepriseFields(), _deleted: false }]);
  seed('contacts', [{ id: contactId, rev: 1, updated_at: stamp(), ...contactFields(entrepriseId), _deleted: false }]);
  return { entrepriseId, contactId };
}

/** A draft invoice of one line, without the envelope: what a PC creates. */
function draftFields(entrepriseId: string, contactId: string): Fields<Facture> {
  return {
    entreprise_id: entrepriseId,
    contact_id: contactId,
    type_facture: 'facture',
    statut: 'brouillon',
    conditions_paiement: { jours: 30, fin_de_mois: false },
    lignes: [ligne()],
    regime_tva: 'normale',
  };
}

/** The same draft as the server's import writes it. */
function draftDoc(entrepriseId: string, contactId: string): Doc {
  return { id: newId(), rev: 1, updated_at: stamp(), ...draftFields(entrepriseId, contactId), _deleted: false };
}

async function pushOverHttp(token: string, collection: CollectionName, body: unknown): Promise<unknown> {
  const response = await fetch(`${server.url}/api/replication/${collection}/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as unknown;
}

async function financeClient(): Promise<TestClient> {
  const { token } = await signIn(server, 'finance');
  const client = await TestClient.open(server.url, { token, role: 'finance', collections });
  clients.push(client);
  return client;
}

function storedFacture(id: string): Facture & { _deleted: boolean } {
  return server.store.get('factures', id) as unknown as Facture & { _deleted: boolean };
}

describe('invoice numbers under concurrency', () => {
  it('8 finance users validating 25 drafts each at once get exactly 1…200, gap-free, in validation order', async () => {
    const { entrepriseId, contactId } = seedCompany();
    const drafts = Array.from({ length: 200 }, () => draftDoc(entrepriseId, contactId));
    seed('factures', drafts);
    const users = await Promise.all(Array.from({ length: 8 }, () => signIn(server, 'finance')));

    // 200 pushes in flight at once, one validation each, 25 per user.
    const answers = await Promise.all(
      drafts.map((draft, index) =>
        pushOverHttp(users[index % 8]!.token, 'factures', [
          { newDocumentState: { ...draft, statut: 'validee', rev: 2, updated_at: stamp() }, assumedMasterState: draft },
        ]),
      ),
    );
    // Each answer carries the numbered invoice back to its writer.
    answers.forEach((answer, index) => {
      expect(answer).toEqual({ conflicts: [expect.objectContaining({ id: drafts[index]!.id, statut: 'validee' })], refusals: [], adjusted: [{ id: drafts[index]!.id }] });
    });

    const stored = drafts.map((draft) => storedFacture(draft.id));
    expect(stored.every((doc) => doc.statut === 'validee')).toBe(true);
    const sequences = stored.map((doc) => sequenceOf(doc.numero)).sort((a, b) => a - b);
    expect(sequences).toEqual(Array.from({ length: 200 }, (_, index) => index + 1));
    expect(new Set(stored.map((doc) => doc.numero)).size).toBe(200);
    // Ordered by number, the validation times never go back.
    const byNumber = [...stored].sort((a, b) => sequenceOf(a.numero) - sequenceOf(b.numero));
    for (let index = 1; index < byNumber.length; index += 1) {
      expect(byNumber[index]!.validee_le! >= byNumber[index - 1]!.validee_le!, `${byNumber[index]!.numero}`).toBe(true);
    }
    expect(server.db.$client.prepare('SELECT document_type, last_number FROM numbering_series').all()).toEqual([
      { document_type: 'facture', last_number: 200 },
    ]);
  });
});

/**
 * Two PCs offline, each creating four drafts and validating three of them locally (no number: only
 * the server gives one), then coming back at the same time.
 */
async function validateOfflineOnTwoPcs() {
  const { entrepriseId, contactId } = seedCompany();
  // The series already holds two invoices.
  const { token } = await signIn(server, 'finance');
  for (const draft of [draftDoc(entrepriseId, contactId), draftDoc(entrepriseId, contactId)]) {
    seed('factures', [draft]);
    await pushOverHttp(token, 'factures', [{ newDocumentState: { ...draft, statut: 'validee', rev: 2, updated_at: stamp() }, assumedMasterState: draft }]);
  }
  const a = await financeClient();
  const b = await financeClient();
  await Promise.all([a.sync.awaitInSync(), b.sync.awaitInSync()]);
  expect(await a.db.contacts.findOne(contactId).exec()).not.toBeNull();

  a.goOffline();
  b.goOffline();
  const made = new Map<TestClient, string[]>([
    [a, []],
    [b, []],
  ]);
  for (const client of [a, b]) {
    for (let index = 0; index < 4; index += 1) {
      const draft = await createDocument(client.db.factures, draftFields(entrepriseId, contactId));
      // Three of four validated on the spot, one left a draft.
      if (index < 3) {
        await updateDocument(draft, { statut: 'validee' });
      }
      made.get(client)!.push(draft.id);
    }
  }
  expect((await a.db.factures.findOne(made.get(a)![0]).exec())?.toJSON()).toMatchObject({ statut: 'validee' });
  expect((await a.db.factures.findOne(made.get(a)![0]).exec())?.numero).toBeUndefined();

  a.goOnline();
  b.goOnline();
  const all = [...made.get(a)!, ...made.get(b)!];
  await waitFor('les 8 factures arrivent', () => all.every((id) => server.store.get('factures', id) !== undefined));
  return { a, b, made };
}

/** The client's copy carries the number, date and validation time the server gave. */
async function expectServerNumbers(client: TestClient, ids: readonly string[]): Promise<void> {
  await waitFor(`${client.name} reçoit les numéros`, async () => {
    const local = await Promise.all(ids.map((id) => client.db.factures.findOne(id).exec()));
    return local.every((doc) => doc !== null && doc.numero !== undefined);
  });
  for (const id of ids) {
    const stored = storedFacture(id);
    expect((await client.db.factures.findOne(id).exec())?.toJSON()).toMatchObject({
      statut: 'validee',
      numero: stored.numero,
      date_facture: stored.date_facture,
      date_echeance: stored.date_echeance,
      validee_le: stored.validee_le,
    });
  }
}

describe('invoices validated offline on two PCs', () => {
  it('get unique numbers continuing the series when both come back; each PC pulls the other’s numbers', async () => {
    const { a, b, made } = await validateOfflineOnTwoPcs();
    const validatedIds = [...made.get(a)!.slice(0, 3), ...made.get(b)!.slice(0, 3)];
    const numbers = validatedIds.map((id) => sequenceOf(storedFacture(id).numero)).sort((x, y) => x - y);
    expect(numbers).toEqual([3, 4, 5, 6, 7, 8]);
    // Each PC's three validations are one push, numbered in a row.
    for (const client of [a, b]) {
      const own = made.get(client)!.slice(0, 3).map((id) => sequenceOf(storedFacture(id).numero));
      expect(own).toEqual([own[0], own[0]! + 1, own[0]! + 2]);
    }
    // The drafts stay drafts, without number.
    for (const client of [a, b]) {
      const kept = storedFacture(made.get(client)![3]!);
      expect(kept.statut).toBe('brouillon');
      expect(kept.numero).toBeUndefined();
    }
    await expectServerNumbers(a, made.get(b)!.slice(0, 3));
    await expectServerNumbers(b, made.get(a)!.slice(0, 3));
  });

  // The server publishes the numbered invoice on the live stream while the writer's push is in
  // flight, which RxDB skips then; the push answer carries it (`adjusted`), so the writer has it too.
  it('each PC gets its own numbers back with the push answer, pending cleared', async () => {
    const { a, b, made } = await validateOfflineOnTwoPcs();
    await expectServerNumbers(a, made.get(a)!.slice(0, 3));
    await expectServerNumbers(b, made.get(b)!.slice(0, 3));
    for (const client of [a, b]) {
      await waitFor(`${client.name} n’a plus rien en attente`, () => client.sync.status$.getValue().pending === 0);
      // Taken as the server stored them: no conflict, no refusal reported to the user.
      expect(client.sync.status$.getValue().conflicts).toEqual([]);
    }
  });
});

/** A draft stored, then validated online by `token`; its number. */
async function validateOnline(token: string, entrepriseId: string, contactId: string): Promise<string> {
  const draft = draftDoc(entrepriseId, contactId);
  seed('factures', [draft]);
  await pushOverHttp(token, 'factures', [{ newDocumentState: { ...draft, statut: 'validee', rev: 2, updated_at: stamp() }, assumedMasterState: draft }]);
  return String(storedFacture(draft.id).numero);
}

/** The company's invoice format changed online by `token`. */
async function setInvoiceFormat(token: string, entrepriseId: string, facture: string): Promise<void> {
  const current = server.store.get('entreprises', entrepriseId)!;
  const numerotation = { ...(current['numerotation'] as Record<string, string>), facture };
  const next = { ...current, numerotation, rev: Number(current['rev']) + 1, updated_at: stamp() };
  expect(await pushOverHttp(token, 'entreprises', [{ newDocumentState: next, assumedMasterState: current }])).toMatchObject({ refusals: [] });
  expect(server.store.get('entreprises', entrepriseId)?.['numerotation']).toEqual(numerotation);
}

/** A PC validating offline `count` new drafts; their ids. */
async function validateOffline(client: TestClient, entrepriseId: string, contactId: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const draft = await createDocument(client.db.factures, draftFields(entrepriseId, contactId));
    await updateDocument(draft, { statut: 'validee' });
    ids.push(draft.id);
  }
  return ids;
}

describe('the invoice format changed back and forth while two PCs validate offline', () => {
  it('never gives a number twice: every number stored is issued once, the visible series continuous', async () => {
    const { entrepriseId, contactId } = seedCompany();
    const { token } = await signIn(server, 'finance');
    // The format of the issue: another series key, with numbers equal to the first one's.
    const padded = 'FA-{YYYY}-0{0000}';
    const online = [await validateOnline(token, entrepriseId, contactId), await validateOnline(token, entrepriseId, contactId)];
    const a = await financeClient();
    const b = await financeClient();
    await Promise.all([a.sync.awaitInSync(), b.sync.awaitInSync()]);
    a.goOffline();
    b.goOffline();
    // PC A changes the format offline and validates three invoices; PC B validates three with the old one.
    const local = (await a.db.entreprises.findOne(entrepriseId).exec())!;
    await updateDocument(local, { numerotation: { ...local.numerotation, facture: padded } });
    const fromA = await validateOffline(a, entrepriseId, contactId, 3);
    const fromB = await validateOffline(b, entrepriseId, contactId, 3);

    a.goOnline();
    await waitFor('les factures de A sont numérotées', () => fromA.every((id) => server.store.get('factures', id)?.['numero'] !== undefined));
    await waitFor('le format de A est sur le serveur', () => (server.store.get('entreprises', entrepriseId)?.['numerotation'] as { facture: string }).facture === padded);
    // Back to the first format online, a validation; then B comes back.
    await setInvoiceFormat(token, entrepriseId, 'FA-{YYYY}-{00000}');
    online.push(await validateOnline(token, entrepriseId, contactId));
    b.goOnline();
    await waitFor('les factures de B sont numérotées', () => fromB.every((id) => server.store.get('factures', id)?.['numero'] !== undefined));
    // And once more the other way.
    await setInvoiceFormat(token, entrepriseId, padded);
    online.push(await validateOnline(token, entrepriseId, contactId));

    const numbers = [...online, ...[...fromA, ...fromB].map((id) => String(storedFacture(id).numero))];
    expect(numbers).toHaveLength(10);
    expect(new Set(numbers).size).toBe(10);
    expect(numbers.map(sequenceOf).sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    // Checked against every number the server ever gave and every number stored.
    const issued = (server.db.$client.prepare('SELECT numero FROM issued_numbers WHERE entreprise_id = ?').all(entrepriseId) as { numero: string }[]).map((row) => row.numero);
    const stored = (server.db.$client.prepare('SELECT numero FROM factures WHERE numero IS NOT NULL').all() as { numero: string }[]).map((row) => row.numero);
    expect([...issued].sort()).toEqual([...numbers].sort());
    expect([...stored].sort()).toEqual([...numbers].sort());
    // Each PC holds the numbers the server gave, its own and the other's.
    for (const client of [a, b]) {
      await expectServerNumbers(client, [...fromA, ...fromB]);
      await waitFor(`${client.name} n’a plus rien en attente`, () => client.sync.status$.getValue().pending === 0);
    }
  });
});

describe('a validated invoice edited or deleted on a PC', () => {
  it('is refused by the server and reverts to the server state on that PC', async () => {
    const { entrepriseId, contactId } = seedCompany();
    const draft = draftDoc(entrepriseId, contactId);
    seed('factures', [draft]);
    const client = await financeClient();
    await client.sync.awaitInSync();
    // Validated by a colleague: the PC receives the numbered invoice.
    const colleague = await signIn(server, 'finance');
    expect(
      await pushOverHttp(colleague.token, 'factures', [
        { newDocumentState: { ...draft, statut: 'validee', rev: 2, updated_at: stamp() }, assumedMasterState: draft },
      ]),
    ).toMatchObject({ refusals: [], adjusted: [{ id: draft.id }] });
    const validated = storedFacture(draft.id);
    expect(validated).toMatchObject({ statut: 'validee', numero: 'FA-' + validated.date_facture!.slice(0, 4) + '-00001' });
    await expectServerNumbers(client, [draft.id]);

    // An edit: refused, undone locally.
    await updateDocument((await client.db.factures.findOne(draft.id).exec())!, { notes: 'remise oubliée', lignes: [ligne(), ligne()] });
    await waitFor('la modification est annulée sur le poste', async () => {
      const doc = await client.db.factures.findOne(draft.id).exec();
      return doc !== null && doc.notes === undefined && doc.lignes.length === 1;
    });
    await client.sync.awaitInSync();
    expect(storedFacture(draft.id)).toEqual(validated);
    expect(client.sync.status$.getValue().conflicts[0]).toMatchObject({
      collection: 'factures',
      documentId: draft.id,
      refused: true,
      reason: { code: 'FACTURE_VALIDEE_IMMUABLE', message: expect.stringContaining(`La facture ${validated.numero} est validée`) as string },
    });

    // A deletion: refused, the invoice comes back on the PC.
    await removeDocument((await client.db.factures.findOne(draft.id).exec())!);
    await waitFor('la facture revient sur le poste', async () => (await client.db.factures.findOne(draft.id).exec()) !== null);
    await client.sync.awaitInSync();
    // RxDB may push the revision bump before the tombstone: accepted, it changes nothing else.
    const { rev: _rev, updated_at: _updatedAt, ...content } = storedFacture(draft.id);
    const { rev: _validatedRev, updated_at: _validatedAt, ...validatedContent } = validated;
    expect(content).toEqual(validatedContent);
    const { _deleted: deleted, ...fields } = validatedContent;
    expect(deleted).toBe(false);
    expect((await client.db.factures.findOne(draft.id).exec())?.toJSON()).toMatchObject(fields);
    await waitFor('plus rien en attente', () => client.sync.status$.getValue().pending === 0);
  });
});

describe('a validation the server cannot make', () => {
  it('keeps the invoice as a draft with the edits made with it, and tells the PC why', async () => {
    const { entrepriseId } = seedCompany();
    const client = await financeClient();
    await client.sync.awaitInSync();
    client.goOffline();
    // A customer the server does not know (as when the invoice reaches it before its customer).
    const unknownCustomer = crypto.randomUUID();
    const draft = await createDocument(client.db.factures, draftFields(entrepriseId, unknownCustomer));
    await updateDocument(draft, { statut: 'validee', notes: 'validée hors ligne' });
    client.goOnline();
    await waitFor('le serveur garde le brouillon', () => server.store.get('factures', draft.id) !== undefined);
    await waitFor('le poste reçoit le brouillon', async () => (await client.db.factures.findOne(draft.id).exec())?.statut === 'brouillon');
    const local = (await client.db.factures.findOne(draft.id).exec())!.toJSON();
    expect(local).toMatchObject({ statut: 'brouillon', notes: 'validée hors ligne' });
    expect(local.numero).toBeUndefined();
    expect(storedFacture(draft.id)).toMatchObject({ statut: 'brouillon', notes: 'validée hors ligne' });
    await waitFor('plus rien en attente', () => client.sync.status$.getValue().pending === 0);
    expect(client.sync.status$.getValue().conflicts[0]).toMatchObject({
      collection: 'factures',
      documentId: draft.id,
      refused: false,
      reason: { code: 'CONTACT_INCONNU', message: expect.stringContaining('reste en brouillon') as string },
    });
  });
});
