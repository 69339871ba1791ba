import { FEE_RANGE, PREMIUM_RANGE, QUANTITY_RANGE } from '../../domain/bounds.ts';
import type { RowError } from '../../domain/errors.ts';
import { compactDate, sortInstant, usDate } from './brokerTime.ts';
import { cellsOutOfRange, findHeaderIndex, headerSeen, isBlankRow, parseAmount, readCsvRows, tableRows } from './csvText.ts';
import { oldestFirst, SkipTally, type BrokerParse, type Fill } from './fill.ts';
import { STANDARD_MULTIPLIER, type OptionContract } from './optionSymbol.ts';

/**
 * Fidelity account history CSV (Accounts → Activity & Orders → History → Download, `Accounts_History.csv`),
 * newest first: a few preamble lines, then `Run Date,Action,Symbol,Description,Type,Quantity,Price ($),
 * Commission ($),Fees ($),Accrued Interest ($),Amount ($),Settlement Date`, then a blank line and disclaimer
 * lines (skipped). Dates are `MM/DD/YYYY` with no time of day, so fills are date-only and `tz` does not
 * apply. Option symbols are ` -SPY220923C371` (leading space and dash, strike in dollars, maybe with
 * decimals: `-SPY220923P370.5`). `Action` says what happened: `YOU BOUGHT OPENING TRANSACTION …`,
 * `YOU SOLD CLOSING TRANSACTION …`, `YOU SOLD OPENING TRANSACTION …`, `YOU BOUGHT CLOSING TRANSACTION …`,
 * `EXPIRED …`, `ASSIGNED …`, `EXERCISED …`. Fees are `Commission ($)` plus `Fees ($)`. Other rows (stock,
 * dividends, transfers) are skipped and counted.
 */
export const FIDELITY_COLUMNS = ['Run Date', 'Action', 'Symbol', 'Quantity', 'Price ($)', 'Commission ($)', 'Fees ($)', 'Amount ($)'] as const;

type ActionMeaning = Pick<Fill, 'side' | 'effect' | 'kind'>;

const ACTIONS: ReadonlyArray<readonly [RegExp, ActionMeaning]> = [
  [/^YOU BOUGHT OPENING TRANSACTION\b/, { side: 'buy', effect: 'open', kind: 'trade' }],
  [/^YOU SOLD CLOSING TRANSACTION\b/, { side: 'sell', effect: 'close', kind: 'trade' }],
  [/^YOU SOLD OPENING TRANSACTION\b/, { side: 'sell', effect: 'open', kind: 'trade' }],
  [/^YOU BOUGHT CLOSING TRANSACTION\b/, { side: 'buy', effect: 'close', kind: 'trade' }],
  [/^EXPIRED\b/, { kind: 'expiration' }],
  [/^ASSIGNED\b/, { kind: 'assignment' }],
  [/^EXERCISED\b/, { kind: 'exercise' }],
];

function actionMeaning(action: string): ActionMeaning | null {
  const text = action.trim().toUpperCase().replace(/\s+/g, ' ');
  return ACTIONS.find(([pattern]) => pattern.test(text))?.[1] ?? null;
}

/** The contract of a Fidelity option symbol (` -SPY220923C371`, `-SPY220923P370.5`), or null. */
export function fidelityContract(symbol: string): OptionContract | null {
  const match = /^-([A-Z][A-Z0-9]{0,5}?)(\d{6})([CP])(\d+(?:\.\d+)?)$/.exec(symbol.trim().toUpperCase());
  if (!match) return null;
  const [, root, yymmdd, right, strike] = match;
  const expiry = compactDate(`20${yymmdd ?? ''}`);
  const strikeValue = Number(strike);
  if (!root || !expiry || (right !== 'C' && right !== 'P') || !(strikeValue > 0)) return null;
  return { symbol: root, expiry, right, strike: strikeValue, multiplier: STANDARD_MULTIPLIER };
}

export function parseFidelity(text: string, file: string): BrokerParse {
  const rows = readCsvRows(text);
  const headerIndex = findHeaderIndex(rows, FIDELITY_COLUMNS);
  const fills: Fill[] = [];
  const errors: RowError[] = [];
  const skipped = new SkipTally();
  if (headerIndex < 0) {
    errors.push({ file, line: 1, field: '', reason: `no Fidelity account history header (${FIDELITY_COLUMNS.join(', ')}); header seen at ${headerSeen(rows)}` });
    return { fills, errors, warnings: [] };
  }
  // After the first blank line come the disclaimer lines and `Date downloaded …`.
  let footer = false;
  for (const row of tableRows(rows, headerIndex, () => false)) {
    if (isBlankRow(row)) {
      footer = true;
      continue;
    }
    const dateCell = row.get('Run Date');
    const date = usDate(dateCell);
    if (footer && !date) continue;
    const symbol = row.get('Symbol');
    const contract = fidelityContract(symbol);
    const meaning = actionMeaning(row.get('Action'));
    if (!meaning) {
      skipped.add(contract ? 'option row that is not a trade, expiry, assignment or exercise' : 'not an option trade (stock, fund, dividend, transfer)');
      continue;
    }
    const fail = (field: string, reason: string): void => {
      errors.push({ file, line: row.line, field, reason });
    };
    if (!contract) {
      fail('Symbol', `unrecognised option symbol '${symbol}' (expected like '-SPY220923C371')`);
      continue;
    }
    if (!date) {
      fail('Run Date', `unreadable date '${dateCell}'`);
      continue;
    }
    const qtyCell = row.get('Quantity');
    const qty = parseAmount(qtyCell);
    if (qty === null || Number.isNaN(qty) || qty === 0) {
      fail('Quantity', `unreadable quantity '${qtyCell}'`);
      continue;
    }
    const priceCell = row.get('Price ($)');
    const price = meaning.kind === 'trade' ? parseAmount(priceCell) : 0;
    if (price === null || Number.isNaN(price) || price < 0) {
      fail('Price ($)', `unreadable price '${priceCell}'`);
      continue;
    }
    const commissionCell = row.get('Commission ($)');
    const commission = parseAmount(commissionCell);
    if (commission !== null && Number.isNaN(commission)) {
      fail('Commission ($)', `unreadable commission '${commissionCell}'`);
      continue;
    }
    const feesCell = row.get('Fees ($)');
    const fees = parseAmount(feesCell);
    if (fees !== null && Number.isNaN(fees)) {
      fail('Fees ($)', `unreadable fees '${feesCell}'`);
      continue;
    }
    const ranged = [
      { column: 'Quantity', cell: qtyCell, value: Math.abs(qty), range: QUANTITY_RANGE },
      { column: 'Price ($)', cell: priceCell, value: meaning.kind === 'trade' ? price : null, range: PREMIUM_RANGE },
      { column: 'Commission ($)', cell: commissionCell, value: commission === null ? null : Math.abs(commission), range: FEE_RANGE },
      { column: 'Fees ($)', cell: feesCell, value: fees === null ? null : Math.abs(fees), range: FEE_RANGE },
    ];
    if (cellsOutOfRange(ranged, fail)) continue;
    fills.push({
      broker: 'fidelity',
      account: row.get('Account'),
      time: date,
      ...contract,
      ...meaning,
      qty: Math.abs(qty),
      price,
      // Both are charges, printed positive; a sign some exports put on them is not a rebate.
      fees: Math.abs(fees ?? 0),
      commissions: Math.abs(commission ?? 0),
      source: { file, line: row.line },
    });
  }
  return { fills: oldestFirst(fills, sortInstant, true), errors, warnings: skipped.warnings(file) };
}
