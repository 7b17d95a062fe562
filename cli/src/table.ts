// Plain-text tables. Decimal columns line up on the decimal point without touching the digits:
// "65000.1" and "0.00012" are padded with spaces, never rounded or reformatted.

export type Align = 'left' | 'right' | 'decimal';

/** Pads each value so that the decimal points of a column line up (integers align as if ending in "."). */
export function alignDecimals(values: readonly string[]): string[] {
  const fractionWidth = Math.max(0, ...values.map((v) => (v.includes('.') ? v.length - v.indexOf('.') : 0)));
  return values.map((v) => (v === '' ? v : v + ' '.repeat(fractionWidth - (v.includes('.') ? v.length - v.indexOf('.') : 0))));
}

export function renderTable(headers: readonly string[], rows: readonly (readonly string[])[], align: readonly Align[]): string {
  const columns = headers.map((_, c) => {
    const cells = rows.map((row) => row[c] ?? '');
    return align[c] === 'decimal' ? alignDecimals(cells) : cells;
  });
  const widths = headers.map((h, c) => Math.max(h.length, ...columns[c]!.map((cell) => cell.length)));
  const pad = (text: string, c: number) => (align[c] === 'left' ? text.padEnd(widths[c]!) : text.padStart(widths[c]!));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, c) => pad(cell, c))
      .join('  ')
      .trimEnd();
  return [line(headers), ...rows.map((_, r) => line(columns.map((col) => col[r]!)))].join('\n') + '\n';
}
