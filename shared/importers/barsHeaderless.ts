import type { BarsLayout } from './barsLayout.ts';
import { parseBarTime } from './barsTimestamp.ts';
import { type CsvLine, parseLooseNumber } from './marketCsv.ts';

/**
 * Files with no header row at all, as FirstRate Data (`2025-07-08 09:30:00,621.2,…`) and Kibot
 * (`07/08/2025,09:30,621.2,…`) ship them: accepted only when the first rows all show the same obvious
 * order — a time (or a date and a time) followed by four prices and optionally a volume.
 */

/** Rows looked at to decide a header-less file's column order. */
export const HEADERLESS_SAMPLE_ROWS = 5;

type Shape = { readonly timeColumns: 1 | 2; readonly hasVolume: boolean };

const isNumber = (text: string | undefined): boolean => text !== undefined && Number.isFinite(parseLooseNumber(text));

/** The shape of one row, or null when it is not time + OHLC[V]. Any zone will do: only the form is checked. */
function shapeOf(fields: readonly string[]): Shape | null {
  const first = fields[0] ?? '';
  let timeColumns: 1 | 2;
  if (parseBarTime(first, 'UTC').ok) timeColumns = 1;
  else if (fields.length > 1 && parseBarTime(`${first} ${fields[1] ?? ''}`, 'UTC').ok) timeColumns = 2;
  else return null;
  const prices = fields.slice(timeColumns, timeColumns + 4);
  if (prices.length < 4 || !prices.every(isNumber)) return null;
  return { timeColumns, hasVolume: isNumber(fields[timeColumns + 4]) };
}

export function headerlessBarsLayout(lines: readonly CsvLine[]): BarsLayout | null {
  const sample = lines.slice(0, HEADERLESS_SAMPLE_ROWS);
  const first = sample[0];
  if (!first) return null;
  const shapes = sample.map((line) => shapeOf(line.fields));
  const shape = shapes[0];
  if (!shape || shapes.some((other) => !other || other.timeColumns !== shape.timeColumns)) return null;
  const hasVolume = shapes.every((other) => other?.hasVolume === true);
  const offset = shape.timeColumns;
  const roles = offset === 1 ? ['time'] : ['date', 'time'];
  roles.push('open', 'high', 'low', 'close');
  if (hasVolume) roles.push('volume');
  const width = Math.max(...sample.map((line) => line.fields.length));
  const headers = Array.from({ length: width }, (_, index) => `column ${index + 1}${roles[index] ? ` (${roles[index]})` : ''}`);
  return {
    headerIndex: 0,
    headerLine: first.line,
    dataIndex: 0,
    headers,
    time: offset === 1 ? { kind: 'single', column: 0 } : { kind: 'split', dateColumn: 0, timeColumn: 1 },
    groups: [{ open: offset, high: offset + 1, low: offset + 2, close: offset + 3, volume: hasVolume ? offset + 4 : -1, symbol: null }],
    symbol: -1,
    headerZone: null,
    fixedPointPrices: false,
    headerless: true,
  };
}
