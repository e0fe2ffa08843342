/**
 * Cells of the files Relais writes for spreadsheets and accounting software (CSV exports, the
 * FEC): a text a spreadsheet would run as a formula (`=HYPERLINK(…)`, `+`, `-`, `@`, or a tab or
 * carriage return before one) is written with a leading apostrophe, as OWASP recommends against
 * CSV injection; Excel and LibreOffice then show it as text. A number (`-12,50`, `1234.56`, `-3`)
 * is left as it is, so amounts stay amounts in the accountant's sheet.
 */

const formulaStart = /^[=+\-@\t\r]/;
/** A plain decimal number, French or English decimal mark, nothing else around it. */
const plainNumber = /^[+-]?\d+(?:[.,]\d+)?$/;

/** Whether a spreadsheet would read `value` as a formula (a plain number aside). */
export function startsLikeFormula(value: string): boolean {
  return formulaStart.test(value) && !plainNumber.test(value);
}

/** The cell as a spreadsheet may open it safely; every producer of CSV-like files writes its cells through it. */
export function neutraliseCsvCell(value: string): string {
  return startsLikeFormula(value) ? `'${value}` : value;
}
