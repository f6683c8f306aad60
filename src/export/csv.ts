/**
 * CSV for spreadsheets, written by csv-stringify (RFC 4180 quoting, CRLF). A cell the source wrote
 * that a spreadsheet would run as a formula (=, +, -, @, tab, CR first) is prefixed with an
 * apostrophe: article text is untrusted.
 */
import { stringify } from 'csv-stringify/sync';

const FORMULA = /^[=+\-@\t\r]/;

/** Rows as CSV lines, each ending in CRLF: a stream writes them a batch at a time. */
export function csvLines(rows: readonly (readonly string[])[]): string {
  const safe = rows.map((r) => r.map((cell) => (FORMULA.test(cell) ? `'${cell}` : cell)));
  return stringify(safe, { record_delimiter: 'windows' });
}

export function csvText(header: readonly string[], rows: readonly string[][]): string {
  return csvLines([header, ...rows]);
}

/** Spreadsheets open a UTF-8 CSV as UTF-8 (Hangul, accents) only when it starts with a byte-order mark. */
const BOM = '\ufeff';

/** The first chunk of a CSV download: the byte-order mark and the header row. */
export function csvHeader(columns: readonly string[]): string {
  return BOM + csvLines([columns]);
}
