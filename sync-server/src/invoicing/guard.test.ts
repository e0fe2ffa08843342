import { describe, expect, it } from 'vitest';
import type { Doc } from '../replication/documents';
import { addUser, call, signIn } from '../test-support/auth';
import { deferral, finance, formats, id, invoicingTestBed, ligne, serverWriter, stamp } from '../test-support/invoicing';

describe('invoice validation numbers the document in the company’s series', () => {
  it('gives FA-2026-00001, 00002… with the day, the due date and the validation time; the client’s number and date lose', () => {
    const t = invoicingTestBed();
    const nord = t.entreprise();
    const client = t.contact(id(nord));
    const first = t.draft(id(nord), id(client));
    const { outcome, after } = t.validate(id(first), { numero: 'FA-PIRATE-1', date_facture: '2020-01-01', date_echeance: '2020-01-31' });
    expect(outcome).toMatchObject({ written: 1, refused: [], conflicts: [] });
    expect(after).toMatchObject({ statut: 'validee', numero: 'FA-2026-00001', date_facture: '2026-11-27', date_echeance: '2026-12-27' });
    expect(after['validee_le']).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(t.validated(id(nord), id(client))['numero']).toBe('FA-2026-00002');
    // A deposit invoice shares the invoices' series; end-of-month terms reach the month's last day.
    const acompte = t.validated(id(nord), id(client), { type_facture: 'acompte', conditions_paiement: { jours: 45, fin_de_mois: true } });
    expect(acompte).toMatchObject({ numero: 'FA-2026-00003', date_facture: '2026-11-27', date_echeance: '2027-01-31' });
    expect(t.series()).toEqual([{ entreprise_id: id(nord), document_type: 'facture', series_key: 'FA-2026-#', last_number: 3 }]);
  });

  it('numbers a document created already validated (offline), and keeps one series per company', () => {
    const t = invoicingTestBed();
    const nord = t.entreprise();
    const sud = t.entreprise({ raison_sociale: 'Transports Sud', numerotation: { ...formats, facture: 'S{YY}{MM}-{000}' } });
    const atNord = t.contact(id(nord));
    const atSud = t.contact(id(sud));
    const offline = t.create('factures', {
      entreprise_id: id(nord),
      contact_id: id(atNord),
      type_facture: 'facture',
      statut: 'validee',
      numero: 'LOCAL-1',
      conditions_paiement: { jours: 0, fin_de_mois: false },
      lignes: [ligne(1, 500)],
      regime_tva: 'normale',
    });
    expect(offline).toMatchObject({ numero: 'FA-2026-00001', date_facture: '2026-11-27', date_echeance: '2026-11-27' });
    expect(t.validated(id(sud), id(atSud))['numero']).toBe('S2611-001');
    expect(t.validated(id(nord), id(atNord))['numero']).toBe('FA-2026-00002');
    expect(t.validated(id(sud), id(atSud))['numero']).toBe('S2611-002');
  });

  it('keeps credit notes in their own series', () => {
    const t = invoicingTestBed();
    const nord = t.entreprise();
    const client = t.contact(id(nord));
    const invoice = t.validated(id(nord), id(client), { lignes: [ligne(10, 10_000)] });
    const avoir = t.validated(id(nord), id(client), { type_facture: 'avoir', facture_origine_id: id(invoice), lignes: [ligne(-1, 10_000)] });
    expect(avoir['numero']).toBe('AV-2026-00001');
    expect(t.validated(id(nord), id(client))['numero']).toBe('FA-2026-00002');
    expect(t.validated(id(nord), id(client), { type_facture: 'avoir', facture_origine_id: id(invoice), lignes: [ligne(-1, 10_000)] })['numero']).toBe(
      'AV-2026-00002',
    );
  });

  it('restarts a yearly series on 1 January in Paris, while a format without year goes on', () => {
    const t = invoicingTestBed();
    const nord = t.entreprise();
    const continu = t.entreprise({ raison_sociale: 'Transports Continu', numerotation: { ...formats, facture: 'C-{00000}' } });
    const a = t.contact(id(nord));
    const b = t.contact(id(continu));
    expect(t.validated(id(nord), id(a))['numero']).toBe('FA-2026-00001');
    expect(t.validated(id(continu), id(b))['numero']).toBe('C-00001');
    // 31 December 2026, 23:59 in Paris (22:59 UTC): still 2026.
    t.relais.clock.advance(Date.parse('2026-12-31T22:59:00.000Z') - t.relais.clock.now());
    expect(t.validated(id(nord), id(a))).toMatchObject({ numero: 'FA-2026-00002', date_facture: '2026-12-31' });
    // One minute later it is 1 January 2027 in Paris, still 31 December in UTC.
    t.relais.clock.advance(60_000);
    expect(t.validated(id(nord), id(a))).toMatchObject({ numero: 'FA-2027-00001', date_facture: '2027-01-01', date_echeance: '2027-01-31' });
    expect(t.validated(id(nord), id(a))['numero']).toBe('FA-2027-00002');
    expect(t.validated(id(continu), id(b))['numero']).toBe('C-00002');
    expect(t.series()).toEqual([
      { entreprise_id: id(continu), document_type: 'facture', series_key: 'C-#', last_number: 2 },
      { entreprise_id: id(nord), document_type: 'facture', series_key: 'FA-2026-#', last_number: 2 },
      { entreprise_id: id(nord), document_type: 'facture', series_key: 'FA-2027-#', last_number: 2 },
    ]);
  });

  it('numbers every document of one push in order, gap-free', () => {
    const t = invoicingTestBed();
    const nord = t.entreprise();
    const client = t.contact(id(nord));
    const drafts = Array.from({ length: 5 }, () => t.draft(id(nord), id(client)));
    const outcome = t.push('factures', drafts[0]!, undefined); // a retried push of a stored draft: nothing to do
    expect(outcome.written).toBe(0);
    const batch = t.store.push(
      'factures',
      drafts.map((doc) => ({ newDocumentState: { ...doc, statut: 'validee', rev: 2, updated_at: stamp() }, assumedMasterState: doc })),
      finance,
    );
    expect(batch).toMatchObject({ ok: true, written: 5, refused: [] });
    expect(drafts.map((doc) => t.store.get('factures', id(doc))!['numero'])).toEqual([
      'FA-2026-00001',
      'FA-2026-00002',
      'FA-2026-00003',
      'FA-2026-00004',
      'FA-2026-00005',
    ]);
  });
});

