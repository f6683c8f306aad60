/**
 * CSV for spreadsheets, written by csv-stringify (RFC 4180 quoting). A cell the source wrote that a
 * spreadsheet would run as a formula (=, +, -, @, tab, CR first) is prefixed with an apostrophe:
 * article text is untrusted.
 */
import { stringify } from 'csv-stringify/sync';

const FORMULA = /^[=+\-@\t\r]/;

export function csvText(header: readonly string[], rows: readonly string[][]): string {
  const safe = rows.map((r) => r.map((cell) => (FORMULA.test(cell) ? `'${cell}` : cell)));
  return stringify([[...header], ...safe], { record_delimiter: 'windows' });
}
