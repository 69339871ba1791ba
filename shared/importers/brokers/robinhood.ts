import { FEE_RANGE, PREMIUM_RANGE, QUANTITY_RANGE } from '../../domain/bounds.ts';
import type { RowError } from '../../domain/errors.ts';
import { sortInstant, usDate } from './brokerTime.ts';
import { cellsOutOfRange, findHeaderIndex, headerSeen, parseAmount, readCsvRows, tableRows } from './csvText.ts';
import { oldestFirst, SkipTally, type BrokerParse, type Fill } from './fill.ts';
import { readOptionSymbol } from './optionSymbol.ts';

/**
 * Robinhood account activity CSV (Account → Reports → Account activity), newest first:
 * `Activity Date,Process Date,Settle Date,Instrument,Description,Trans Code,Quantity,Price,Amount`. Dates only
 * (`9/23/2022`), so fills are date-only. The option is named in Description (`SPY 9/23/2022 Call $371.00`);
 * Trans Code says what happened: BTO/STO open, BTC/STC close, OEXP the expiration (Robinhood's own removal row),
 * OASGN an assignment, OEXCS an exercise. Price is `$1.23`, Amount `$45.00` or `($123.45)`; the fees are what
 * the Amount leaves over qty × price × 100 (Robinhood charges none on options, only regulatory fees on sales).
 * Stock, cash and other rows are skipped and counted; the closing disclaimer line is skipped.
 */
export const ROBINHOOD_COLUMNS = ['Activity Date', 'Instrument', 'Description', 'Trans Code', 'Quantity', 'Price', 'Amount'] as const;

type CodeMeaning = Pick<Fill, 'side' | 'effect' | 'kind'>;

const CODES: Readonly<Record<string, CodeMeaning>> = {
  BTO: { side: 'buy', effect: 'open', kind: 'trade' },
  STO: { side: 'sell', effect: 'open', kind: 'trade' },
  BTC: { side: 'buy', effect: 'close', kind: 'trade' },
  STC: { side: 'sell', effect: 'close', kind: 'trade' },
  OEXP: { kind: 'expiration' },
  OASGN: { kind: 'assignment' },
  OEXCS: { kind: 'exercise' },
};

/** Cents left over between the amount and qty × price × multiplier count as fees below this: rounding, not a charge. */
const FEE_ROUNDING = 0.005;

export function parseRobinhood(text: string, file: string): BrokerParse {
  const rows = readCsvRows(text);
  const headerIndex = findHeaderIndex(rows, ROBINHOOD_COLUMNS);
  const fills: Fill[] = [];
  const errors: RowError[] = [];
  const skipped = new SkipTally();
  if (headerIndex < 0) {
    errors.push({ file, line: 1, field: '', reason: `no Robinhood header (${ROBINHOOD_COLUMNS.join(', ')}); header seen at ${headerSeen(rows)}` });
    return { fills, errors, warnings: [] };
  }
  for (const row of tableRows(rows, headerIndex, () => false)) {
    if (row.cells.every((cell) => cell.trim() === '')) continue;
    const dateCell = row.get('Activity Date');
    const code = row.get('Trans Code').trim().toUpperCase();
    // The disclaimer Robinhood appends ("The data provided is for informational purposes only…") fills one cell.
    if (code === '' && row.cells.filter((cell) => cell.trim() !== '').length <= 1) continue;
    const meaning = CODES[code];
    if (!meaning) {
      skipped.add(`not an option trade, expiry, assignment or exercise (${code || 'no code'})`);
      continue;
    }
    const fail = (field: string, reason: string): void => {
      errors.push({ file, line: row.line, field, reason });
    };
    const description = row.get('Description').replace(/\s+/g, ' ').trim();
    // A removal's description can carry words around the contract ("Option Expiration for SPY 9/23/2022 Call $371.00").
    const contract = readOptionSymbol(description) ?? readOptionSymbol(description.replace(/^.*?\bfor\s+/i, ''));
    if (!contract) {
      fail('Description', `no option contract in '${description}' (expected like 'SPY 9/23/2022 Call $371.00')`);
      continue;
    }
    const date = usDate(dateCell.trim());
    if (!date) {
      fail('Activity Date', `unreadable date '${dateCell}'`);
      continue;
    }
    const qtyCell = row.get('Quantity').replace(/S$/i, '');
    const qty = parseAmount(qtyCell);
    if (qty === null || Number.isNaN(qty) || qty === 0) {
      fail('Quantity', `unreadable quantity '${row.get('Quantity')}'`);
      continue;
    }
    const price = meaning.kind === 'trade' ? parseAmount(row.get('Price')) : 0;
    if (price === null || Number.isNaN(price) || price < 0) {
      fail('Price', `unreadable price '${row.get('Price')}'`);
      continue;
    }
    const amount = parseAmount(row.get('Amount'));
    if (amount !== null && Number.isNaN(amount)) {
      fail('Amount', `unreadable amount '${row.get('Amount')}'`);
      continue;
    }
    const gross = Math.abs(qty) * price * contract.multiplier;
    // Bought: the cash out beyond the premium; sold: the premium not received.
    const leftOver = amount === null || meaning.kind !== 'trade' ? 0 : meaning.side === 'buy' ? -amount - gross : gross - amount;
    const fees = leftOver > FEE_ROUNDING ? Math.round(leftOver * 100) / 100 : 0;
    const ranged = [
      { column: 'Quantity', cell: row.get('Quantity'), value: Math.abs(qty), range: QUANTITY_RANGE },
      { column: 'Price', cell: row.get('Price'), value: meaning.kind === 'trade' ? price : null, range: PREMIUM_RANGE },
      { column: 'Amount', cell: row.get('Amount'), value: fees, range: FEE_RANGE },
    ];
    if (cellsOutOfRange(ranged, fail)) continue;
    fills.push({
      broker: 'robinhood',
      account: '',
      time: date,
      ...contract,
      ...meaning,
      qty: Math.abs(qty),
      price,
      fees,
      commissions: 0,
      source: { file, line: row.line },
    });
  }
  return { fills: oldestFirst(fills, sortInstant, true), errors, warnings: skipped.warnings(file) };
}