describe('validation checks the company, the customer and what a credit note cancels', () => {
  it('keeps as a draft, saying why, a validation with an unknown or deleted company, an unknown customer, a customer of another company; no number is used', () => {
    const t = invoicingTestBed();
    const nord = t.entreprise();
    const sud = t.entreprise({ raison_sociale: 'Transports Sud' });
    const client = t.contact(id(nord));
    const clientSud = t.contact(id(sud));

    const orphan = t.draft(crypto.randomUUID(), id(client));
    expect(deferral(t.validate(id(orphan)))).toEqual({ code: 'ENTREPRISE_INCONNUE', message: expect.stringContaining('entreprise émettrice') as string, params: {} });
    const noClient = t.draft(id(nord), crypto.randomUUID());
    expect(deferral(t.validate(id(noClient)))).toMatchObject({ code: 'CONTACT_INCONNU' });
    const wrongClient = t.draft(id(nord), id(clientSud));
    const refused = t.validate(id(wrongClient), { notes: 'à valider' });
    expect(deferral(refused)).toEqual({
      code: 'CONTACT_AUTRE_ENTREPRISE',
      message: 'Ce client n’est pas un client de Transports Nord : la facture ne peut pas être validée ; le document reste en brouillon : validez-le à nouveau',
      params: { entreprise: 'Transports Nord' },
    });
    // Not validated: stored as the draft it was, with the writer's edits, and sent back as such.
    expect(refused.after).toMatchObject({ statut: 'brouillon', notes: 'à valider' });
    expect(refused.after['numero']).toBeUndefined();
    expect(refused.outcome.adjusted.map((entry) => entry.doc)).toEqual([refused.after]);
    expect(t.series()).toEqual([]);

    const deletedClient = t.contact(id(nord));
    t.edit('contacts', id(deletedClient), { _deleted: true });
    expect(deferral(t.validate(id(t.draft(id(nord), id(deletedClient)))))).toMatchObject({ code: 'CONTACT_INCONNU' });
    expect(t.validated(id(nord), id(client))['numero']).toBe('FA-2026-00001');
    t.edit('entreprises', id(sud), { _deleted: true });
    expect(deferral(t.validate(id(t.draft(id(sud), id(clientSud)))))).toMatchObject({ code: 'ENTREPRISE_INCONNUE' });
  });

  it('keeps as a draft a validation for a customer without SIREN, e-mail nor VAT number (no Factur-X would pass BR-FR-12); its VAT number is enough', () => {
    const t = invoicingTestBed();
    const nord = t.entreprise();
    const torino = t.contact(id(nord), { nom: 'Spedizioni Torino', email: undefined, adresse_facturation: { ligne1: 'Via Roma 1', code_postal: '10121', ville: 'Torino', pays: 'Italie' } });
    const draft = t.draft(id(nord), id(torino));
    expect(deferral(t.validate(id(draft)))).toMatchObject({ code: 'CONTACT_SANS_ADRESSE_ELECTRONIQUE', params: { contact: 'Spedizioni Torino' } });
    expect(t.series()).toEqual([]);
    t.edit('contacts', id(torino), { tva_intracom: 'IT12345678901' });
    expect(t.validate(id(draft)).after).toMatchObject({ statut: 'validee', numero: 'FA-2026-00001' });
  });

  it('keeps as a draft a validation with an exempt line that says no reason', () => {
    const t = invoicingTestBed();
    const nord = t.entreprise();
    const client = t.contact(id(nord));
    const draft = t.draft(id(nord), id(client), { lignes: [{ ...ligne(1, 50_000), taux_tva_bp: 0, designation: 'Transport Lyon → Turin', exoneration: '' }] });
    expect(deferral(t.validate(id(draft)))).toMatchObject({ code: 'LIGNE_EXONEREE_SANS_MOTIF', params: { ligne: 'Transport Lyon → Turin' } });
  });

  it('keeps as a draft an intra-community supply to a customer without VAT number (BR-IC-02), and validates it once the number is there', () => {
    const t = invoicingTestBed();
    const nord = t.entreprise({ tva_intracom: 'FR40300000001' });
    const schmidt = t.contact(id(nord), { nom: 'Bäckerei Schmidt GmbH', adresse_facturation: { ligne1: 'Hauptstraße 5', code_postal: '10115', ville: 'Berlin', pays: 'Allemagne' } });
    const supply = {
      ...ligne(40, 6_500),
      taux_tva_bp: 0,
      designation: 'Bacs isothermes',
      exoneration: 'Exonération de TVA, article 262 ter I du CGI (livraison intracommunautaire)',
      exoneration_code: 'VATEX-EU-IC',
    };
    const draft = t.draft(id(nord), id(schmidt), { date_prestation: '2026-11-20', lignes: [supply] });
    const refused = deferral(t.validate(id(draft)));
    expect(refused).toMatchObject({ code: 'LIVRAISON_UE_SANS_TVA_CLIENT', params: { ligne: 'Bacs isothermes', contact: 'Bäckerei Schmidt GmbH' } });
    expect(refused?.message).toContain('Livraison intracommunautaire (ligne « Bacs isothermes ») : renseignez le numéro de TVA intracommunautaire du client Bäckerei Schmidt GmbH');
    expect(t.series()).toEqual([]);
    t.edit('contacts', id(schmidt), { tva_intracom: 'DE123456789' });
    expect(t.validate(id(draft)).after).toMatchObject({ statut: 'validee', numero: 'FA-2026-00001' });
  });

  it('keeps as a draft an export when the company has no VAT number (BR-G-02)', () => {
    const t = invoicingTestBed();
    const nord = t.entreprise();
    const client = t.contact(id(nord));
    const exportation = { ...ligne(1, 150_000), taux_tva_bp: 0, designation: 'Rayonnages', exoneration: 'Exonération de TVA, article 262 I du CGI (exportation)', exoneration_code: 'VATEX-EU-G' };
    const draft = t.draft(id(nord), id(client), { lignes: [exportation] });
    expect(deferral(t.validate(id(draft)))).toMatchObject({ code: 'EXPORT_SANS_TVA_ENTREPRISE', params: { ligne: 'Rayonnages', entreprise: 'Transports Nord' } });
    t.edit('entreprises', id(nord), { tva_intracom: 'FR40300000001' });
    expect(t.validate(id(draft)).after).toMatchObject({ statut: 'validee' });
  });

  it('freezes the company’s option for VAT on debits on the document it validates; the company’s later changes reach drafts only', () => {
    const t = invoicingTestBed();
    const nord = t.entreprise({ tva_sur_debits: true });
    const client = t.contact(id(nord));
    const pirate = t.draft(id(nord), id(client), { tva_sur_debits: false });
    expect(t.validate(id(pirate)).after).toMatchObject({ statut: 'validee', tva_sur_debits: true });
    t.edit('entreprises', id(nord), { tva_sur_debits: false });
    expect(t.validated(id(nord), id(client))['tva_sur_debits']).toBe(false);
    expect(t.validate(id(pirate)).after['tva_sur_debits']).toBe(true);
  });

  it('freezes the nature of operations and the PMT/PMD/AAB notes on the document it validates: its own, else the company’s of today, else the defaults', () => {
    const t = invoicingTestBed();
    const nord = t.entreprise({ nature_operation: 'biens', taux_penalites_bp: 1_250, mentions_facturation: { escompte: 'Escompte de 1 % à 8 jours' } });
    const client = t.contact(id(nord));
    const own = t.draft(id(nord), id(client), { nature_operation: 'mixte', mentions_facturation: { recouvrement: 'Indemnité de 40 € (art. L441-10)' } });
    expect(t.validate(id(own)).after).toMatchObject({
      statut: 'validee',
      nature_operation: 'mixte',
      mentions_facturation: {
        recouvrement: 'Indemnité de 40 € (art. L441-10)',
        penalites: 'Pénalités de retard : 12,5 % par an, exigibles dès le lendemain de l\'échéance',
        escompte: 'Escompte de 1 % à 8 jours',
      },
    });
    // The company changes: the issued document keeps what it printed, a new one takes the change.
    t.edit('entreprises', id(nord), { nature_operation: 'services', taux_penalites_bp: 1_000, mentions_facturation: { escompte: 'Pas d’escompte' } });
    expect(t.validate(id(own)).after).toMatchObject({ nature_operation: 'mixte', mentions_facturation: { escompte: 'Escompte de 1 % à 8 jours' } });
    expect(t.validated(id(nord), id(client))).toMatchObject({
      nature_operation: 'services',
      mentions_facturation: { penalites: 'Pénalités de retard : 10 % par an, exigibles dès le lendemain de l\'échéance', escompte: 'Pas d’escompte' },
    });
  });

  it('keeps the writer’s own nature and notes out of a validation it defers, and freezes nothing then', () => {
    const t = invoicingTestBed();
    const nord = t.entreprise({ nature_operation: 'biens' });
    const client = t.contact(id(nord));
    const draft = t.draft(id(nord), id(client), { lignes: [{ ...ligne(1, 50_000), taux_tva_bp: 0, designation: 'Transport Lyon → Turin', exoneration: '' }] });
    expect(deferral(t.validate(id(draft)))).toMatchObject({ code: 'LIGNE_EXONEREE_SANS_MOTIF' });
    const after = t.validate(id(draft)).after;
    expect(after['nature_operation']).toBeUndefined();
    expect(after['mentions_facturation']).toBeUndefined();
  });

  it('keeps as a draft a credit note citing a draft, another credit note, or another customer’s invoice', () => {
    const t = invoicingTestBed();
    const nord = t.entreprise();
    const client = t.contact(id(nord));
    const other = t.contact(id(nord), { nom: 'Client Durand' });
    const avoir = (origin: Doc, contactId = id(client)) =>
      t.draft(id(nord), contactId, { type_facture: 'avoir', facture_origine_id: id(origin), lignes: [ligne(-1, 1000)] });

    const brouillon = t.draft(id(nord), id(client));
    expect(deferral(t.validate(id(avoir(brouillon))))).toMatchObject({ code: 'AVOIR_FACTURE_ORIGINE_INVALIDE' });
    const invoice = t.validated(id(nord), id(client));
    const firstCredit = t.validated(id(nord), id(client), { type_facture: 'avoir', facture_origine_id: id(invoice), lignes: [ligne(-1, 1000)] });
    expect(deferral(t.validate(id(avoir(firstCredit))))).toMatchObject({ code: 'AVOIR_FACTURE_ORIGINE_INVALIDE' });
    expect(deferral(t.validate(id(avoir(invoice, id(other)))))).toMatchObject({
      code: 'AVOIR_FACTURE_ORIGINE_INVALIDE',
      message: expect.stringContaining('FA-2026-00001') as string,
    });
    // A deposit invoice may be credited.
    const acompte = t.validated(id(nord), id(client), { type_facture: 'acompte' });
    expect(t.validated(id(nord), id(client), { type_facture: 'avoir', facture_origine_id: id(acompte), lignes: [ligne(-1, 1000)] })['numero']).toBe(
      'AV-2026-00002',
    );
  });

  it('keeps as drafts credit notes beyond the invoice’s total incl. VAT (AVOIR_DEPASSE_FACTURE), up to it exactly', () => {
    const t = invoicingTestBed();
    const nord = t.entreprise();
    const client = t.contact(id(nord));
    // 100,00 € HT at 20 % → 120,00 € TTC.
    const invoice = t.validated(id(nord), id(client), { lignes: [ligne(1, 10_000)] });
    const credit = (prix: number) => t.draft(id(nord), id(client), { type_facture: 'avoir', facture_origine_id: id(invoice), lignes: [ligne(-1, prix)] });
    // 50,00 HT → 60,00 TTC credited.
    expect(t.validate(id(credit(5000))).after['numero']).toBe('AV-2026-00001');
    // 60,00 TTC + 72,00 TTC = 132,00 > 120,00.
    const tooMuch = credit(6000);
    const refused = t.validate(id(tooMuch));
    expect(deferral(refused)).toEqual({
      code: 'AVOIR_DEPASSE_FACTURE',
      message:
        'Les avoirs de la facture FA-2026-00001 atteindraient 132,00 € TTC, plus que la facture elle-même (120,00 € TTC) ; le document reste en brouillon : validez-le à nouveau',
      params: { numero: 'FA-2026-00001', credite: '132,00 €', facture: '120,00 €' },
    });
    expect(refused.after['statut']).toBe('brouillon');
    // A draft credit note does not count; 60,00 + 60,00 = 120,00 exactly is allowed, and takes the next number (no gap).
    expect(t.validate(id(credit(5000))).after['numero']).toBe('AV-2026-00002');
    expect(deferral(t.validate(id(credit(1))))).toMatchObject({ code: 'AVOIR_DEPASSE_FACTURE' });
  });
});

