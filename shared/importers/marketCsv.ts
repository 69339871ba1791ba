import Papa from 'papaparse';

/** One non-blank CSV row with its 1-based physical line in the file. */
export type CsvLine = {
  readonly line: number;
  readonly fields: readonly string[];
};

/**
 * The non-blank rows of a CSV text, fields trimmed, BOM removed, CRLF or LF. Line numbers are physical
 * lines, so an error points where the trader's editor does (market-data files carry no quoted newlines).
 */
export function readCsvLines(text: string): CsvLine[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const parsed = Papa.parse<string[]>(body, { header: false, skipEmptyLines: false, delimitersToGuess: [',', '\t', ';', '|'] });
  const lines: CsvLine[] = [];
  parsed.data.forEach((row, index) => {
    const fields = row.map((field) => field.trim());
    if (fields.some((field) => field !== '')) lines.push({ line: index + 1, fields });
  });
  return lines;
}

/** Lower case with everything but letters and digits removed: `Open Interest` → `openinterest`. */
export function normalizeHeader(name: string): string {
  return name
    .replace(/\([^)]*\)/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/**
 * A number as spreadsheets and brokers write it: `$1,234.50`, `1 234`, `(1.23)` for −1.23, `12%` as 12.
 * NaN when the text is not a number.
 */
export function parseLooseNumber(text: string): number {
  const trimmed = text.trim();
  if (trimmed === '') return Number.NaN;
  const negative = /^\(.*\)$/.test(trimmed);
  const cleaned = trimmed.replace(/^\(|\)$/g, '').replace(/[$,\s%]/g, '');
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(cleaned)) return Number.NaN;
  const value = Number(cleaned);
  return negative ? -value : value;
}

/**
 * A number written with a decimal comma, as European spreadsheets save `;`-separated files: `621,20`,
 * `1.234,50`. NaN when the text is not a number.
 */
export function parseDecimalCommaNumber(text: string): number {
  return parseLooseNumber(text.trim().replace(/\./g, '').replace(',', '.'));
}

/**
 * True when some cell can only be a decimal comma: a comma followed by one, two or more than three digits
 * (`621,20`), which no thousands separator writes. `1,000` alone stays a thousands separator.
 */
export function showsDecimalComma(cells: readonly string[]): boolean {
  return cells.some((cell) => /^[-+]?[\d.]*\d,(\d{1,2}|\d{4,})$/.test(cell.trim()));
}

/** Index of the first header whose normalized name is one of `aliases` (in alias priority order); −1 if none. */
export function findColumn(normalizedHeaders: readonly string[], aliases: readonly string[]): number {
  for (const alias of aliases) {
    const index = normalizedHeaders.indexOf(alias);
    if (index >= 0) return index;
  }
  return -1;
}
