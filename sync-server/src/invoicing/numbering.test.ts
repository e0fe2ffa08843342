import { describe, expect, it } from 'vitest';
import type { Doc } from '../replication/documents';
import { deferral, finance, formats, id, invoicingTestBed, ligne, stamp } from '../test-support/invoicing';
import { createNumbering } from './numbering';

type TestBed = ReturnType<typeof invoicingTestBed>;

/** Every number ever given, as `issued_numbers` holds it, in the order given. */
function issued(t: TestBed): { entreprise_id: string; numero: string; document_type: string; document_id: string }[] {
  return t.relais.db.$client
    .prepare('SELECT entreprise_id, numero, document_type, document_id FROM issued_numbers ORDER BY rowid')
    .all() as { entreprise_id: string; numero: string; document_type: string; document_id: string }[];
}

/** The numbers stored on the company's documents (invoices, credit notes, quotes). */
function storedNumbers(t: TestBed, entrepriseId: string): string[] {
  return (
    t.relais.db.$client
      .prepare(`SELECT numero FROM factures WHERE entreprise_id = ? AND numero IS NOT NULL UNION ALL SELECT numero FROM devis WHERE entreprise_id = ? AND numero IS NOT NULL`)
      .all(entrepriseId, entrepriseId) as { numero: string }[]
  ).map((row) => row.numero);
}

/** No number twice, and the table of issued numbers holds exactly the numbers on the documents. */
function expectEachNumberOnce(t: TestBed, entrepriseId: string): void {
  const numbers = storedNumbers(t, entrepriseId);
  expect(new Set(numbers).size).toBe(numbers.length);
  const recorded = issued(t).filter((row) => row.entreprise_id === entrepriseId);
  expect(recorded.map((row) => row.numero).sort()).toEqual([...numbers].sort());
}

function setFormats(t: TestBed, entreprise: Doc, numerotation: Record<string, string>): void {
  const { outcome, after } = t.edit('entreprises', id(entreprise), { numerotation });
  expect(outcome.refused).toEqual([]);
  expect(after['numerotation']).toEqual(numerotation);
}

describe('a number is never given twice in a company, whatever its formats were', () => {
  it('goes on at 00009 after a format change restarts the series key, and back and forth without repeating', () => {
    const t = invoicingTestBed();
    const nord = t.entreprise();
    const client = t.contact(id(nord));
    const given = Array.from({ length: 8 }, () => t.validated(id(nord), id(client))['numero']);
    expect(given.at(-1)).toBe('FA-2026-00008');

    // Another series key ('FA-2026-0#'), whose own counter starts at 1: 1…8 are taken, 9 is next.
    const padded = { ...formats, facture: 'FA-{YYYY}-0{0000}' };
    setFormats(t, nord, padded);
    expect(t.validated(id(nord), id(client))['numero']).toBe('FA-2026-00009');
    // Back to the first format: its counter is at 8, but 9 was given meanwhile.
    setFormats(t, nord, formats);
    expect(t.validated(id(nord), id(client))['numero']).toBe('FA-2026-00010');
    setFormats(t, nord, padded);
    expect(t.validated(id(nord), id(client))['numero']).toBe('FA-2026-00011');
    expect(t.validated(id(nord), id(client))['numero']).toBe('FA-2026-00012');
    setFormats(t, nord, formats);
    expect(t.validated(id(nord), id(client))['numero']).toBe('FA-2026-00013');
    // A deposit invoice takes the invoices' next number.
    expect(t.validated(id(nord), id(client), { type_facture: 'acompte' })['numero']).toBe('FA-2026-00014');

    expect(t.series()).toEqual([
      { entreprise_id: id(nord), document_type: 'facture', series_key: 'FA-2026-#', last_number: 14 },
      { entreprise_id: id(nord), document_type: 'facture', series_key: 'FA-2026-0#', last_number: 12 },
    ]);
    expectEachNumberOnce(t, id(nord));
    expect(issued(t).map((row) => row.document_type)).toEqual(Array.from({ length: 14 }, () => 'facture'));
  });

  it('skips across kinds: invoices and credit notes swapping formats never take each other’s numbers', () => {
    const t = invoicingTestBed();
    const nord = t.entreprise();
    const client = t.contact(id(nord));
    const invoice = t.validated(id(nord), id(client), { lignes: [ligne(10, 10_000)] });
    t.validated(id(nord), id(client));
    const credit = () => t.validated(id(nord), id(client), { type_facture: 'avoir', facture_origine_id: id(invoice), lignes: [ligne(-1, 1000)] });
    expect([credit()['numero'], credit()['numero'], credit()['numero']]).toEqual(['AV-2026-00001', 'AV-2026-00002', 'AV-2026-00003']);

    // The two formats exchanged (each alone is valid, and they cannot collide with each other).
    setFormats(t, nord, { ...formats, facture: formats.avoir, avoir: formats.facture });
    expect(t.validated(id(nord), id(client))['numero']).toBe('AV-2026-00004');
    expect(credit()['numero']).toBe('FA-2026-00003');
    expect(t.validated(id(nord), id(client))['numero']).toBe('AV-2026-00005');
    expectEachNumberOnce(t, id(nord));
  });

  it('numbers quotes in the same space: a quote never takes an invoice’s number', () => {
    const t = invoicingTestBed();
    const nord = t.entreprise();
    const client = t.contact(id(nord));
    t.validated(id(nord), id(client));
    t.validated(id(nord), id(client));
    // Quotes once numbered like invoices (the invoices then numbered otherwise).
    setFormats(t, nord, { ...formats, devis: 'FA-{YYYY}-{00000}', facture: 'FC-{YYYY}-{00000}' });
    expect(t.devis(id(nord), id(client)).stored?.['numero']).toBe('FA-2026-00003');
    expectEachNumberOnce(t, id(nord));
  });

  it('gives two companies the same number freely', () => {
    const t = invoicingTestBed();
    const nord = t.entreprise();
    const sud = t.entreprise({ raison_sociale: 'Transports Sud' });
    expect(t.validated(id(nord), id(t.contact(id(nord))))['numero']).toBe('FA-2026-00001');
    expect(t.validated(id(sud), id(t.contact(id(sud))))['numero']).toBe('FA-2026-00001');
  });

  it('skips what was given even when a counter is wrong, and the unique index refuses a duplicate outright', () => {
    const t = invoicingTestBed();
    const nord = t.entreprise();
    const client = t.contact(id(nord));
    const first = t.validated(id(nord), id(client));
    t.validated(id(nord), id(client));
    // A counter set back (a restored backup of the series, a hand edit): the given numbers are skipped.
    t.relais.db.$client.prepare('UPDATE numbering_series SET last_number = 0').run();
    expect(t.validated(id(nord), id(client))['numero']).toBe('FA-2026-00003');
    expectEachNumberOnce(t, id(nord));

    // The last line of defence, whatever the code above it does.
    const insert = t.relais.db.$client.prepare(
      'INSERT INTO issued_numbers (entreprise_id, numero, document_type, document_id, issued_at) VALUES (?, ?, ?, ?, ?)',
    );
    expect(() => insert.run(id(nord), first['numero'], 'facture', crypto.randomUUID(), stamp())).toThrow(/UNIQUE constraint failed: issued_numbers.entreprise_id, issued_numbers.numero/);
    expect(() => insert.run(id(nord), first['numero'], 'avoir', crypto.randomUUID(), stamp())).toThrow(/UNIQUE/);
    expect(() => insert.run(id(nord), first['numero'], 'devis', crypto.randomUUID(), stamp())).toThrow(/UNIQUE/);
    insert.run(crypto.randomUUID(), first['numero'], 'facture', crypto.randomUUID(), stamp());
  });

  it('takes numbers inside the write transaction only', () => {
    const t = invoicingTestBed();
    expect(() => createNumbering(t.relais.db.$client).next(crypto.randomUUID(), 'facture', formats.facture, '2026-11-27', { id: crypto.randomUUID(), at: stamp() })).toThrow(
      /hors transaction/,
    );
  });
});