describe('a validated invoice is immutable', () => {
  it('refuses edits, deletion and a return to draft (FACTURE_VALIDEE_IMMUABLE), sending the server state back', () => {
    const t = invoicingTestBed();
    const nord = t.entreprise();
    const client = t.contact(id(nord));
    const invoice = t.validated(id(nord), id(client));
    const message = 'La facture FA-2026-00001 est validée : elle ne peut plus être modifiée ni supprimée ; émettez un avoir';
    const params = { numero: 'FA-2026-00001', type_facture: 'facture', change: 'modifier' };

    for (const patch of [{ lignes: [ligne(2, 10_000)] }, { notes: 'oubli' }, { numero: 'FA-2026-00099' }, { _deleted: true }]) {
      const { outcome, before, after } = t.edit('factures', id(invoice), patch);
      expect(outcome).toEqual({ ok: true, written: 0, conflicts: [before], refused: [{ id: id(invoice), code: 'FACTURE_VALIDEE_IMMUABLE', message, params }], adjusted: [] });
      expect(after).toEqual(invoice);
    }
    const back = t.edit('factures', id(invoice), { statut: 'brouillon', numero: undefined, validee_le: undefined });
    expect(back.outcome.refused).toEqual([
      { id: id(invoice), code: 'FACTURE_VALIDEE_IMMUABLE', message: 'La facture FA-2026-00001 est validée : elle ne peut pas redevenir un brouillon ; émettez un avoir',
        params: { ...params, change: 'brouillon' },
      },
    ]);
    expect(t.store.get('factures', id(invoice))).toEqual(invoice);
    // Only the revision moving is no change.
    expect(t.edit('factures', id(invoice), {}).outcome).toMatchObject({ written: 1, refused: [] });
  });

  it('says so of a credit note too', () => {
    const t = invoicingTestBed();
    const nord = t.entreprise();
    const client = t.contact(id(nord));
    const invoice = t.validated(id(nord), id(client));
    const avoir = t.validated(id(nord), id(client), { type_facture: 'avoir', facture_origine_id: id(invoice), lignes: [ligne(-1, 1000)] });
    expect(t.edit('factures', id(avoir), { _deleted: true }).outcome.refused[0]).toEqual({
      id: id(avoir),
      code: 'FACTURE_VALIDEE_IMMUABLE',
      message: 'L’avoir AV-2026-00001 est validé : il ne peut plus être modifié ni supprimé ; émettez une nouvelle facture',
      params: { numero: 'AV-2026-00001', type_facture: 'avoir', change: 'modifier' },
    });
  });

  it('lets the server (no permissions) append sendings, and nothing else', () => {
    const t = invoicingTestBed();
    const nord = t.entreprise();
    const client = t.contact(id(nord));
    const invoice = t.validated(id(nord), id(client));
    const first = { at: '2026-11-27T09:00:00.000Z', destinataires: 'compta@client.fr', par: 'COMPTA' };
    const second = { at: '2026-11-27T10:00:00.000Z', destinataires: 'relance@client.fr' };

    // A user may not record a sending itself.
    expect(t.edit('factures', id(invoice), { envois: [first] }).outcome.refused[0]).toMatchObject({ code: 'FACTURE_VALIDEE_IMMUABLE' });
    expect(t.edit('factures', id(invoice), { envois: [first] }, serverWriter).outcome).toMatchObject({ written: 1, refused: [] });
    expect(t.edit('factures', id(invoice), { envois: [first, second] }, serverWriter).after['envois']).toEqual([first, second]);
    // Neither rewriting the sendings nor anything else, nor deleting, even for the server.
    for (const patch of [{ envois: [second] }, { notes: 'note serveur' }, { envois: [first, second], motif: 'x' }, { _deleted: true }]) {
      expect(t.edit('factures', id(invoice), patch, serverWriter).outcome.refused[0]).toMatchObject({ code: 'FACTURE_VALIDEE_IMMUABLE' });
    }
    // The other server writers carry no permissions either.
    expect(t.edit('factures', id(invoice), { notes: 'import' }, { actor: null, source: 'import' }).outcome.refused[0]).toMatchObject({
      code: 'FACTURE_VALIDEE_IMMUABLE',
    });
    expect(t.store.get('factures', id(invoice))).toMatchObject({ numero: 'FA-2026-00001', envois: [first, second] });
    expect(t.store.get('factures', id(invoice))!['notes']).toBeUndefined();
  });

  it('leaves drafts free: edited, then deleted', () => {
    const t = invoicingTestBed();
    const nord = t.entreprise();
    const client = t.contact(id(nord));
    const doc = t.draft(id(nord), id(client));
    expect(t.edit('factures', id(doc), { lignes: [ligne(3, 2500)], notes: 'révisé' }).after).toMatchObject({ notes: 'révisé', statut: 'brouillon' });
    expect(t.edit('factures', id(doc), { _deleted: true }).outcome).toMatchObject({ written: 1, refused: [] });
    expect(t.store.get('factures', id(doc))!['_deleted']).toBe(true);
    expect(t.series()).toEqual([]);
  });
});

