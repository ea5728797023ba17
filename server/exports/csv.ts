/**
 * One CSV cell, RFC 4180 quoted. Text that a spreadsheet would run as a formula
 * (starting with = + - @, a tab or a carriage return) is prefixed with an
 * apostrophe, so an exported title can never become a formula.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${text.replace(/"/g, '""')}"`;
}

export const csvRow = (cells: (string | number | null)[]) => `${cells.map(csvCell).join(',')}\r\n`;