describe('formats that can collide', () => {
  it('are refused for a company, with the reason in French, its documents untouched', () => {
    const t = invoicingTestBed();
    const nord = t.entreprise();
    const current = t.store.get('entreprises', id(nord))!;
    const clash = { ...current, numerotation: { ...formats, avoir: 'FA-{YYYY}-{000}' }, rev: Number(current['rev']) + 1, updated_at: stamp() };
    const outcome = t.store.push('entreprises', [{ newDocumentState: clash, assumedMasterState: current }], finance);
    expect(outcome).toMatchObject({
      ok: false,
      code: 'DOMAIN_RULE',
      issues: [
        { path: [0, 'newDocumentState', 'numerotation.facture'], code: 'NUMEROTATION_FORMATS_CONFONDUS', message: expect.stringContaining('peuvent recevoir le même numéro') as string },
        { path: [0, 'newDocumentState', 'numerotation.avoir'], code: 'NUMEROTATION_FORMATS_CONFONDUS' },
      ],
    });
    expect(t.store.get('entreprises', id(nord))).toEqual(current);
  });
});

describe('an invoice totalling below zero', () => {
  it('stays a draft, saying "faites un avoir"; no number is used; zero and credit notes are validated', () => {
    const t = invoicingTestBed();
    const nord = t.entreprise();
    const client = t.contact(id(nord));
    for (const type_facture of ['facture', 'acompte']) {
      const negative = t.draft(id(nord), id(client), { type_facture, lignes: [ligne(-2, 5000)] });
      const result = t.validate(id(negative), { notes: 'validée par erreur' });
      expect(deferral(result)).toEqual({
        code: 'FACTURE_NEGATIVE',
        message: expect.stringMatching(/est négatif \(-120,00 € TTC\) : une facture ne rend pas d’argent, faites un avoir ; le document reste en brouillon/) as string,
        params: { type_facture, total: '-120,00 €' },
      });
      expect(result.after).toMatchObject({ statut: 'brouillon', notes: 'validée par erreur' });
    }
    expect(t.series()).toEqual([]);
    expect(issued(t)).toEqual([]);
    // A final invoice its deposit covers: zero, validated, numbered.
    expect(t.validated(id(nord), id(client), { lignes: [ligne(1, 5000), ligne(-1, 5000)] })['numero']).toBe('FA-2026-00001');
    const invoice = t.validated(id(nord), id(client), { lignes: [ligne(1, 5000)] });
    expect(t.validated(id(nord), id(client), { type_facture: 'avoir', facture_origine_id: id(invoice), lignes: [ligne(-1, 5000)] })['numero']).toBe('AV-2026-00001');
  });
});