describe('quotes', () => {
  it('are numbered when first stored, whatever their status, and keep the server’s number', () => {
    const t = invoicingTestBed();
    const nord = t.entreprise();
    const client = t.contact(id(nord));
    const first = t.devis(id(nord), id(client), { numero: 'DEVIS-LOCAL' });
    expect(first.outcome).toMatchObject({ written: 1, refused: [] });
    expect(first.stored).toMatchObject({ numero: 'DE-2026-00001', statut: 'brouillon' });
    expect(t.devis(id(nord), id(client), { statut: 'envoye' }).stored!['numero']).toBe('DE-2026-00002');
    // A draft's edits keep its number, even if the client sends another.
    const edited = t.edit('devis', id(first.doc), { objet: 'Navette', numero: 'DE-2026-00042' });
    expect(edited.after).toMatchObject({ objet: 'Navette', numero: 'DE-2026-00001' });
    expect(t.edit('devis', id(first.doc), { objet: 'Navette 2', numero: undefined }).after['numero']).toBe('DE-2026-00001');
    // A stored quote without number (older data) gets one on its next write.
    t.relais.db.$client.prepare('UPDATE devis SET numero = NULL WHERE id = ?').run(id(first.doc));
    expect(t.edit('devis', id(first.doc), { objet: 'Navette 3' }).after['numero']).toBe('DE-2026-00003');
    expect(t.series()).toEqual([{ entreprise_id: id(nord), document_type: 'devis', series_key: 'DE-2026-#', last_number: 3 }]);
    // A quote whose company has not reached the server yet (both created offline) is kept, unnumbered.
    const early = t.devis(crypto.randomUUID(), id(client));
    expect(early.outcome).toMatchObject({ written: 1, refused: [] });
    expect(early.stored?.['numero']).toBeUndefined();
  });

  it('follow their life cycle; once sent only the status and sendings change (DEVIS_FIGE)', () => {
    const t = invoicingTestBed();
    const nord = t.entreprise();
    const client = t.contact(id(nord));
    const { doc } = t.devis(id(nord), id(client));
    // Sent then accepted offline: the server may get the last state only, reached through allowed steps.
    const offline = t.devis(id(nord), id(client)).doc;
    expect(t.edit('devis', id(offline), { statut: 'accepte' }).after['statut']).toBe('accepte');
    expect(t.edit('devis', id(offline), { statut: 'envoye' }).outcome.refused).toEqual([
      { id: id(offline), code: 'DEVIS_STATUT_INVALIDE', message: 'Le devis DE-2026-00002 est accepté : il ne peut pas passer à « envoyé »',
        params: { numero: 'DE-2026-00002', de: 'accepte', vers: 'envoye' },
      },
    ]);
    expect(t.edit('devis', id(doc), { statut: 'envoye' }).after['statut']).toBe('envoye');
    expect(t.edit('devis', id(doc), { lignes: [ligne(1, 1)] }).outcome.refused).toEqual([
      { id: id(doc), code: 'DEVIS_FIGE', message: 'Le devis DE-2026-00001 est envoyé : seul son statut change encore ; faites un nouveau devis',
        params: { numero: 'DE-2026-00001', statut: 'envoye', raison: 'contenu' },
      },
    ]);
    expect(t.edit('devis', id(doc), { statut: 'accepte', objet: 'ajout' }).outcome.refused[0]).toMatchObject({ code: 'DEVIS_FIGE' });
    const envoi = { at: '2026-11-27T09:00:00.000Z', destinataires: 'client@exemple.fr' };
    expect(t.edit('devis', id(doc), { envois: [envoi] }).outcome).toMatchObject({ written: 1, refused: [] });
    expect(t.edit('devis', id(doc), { statut: 'envoye' }).outcome).toMatchObject({ written: 1, refused: [] });
    expect(t.edit('devis', id(doc), { statut: 'accepte' }).after['statut']).toBe('accepte');
    expect(t.edit('devis', id(doc), { statut: 'brouillon' }).outcome.refused[0]).toMatchObject({ code: 'DEVIS_STATUT_INVALIDE' });
    expect(t.edit('devis', id(doc), { statut: 'refuse' }).outcome.refused[0]).toMatchObject({ code: 'DEVIS_STATUT_INVALIDE' });
    expect(t.store.get('devis', id(doc))).toMatchObject({ statut: 'accepte', numero: 'DE-2026-00001', envois: [envoi] });
  });

  it('cannot be deleted while an invoice cites them', () => {
    const t = invoicingTestBed();
    const nord = t.entreprise();
    const client = t.contact(id(nord));
    const { doc } = t.devis(id(nord), id(client));
    const invoice = t.validated(id(nord), id(client), { devis_id: id(doc) });
    expect(t.edit('devis', id(doc), { _deleted: true }).outcome.refused).toEqual([
      { id: id(doc), code: 'DEVIS_FACTURE', message: 'Le devis DE-2026-00001 est repris par la facture FA-2026-00001 : il ne peut pas être supprimé',
        params: { numero: 'DE-2026-00001', facture: 'FA-2026-00001' },
      },
    ]);
    expect(invoice['devis_id']).toBe(id(doc));
    const other = t.devis(id(nord), id(client)).doc;
    const brouillon = t.draft(id(nord), id(client), { devis_id: id(other) });
    expect(t.edit('devis', id(other), { _deleted: true }).outcome.refused[0]).toMatchObject({ code: 'DEVIS_FACTURE' });
    t.edit('factures', id(brouillon), { _deleted: true });
    expect(t.edit('devis', id(other), { _deleted: true }).outcome).toMatchObject({ written: 1, refused: [] });
  });
});

