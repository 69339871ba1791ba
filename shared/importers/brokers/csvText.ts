import Papa from 'papaparse';
import { rangeReason, type NumberRange } from '../../domain/bounds.ts';

/**
 * Broker CSV as brokers hand it out: a BOM, CRLF or LF, preamble and section title lines before a header,
 * several sections in one file, quoted money with `$`, thousands separators, `(1.23)` negatives and `--` for
 * zero. Rows keep their physical line number (a quoted cell may span lines), so every error can point at
 * the line the trader sees in a text editor.
 */
export type CsvRow = {
  /** 1-based physical line where the row starts, counting preamble, header and blank lines. */
  readonly line: number;
  readonly cells: readonly string[];
};

const BOM = '\uFEFF';

export function stripBom(text: string): string {
  return text.startsWith(BOM) ? text.slice(1) : text;
}

/** Every row of the file, blank ones included (they separate sections in thinkorswim statements). */
export function readCsvRows(text: string): CsvRow[] {
  const body = stripBom(text);
  const rows: CsvRow[] = [];
  let rowStart = 0;
  let line = 1;
  let counted = 0;
  Papa.parse<string[]>(body, {
    delimiter: ',',
    step: (result) => {
      const cursor = result.meta.cursor;
      // Papaparse reports one empty row at the very end of a file that ends with a newline.
      if (rowStart >= body.length) return;
      for (; counted < rowStart; counted += 1) if (body.charCodeAt(counted) === 10) line += 1;
      rows.push({ line, cells: result.data.map((cell) => cell.replace(/\r$/, '')) });
      rowStart = cursor;
    },
  });
  return rows;
}

export function isBlankRow(row: CsvRow): boolean {
  return row.cells.every((cell) => cell.trim() === '');
}

/**
 * Column names compared on their letters and digits only, without case: brokers rename columns between
 * export versions in exactly these ways (`Date/Time` and `DateTime`, `Buy/Sell` and `buySell`, `Avg Price`
 * and `Avg. Price`, `Fees & Comm` and `Fees&Comm`).
 */
export function normalizeColumn(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '');
}

/** True when `row` names every column in `columns` (compared as normalizeColumn does). */
export function hasColumns(row: CsvRow, columns: readonly string[]): boolean {
  const names = new Set(row.cells.map(normalizeColumn));
  return columns.every((column) => names.has(normalizeColumn(column)));
}

/** True when `row` names at least one column in `columns`. */
export function hasAnyColumn(row: CsvRow, columns: readonly string[]): boolean {
  const names = new Set(row.cells.map(normalizeColumn));
  return columns.some((column) => names.has(normalizeColumn(column)));
}

/**
 * The first non-blank row of a file as the trader would read it (line number and cells), so an error about
 * a layout we cannot read can show what we saw instead of only what we wanted.
 */
export function headerSeen(rows: readonly CsvRow[]): string {
  const row = rows.find((candidate) => !isBlankRow(candidate));
  if (!row) return 'the file is empty';
  const cells = row.cells.map((cell) => cell.trim());
  while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
  const text = cells.join(',');
  return `line ${row.line}: '${text.length > 160 ? `${text.slice(0, 160)}…` : text}'`;
}

/** Index of the first row at or after `from` that holds every required column name, or -1. */
export function findHeaderIndex(rows: readonly CsvRow[], required: readonly string[], from = 0): number {
  for (let index = from; index < rows.length; index += 1) {
    const row = rows[index];
    if (row && hasColumns(row, required)) return index;
  }
  return -1;
}

/**
 * One data row read through its header: `get` returns the trimmed cell, '' when the column is absent;
 * `pick` takes the first of several names a column goes by in different export versions that holds a
 * value, and says which header name it came from (for the column of an error).
 */
export type RecordRow = {
  readonly line: number;
  readonly cells: readonly string[];
  get(column: string): string;
  has(column: string): boolean;
  pick(columns: readonly string[]): { readonly value: string; readonly column: string };
};

