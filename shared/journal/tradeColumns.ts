import type { TradeRecord } from '../domain/trade.ts';

/**
 * How a trade record travels through a CSV export and back: one `trade.<field>` column per field.
 * Known text and number fields are written plainly so the file reads well in a spreadsheet; arrays and
 * every unknown (passed-through) field are JSON, so the round trip gives back the same record.
 */
export const TRADE_COLUMN_PREFIX = 'trade.';

const TEXT_FIELDS = ['id', 'symbol', 'expiry', 'right', 'side', 'entry_time', 'exit_time', 'close_reason', 'account'] as const;
const NUMBER_FIELDS = [
  'strike',
  'qty',
  'entry_price',
  'exit_price',
  'fees',
  'pnl',
  'entry_score',
  'exit_score',
  'underlying_entry',
  'underlying_exit',
  'multiplier',
] as const;
const JSON_FIELDS = ['regime_tags', 'agents'] as const;

/** The schema's fields in the order a reader expects them. */
export const KNOWN_TRADE_FIELDS: readonly string[] = [
  'id',
  'symbol',
  'expiry',
  'right',
  'strike',
  'side',
  'qty',
  'entry_time',
  'exit_time',
  'entry_price',
  'exit_price',
  'fees',
  'pnl',
  'entry_score',
  'exit_score',
  'underlying_entry',
  'underlying_exit',
  'regime_tags',
  'agents',
  'multiplier',
  'close_reason',
  'account',
];

const textFields: ReadonlySet<string> = new Set(TEXT_FIELDS);
const numberFields: ReadonlySet<string> = new Set(NUMBER_FIELDS);
const jsonFields: ReadonlySet<string> = new Set(JSON_FIELDS);
const knownFields: ReadonlySet<string> = new Set(KNOWN_TRADE_FIELDS);

/** Known fields first (schema order), then the unknown ones found in any trade, sorted. */
export function tradeFieldsOf(trades: Iterable<TradeRecord>): string[] {
  const extras = new Set<string>();
  for (const trade of trades) for (const key of Object.keys(trade)) if (!knownFields.has(key)) extras.add(key);
  return [...KNOWN_TRADE_FIELDS, ...[...extras].sort()];
}

export function encodeTradeCell(field: string, value: unknown): string {
  if (value === undefined) return '';
  if (textFields.has(field) && typeof value === 'string') return value;
  if (numberFields.has(field) && typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

export type DecodedCell = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly reason: string };

/** The inverse of encodeTradeCell; an empty cell means the field was absent. */
export function decodeTradeCell(field: string, cell: string): DecodedCell | null {
  if (cell === '') return null;
  if (textFields.has(field)) return { ok: true, value: cell };
  if (numberFields.has(field)) {
    const value = Number(cell);
    return Number.isFinite(value) ? { ok: true, value } : { ok: false, reason: `not a number: ${cell}` };
  }
  try {
    return { ok: true, value: JSON.parse(cell) as unknown };
  } catch {
    // An unknown field typed by hand in a spreadsheet is kept as the text it is.
    return jsonFields.has(field) ? { ok: false, reason: `not valid JSON: ${cell}` } : { ok: true, value: cell };
  }
}