describe('contacts and groups', () => {
  it('a contact joins groups of its own company only (the old app let it join another’s)', async () => {
    const t = invoicingTestBed();
    const nord = t.entreprise({ groupes: [{ id: crypto.randomUUID(), nom: 'Grands comptes' }, { id: crypto.randomUUID(), nom: 'BTP' }] });
    const sud = t.entreprise({ raison_sociale: 'Transports Sud', groupes: [{ id: crypto.randomUUID(), nom: 'Grands comptes' }] });
    const groupes = (doc: Doc) => (doc['groupes'] as { id: string }[]).map((groupe) => groupe.id);
    const [g1, g2] = groupes(nord);
    const [g3] = groupes(sud);
    const martin = t.contact(id(nord), { groupe_ids: [g1, g2] });
    expect(martin['groupe_ids']).toEqual([g1, g2]);

    // Over HTTP, as the PWA pushes it.
    await addUser(t.relais.auth, { username: 'COMPTA', role: 'finance' });
    const { token } = await signIn(t.relais.app, 'COMPTA');
    const wrong = { ...martin, groupe_ids: [g1, g3], rev: 2, updated_at: stamp() };
    const response = await call(t.relais.app, 'POST', '/api/replication/contacts/push', { token, body: [{ newDocumentState: wrong, assumedMasterState: martin }] });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      conflicts: [martin],
      refusals: [
        {
          id: id(martin),
          code: 'GROUPE_AUTRE_ENTREPRISE',
          message: 'Ce groupe appartient à Transports Sud : un contact ne rejoint que des groupes de sa propre entreprise',
          params: { groupe: expect.any(String) as string, entreprise: 'Transports Sud' },
        },
      ],
      adjusted: [],
    });
    expect(t.store.get('contacts', id(martin))!['groupe_ids']).toEqual([g1, g2]);

    const fresh = { id: crypto.randomUUID(), rev: 1, updated_at: stamp(), entreprise_id: id(sud), type_contact: 'particulier', nom: 'Durand', adresse_facturation: { ligne1: '3 rue', code_postal: '13001', ville: 'Marseille' }, groupe_ids: [g1], is_active: true, _deleted: false } as Doc;
    expect(t.push('contacts', fresh).refused[0]).toMatchObject({ code: 'GROUPE_AUTRE_ENTREPRISE', message: expect.stringContaining('Transports Nord') as string });
    expect(t.store.get('contacts', id(fresh))).toBeUndefined();
    expect(t.push('contacts', { ...fresh, groupe_ids: [crypto.randomUUID()] }).refused[0]).toMatchObject({ code: 'GROUPE_INCONNU' });
    expect(t.push('contacts', { ...fresh, groupe_ids: [g3, g3] }).refused[0]).toMatchObject({ code: 'GROUPE_EN_DOUBLE' });
    expect(t.push('contacts', { ...fresh, groupe_ids: [g3] })).toMatchObject({ written: 1, refused: [] });
  });

  it('a company keeps a group a live contact uses (GROUPE_UTILISE), and drops it once unused', () => {
    const t = invoicingTestBed();
    const used = { id: crypto.randomUUID(), nom: 'Grands comptes' };
    const unused = { id: crypto.randomUUID(), nom: 'BTP' };
    const nord = t.entreprise({ groupes: [used, unused] });
    const martin = t.contact(id(nord), { nom: 'Martin', prenom: 'Paul', groupe_ids: [used.id] });
    const gone = t.contact(id(nord), { groupe_ids: [unused.id] });
    t.edit('contacts', id(gone), { _deleted: true });

    expect(t.edit('entreprises', id(nord), { groupes: [used] }).outcome).toMatchObject({ written: 1, refused: [] });
    expect(t.edit('entreprises', id(nord), { groupes: [] }).outcome.refused).toEqual([
      { id: id(nord), code: 'GROUPE_UTILISE', message: 'Le groupe « Grands comptes » compte encore le contact Paul Martin : retirez-en d’abord ses contacts',
        params: { groupe: 'Grands comptes', contact: 'Paul Martin' },
      },
    ]);
    expect(t.edit('entreprises', id(nord), { _deleted: true }).outcome.refused[0]).toMatchObject({ code: 'GROUPE_UTILISE' });
    // Renaming keeps the group.
    expect(t.edit('entreprises', id(nord), { groupes: [{ ...used, nom: 'Comptes clés' }] }).outcome).toMatchObject({ written: 1, refused: [] });
    t.edit('contacts', id(martin), { groupe_ids: [] });
    expect(t.edit('entreprises', id(nord), { groupes: [] }).outcome).toMatchObject({ written: 1, refused: [] });
  });
});

