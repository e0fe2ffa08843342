import { describe, expect, test } from 'vitest';
import { boardCsv, csvColumns, type CsvLine } from './board-csv';

const headers = Object.fromEntries(csvColumns.map((column) => [column, column.toUpperCase()])) as Record<(typeof csvColumns)[number], string>;
const line: CsvLine = {
  date: 'lun. 7 déc.',
  start: '03:30',
  end: '05:00',
  resource: 'Alice Martin',
  voyage: 'FRIGO-01',
  depart: 'Rungis',
  destination: 'Lyon; Part-Dieu',
  pallets: '12',
  statut: 'Planifiée',
  comment: '=HYPERLINK("x")',
};

describe('board CSV export', () => {
  test('starts with a UTF-8 BOM, separates with ";" and ends lines with CRLF', () => {
    const csv = boardCsv([line], headers);
    expect(csv.startsWith('\uFEFFDATE;START;END;')).toBe(true);
    expect(csv.split('\r\n')).toHaveLength(3);
  });

  test('quotes a cell holding the separator and neutralises a formula', () => {
    const csv = boardCsv([line], headers);
    const row = csv.split('\r\n')[1] ?? '';
    expect(row).toContain('"Lyon; Part-Dieu"');
    expect(row).toContain(`"'=HYPERLINK(""x"")"`);
    expect(row).toContain('lun. 7 déc.;03:30;05:00;Alice Martin');
  });

  test('an empty period still has its header line', () => {
    expect(boardCsv([], headers)).toBe('\uFEFFDATE;START;END;RESOURCE;VOYAGE;DEPART;DESTINATION;PALLETS;STATUT;COMMENT\r\n');
  });
});