export function recordReader(header: readonly string[]): (row: CsvRow) => RecordRow {
  const positions = new Map<string, number>();
  header.forEach((name, index) => {
    const key = normalizeColumn(name);
    if (key !== '' && !positions.has(key)) positions.set(key, index);
  });
  const nameOf = new Map<string, string>();
  header.forEach((name) => {
    const key = normalizeColumn(name);
    if (!nameOf.has(key)) nameOf.set(key, name.trim());
  });
  return (row) => {
    const get = (column: string): string => {
      const index = positions.get(normalizeColumn(column));
      return index === undefined ? '' : (row.cells[index] ?? '').trim();
    };
    const has = (column: string): boolean => positions.has(normalizeColumn(column));
    const pick = (columns: readonly string[]): { value: string; column: string } => {
      const present = columns.filter(has);
      const chosen = present.find((column) => get(column) !== '') ?? present[0] ?? columns[0] ?? '';
      return { value: get(chosen), column: nameOf.get(normalizeColumn(chosen)) ?? chosen };
    };
    return { line: row.line, cells: row.cells, get, has, pick };
  };
}

/**
 * The data rows under the header at `headerIndex`, up to (not including) the first row for which `isEnd`
 * holds; blank rows end the table by default, as in thinkorswim statements.
 */
export function tableRows(
  rows: readonly CsvRow[],
  headerIndex: number,
  isEnd: (row: CsvRow) => boolean = isBlankRow,
): RecordRow[] {
  const header = rows[headerIndex];
  if (!header) return [];
  const read = recordReader(header.cells);
  const out: RecordRow[] = [];
  for (let index = headerIndex + 1; index < rows.length; index += 1) {
    const row = rows[index];
    if (!row || isEnd(row)) break;
    out.push(read(row));
  }
  return out;
}

/**
 * A money or quantity cell as brokers write it: `$1,234.50`, `-$1.23`, `$-1.23`, `(1.23)` for a negative,
 * `+2`, `--` for zero (tastytrade's empty commission). Returns null for a blank cell and NaN for text that
 * is not a number, so the caller can name the column in its error.
 */
export function parseAmount(cell: string | undefined): number | null {
  if (cell === undefined) return null;
  let text = cell.trim();
  if (text === '') return null;
  if (/^-+$/.test(text)) return 0;
  let negative = false;
  if (text.startsWith('(') && text.endsWith(')')) {
    negative = true;
    text = text.slice(1, -1).trim();
  }
  text = text.replace(/[$\s]/g, '');
  if (text.startsWith('-')) {
    negative = !negative;
    text = text.slice(1).replace(/^\$/, '');
  } else if (text.startsWith('+')) {
    text = text.slice(1);
  }
  if (!/^(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?$/.test(text) || text === '' || text === '.') return Number.NaN;
  const value = Number(text.replace(/,/g, ''));
  return negative ? -value : value;
}

/** A number read from a cell, with the column it came from and its documented range (shared/domain/bounds.ts). */
export type RangedCell = {
  readonly column: string;
  /** The cell as the file writes it, quoted in the reason. */
  readonly cell: string;
  /** The value as the fill will hold it (a quantity's size, a fee as paid); null when the cell was blank. */
  readonly value: number | null;
  readonly range: NumberRange;
};

/**
 * Reports through `fail` every cell whose value lies outside its range (`Quantity: '5000000' is out of
 * range: a quantity must be …`); true when there was one, so the reader leaves the row out.
 */
export function cellsOutOfRange(cells: readonly RangedCell[], fail: (field: string, reason: string) => void): boolean {
  let failed = false;
  for (const { column, cell, value, range } of cells) {
    const reason = value === null ? null : rangeReason(`'${cell}'`, value, range);
    if (reason === null) continue;
    fail(column, reason);
    failed = true;
  }
  return failed;
}