describe('payments', () => {
  it('are recorded on a validated invoice or deposit invoice only (REGLEMENT_FACTURE_NON_VALIDEE)', () => {
    const t = invoicingTestBed();
    const nord = t.entreprise();
    const client = t.contact(id(nord));
    const invoice = t.validated(id(nord), id(client));
    const reglement = (factureId: string) =>
      ({ id: crypto.randomUUID(), rev: 1, updated_at: stamp(), facture_id: factureId, date_reglement: '2026-11-27', montant: 12_000, mode: 'virement', _deleted: false }) as Doc;

    const paid = reglement(id(invoice));
    expect(t.push('reglements', paid)).toMatchObject({ written: 1, refused: [] });
    expect(t.push('reglements', reglement(id(t.validated(id(nord), id(client), { type_facture: 'acompte' }))))).toMatchObject({ written: 1 });
    const onDraft = reglement(id(t.draft(id(nord), id(client))));
    expect(t.push('reglements', onDraft)).toEqual({
      ok: true,
      written: 0,
      conflicts: [{ ...onDraft, _deleted: true }],
      refused: [
        {
          id: id(onDraft),
          code: 'REGLEMENT_FACTURE_NON_VALIDEE',
          message: 'Un règlement s’enregistre sur une facture validée : celle-ci est introuvable ou encore en brouillon',
          params: { raison: 'non_validee' },
        },
      ],
      adjusted: [],
    });
    expect(t.push('reglements', reglement(crypto.randomUUID())).refused[0]).toMatchObject({ code: 'REGLEMENT_FACTURE_NON_VALIDEE' });
    const avoir = t.validated(id(nord), id(client), { type_facture: 'avoir', facture_origine_id: id(invoice), lignes: [ligne(-1, 100)] });
    expect(t.push('reglements', reglement(id(avoir))).refused[0]).toEqual(
      expect.objectContaining({ code: 'REGLEMENT_FACTURE_NON_VALIDEE', message: 'Un règlement s’enregistre sur une facture, pas sur un avoir' }),
    );
    expect(t.edit('reglements', id(paid), { _deleted: true }).outcome).toMatchObject({ written: 1, refused: [] });
  });
});

