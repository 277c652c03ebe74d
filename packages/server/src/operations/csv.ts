/**
 * One CSV cell per RFC 4180, guarded against formula injection: a text cell that a spreadsheet
 * would evaluate (starting with = + - @, tab or carriage return, also after leading whitespace,
 * which spreadsheets skip) is prefixed with a quote.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let s = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (typeof value === 'string' && /^(?:[\t\r]|\s*[=+\-@])/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function csvRow(cells: unknown[]): string {
  return cells.map(csvCell).join(',');
}
