import { FEE_RANGE, PREMIUM_RANGE, QUANTITY_RANGE } from '../../domain/bounds.ts';
import type { RowError } from '../../domain/errors.ts';
import { clockTime, flexibleDate, localTimeToIso, offsetTimeToIso, sortInstant } from './brokerTime.ts';
import { cellsOutOfRange, parseAmount, tableRows, type CsvRow, type RecordRow } from './csvText.ts';
import { oldestFirst, SkipTally, type BrokerParse, type Fill, type FillKind } from './fill.ts';
import { readOptionSymbol, STANDARD_MULTIPLIER, type OptionContract } from './optionSymbol.ts';

/**
 * The older tastyworks transactions export, newest first:
 * `Date/Time,Transaction Code,Transaction Subcode,Symbol,Buy/Sell,Open/Close,Quantity,Expiration Date,
 * Strike,Call/Put,Price,Fees,Amount,Description,Account Reference`.
 * `Symbol` is the underlying; the contract is `Expiration Date` (`MM/DD/YYYY`), `Strike`, `Call/Put`
 * (`C`/`P`). `Price` is per share and unsigned, `Fees` is one positive amount (commissions and fees
 * together), `Amount` is signed. `Date/Time` is `05/20/2021 5:10 PM`, to the minute, without an offset,
 * in the zone of the browser that exported it: read in `tz` (default America/New_York).
 * `Receive Deliver` rows with subcode Expiration / Assignment / Exercise (also `Cash Settled …`) remove
 * options.
 */
export const TASTYTRADE_LEGACY_COLUMNS = ['Date/Time', 'Transaction Code', 'Transaction Subcode', 'Symbol', 'Quantity'] as const;

const REMOVALS: ReadonlyArray<{ readonly pattern: RegExp; readonly kind: Exclude<FillKind, 'trade'> }> = [
  { pattern: /expiration/i, kind: 'expiration' },
  { pattern: /assignment/i, kind: 'assignment' },
  { pattern: /exercise/i, kind: 'exercise' },
];

function legacyTime(cell: string, zone: string): string | null {
  const withOffset = offsetTimeToIso(cell);
  if (withOffset) return withOffset;
  const match = /^(\S+?),?\s+(.+)$/.exec(cell.trim());
  const date = match?.[1] ? flexibleDate(match[1]) : flexibleDate(cell);
  if (!match) return date;
  const clock = match[2] ? clockTime(match[2]) : null;
  return date && clock ? localTimeToIso(date, clock, zone) : null;
}

function legacyContract(row: RecordRow): OptionContract | null {
  const fromSymbol = readOptionSymbol(row.get('Symbol'));
  if (fromSymbol) return fromSymbol;
  const expiry = flexibleDate(row.get('Expiration Date'));
  const strike = parseAmount(row.get('Strike'));
  const right = row.get('Call/Put').toUpperCase().charAt(0);
  const symbol = row.get('Symbol');
  if (!expiry || strike === null || !(strike > 0) || (right !== 'C' && right !== 'P') || !symbol) return null;
  return { symbol, expiry, right, strike, multiplier: STANDARD_MULTIPLIER };
}

function sideAndEffect(row: RecordRow): Pick<Fill, 'side' | 'effect'> | null {
  const subcode = /^(BUY|SELL) TO (OPEN|CLOSE)$/i.exec(row.get('Transaction Subcode').trim());
  const buySell = (subcode?.[1] ?? row.get('Buy/Sell')).toUpperCase();
  const openClose = (subcode?.[2] ?? row.get('Open/Close')).toUpperCase();
  if (buySell !== 'BUY' && buySell !== 'SELL') return null;
  const side = buySell === 'BUY' ? 'buy' : 'sell';
  return openClose === 'OPEN' ? { side, effect: 'open' } : openClose === 'CLOSE' ? { side, effect: 'close' } : { side };
}

export function parseTastytradeLegacy(rows: readonly CsvRow[], headerIndex: number, file: string, zone: string): BrokerParse {
  const fills: Fill[] = [];
  const errors: RowError[] = [];
  const skipped = new SkipTally();
  for (const row of tableRows(rows, headerIndex, () => false)) {
    if (row.cells.every((cell) => cell.trim() === '')) continue;
    const code = row.get('Transaction Code');
    if (code !== 'Trade' && code !== 'Receive Deliver') {
      skipped.add(`not a trade (${code || 'blank transaction code'})`);
      continue;
    }
    if (row.get('Symbol').startsWith('/')) {
      skipped.add('futures or futures option');
      continue;
    }
    if (!row.get('Expiration Date') && !row.get('Call/Put') && !readOptionSymbol(row.get('Symbol'))) {
      skipped.add('not an option (stock or fund)');
      continue;
    }
    const fail = (field: string, reason: string): void => {
      errors.push({ file, line: row.line, field, reason });
    };
    const contract = legacyContract(row);
    if (!contract) {
      fail('Expiration Date', `unrecognised option '${row.get('Symbol')} ${row.get('Expiration Date')} ${row.get('Strike')} ${row.get('Call/Put')}'`);
      continue;
    }
    const time = legacyTime(row.get('Date/Time'), zone);
    if (!time) {
      fail('Date/Time', `unreadable time '${row.get('Date/Time')}'`);
      continue;
    }
    const qty = parseAmount(row.get('Quantity'));
    if (qty === null || Number.isNaN(qty) || qty === 0) {
      fail('Quantity', `unreadable quantity '${row.get('Quantity')}'`);
      continue;
    }
    const subcode = row.get('Transaction Subcode');
    const removal = code === 'Receive Deliver' ? REMOVALS.find((entry) => entry.pattern.test(subcode)) : undefined;
    const action = sideAndEffect(row);
    if (!removal && !action) {
      fail('Transaction Subcode', `unknown action '${subcode}' (Buy/Sell '${row.get('Buy/Sell')}') for ${code}`);
      continue;
    }
    const price = removal ? 0 : parseAmount(row.get('Price'));
    if (price === null || Number.isNaN(price) || price < 0) {
      fail('Price', `unreadable price '${row.get('Price')}'`);
      continue;
    }
    const fees = parseAmount(row.get('Fees'));
    if (fees !== null && Number.isNaN(fees)) {
      fail('Fees', `unreadable fees '${row.get('Fees')}'`);
      continue;
    }
    const ranged = [
      { column: 'Quantity', cell: row.get('Quantity'), value: Math.abs(qty), range: QUANTITY_RANGE },
      { column: 'Price', cell: row.get('Price'), value: removal ? null : price, range: PREMIUM_RANGE },
      { column: 'Fees', cell: row.get('Fees'), value: fees, range: FEE_RANGE },
    ];
    if (cellsOutOfRange(ranged, fail)) continue;
    fills.push({
      broker: 'tastytrade',
      account: row.get('Account Reference'),
      time,
      ...contract,
      ...(removal ? {} : (action ?? {})),
      qty: Math.abs(qty),
      price,
      // One positive amount per row in this export: what was paid, commissions included.
      fees: fees ?? 0,
      commissions: 0,
      kind: removal ? removal.kind : 'trade',
      source: { file, line: row.line },
    });
  }
  return { fills: oldestFirst(fills, sortInstant, true), errors, warnings: skipped.warnings(file) };
}