describe('over HTTP', () => {
  it('a finance user validates a draft; the number comes back with the pull', async () => {
    const t = invoicingTestBed();
    const nord = t.entreprise();
    const client = t.contact(id(nord));
    const doc = t.draft(id(nord), id(client));
    await addUser(t.relais.auth, { username: 'COMPTA', role: 'finance' });
    const { token } = await signIn(t.relais.app, 'COMPTA');
    const validatedDoc = { ...doc, statut: 'validee', rev: 2, updated_at: stamp() };
    const response = await call(t.relais.app, 'POST', '/api/replication/factures/push', { token, body: [{ newDocumentState: validatedDoc, assumedMasterState: doc }] });
    // The answer carries the numbered invoice: the writer takes it at once.
    const answer = (await response.json()) as { conflicts: Doc[]; refusals: unknown[]; adjusted: { id: string }[] };
    expect(answer.refusals).toEqual([]);
    expect(answer.adjusted).toEqual([{ id: doc.id }]);
    expect(answer.conflicts).toEqual([expect.objectContaining({ id: doc.id, statut: 'validee', numero: 'FA-2026-00001' })]);
    const pulled = await call(t.relais.app, 'GET', '/api/replication/factures/pull?limit=10', { token });
    const { documents } = (await pulled.json()) as { documents: Doc[] };
    expect(documents).toEqual([{ ...validatedDoc, numero: 'FA-2026-00001', date_facture: '2026-11-27', date_echeance: '2026-12-27', validee_le: expect.any(String) as string, tva_sur_debits: false, nature_operation: 'services', mentions_facturation: expect.objectContaining({ escompte: "Pas d'escompte pour paiement anticipé" }) as unknown }]);
  });
});
