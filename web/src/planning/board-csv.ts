import { neutraliseCsvCell } from '@relais/domain';
import { stringify } from 'csv-stringify/browser/esm/sync';

/** One line of the board's export, already in words (names, French dates, status labels). */
export interface CsvLine {
  date: string;
  start: string;
  end: string;
  resource: string;
  voyage: string;
  depart: string;
  destination: string;
  pallets: string;
  statut: string;
  comment: string;
}

export const csvColumns = ['date', 'start', 'end', 'resource', 'voyage', 'depart', 'destination', 'pallets', 'statut', 'comment'] as const;

/**
 * The shown period as a spreadsheet opens it in France: UTF-8 with a BOM (Excel reads the accents),
 * `;` between cells, CRLF, every text cell neutralised against formula injection.
 */
export function boardCsv(lines: readonly CsvLine[], headers: Record<(typeof csvColumns)[number], string>): string {
  const records = [
    csvColumns.map((column) => headers[column]),
    ...lines.map((line) => csvColumns.map((column) => neutraliseCsvCell(line[column]))),
  ];
  return `\uFEFF${stringify(records, { delimiter: ';', record_delimiter: 'windows' })}`;
}
