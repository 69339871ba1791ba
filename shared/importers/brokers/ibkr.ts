import { FEE_RANGE, MULTIPLIER_RANGE, PREMIUM_RANGE, QUANTITY_RANGE } from '../../domain/bounds.ts';
import type { RowError } from '../../domain/errors.ts';
import { DEFAULT_BROKER_ZONE, flexibleDate, sortInstant, wallTimeToIso } from './brokerTime.ts';
import { cellsOutOfRange, headerSeen, parseAmount, readCsvRows, type CsvRow, type RecordRow } from './csvText.ts';
import { contractKey, oldestFirst, paid, SkipTally, type BrokerParse, type BrokerParseOptions, type Fill, type FillKind } from './fill.ts';
import { ibkrTables, IBKR_PRICE_COLUMNS } from './ibkrRows.ts';
import { readOptionSymbol, STANDARD_MULTIPLIER, type OptionContract } from './optionSymbol.ts';

/**
 * Interactive Brokers Flex Query trades (or Trade Confirmation) CSV and Activity Statement CSV (tables
 * found by `ibkrRows.ts`). `Date/Time` is printed in the zone set for the statement, America/New_York by
 * default (`tz` overrides), in whichever date format the Flex query was set to: `20250310;101502`,
 * `2025-03-10, 10:15:02`, `03/10/2025 10:15:02`, `10-Mar-25 101502`, `TradeDate` + `TradeTime`… A
 * day-first format (`dd/MM/yyyy`) is recognised when any date in the file has a day above 12. When a
 * file holds orders and their executions (LevelOfDetail ORDER and EXECUTION, or discriminators Order and
 * Trade), only the executions are read: an order row repeats its executions a second or two apart. Codes
 * `Ep`, `A` and `Ex` mark expiration, assignment and exercise; `Buy/Sell` `BUY (Ca.)`/`SELL (Ca.)`,
 * TransactionType `TradeCancel` or code `Ca` cancel an earlier trade, which is then left out.
 */
export { IBKR_FLEX_COLUMNS } from './ibkrRows.ts';

const EXECUTION_LEVELS = new Set(['execution', 'trade']);
const ORDER_LEVELS = new Set(['order']);
const OPTION_CLASSES = new Set(['opt', 'equity and index options', 'options']);
const DATE_TIME_COLUMNS = ['Date/Time', 'DateTime', 'TradeDate', 'Trade Date'] as const;

function dateTimeCell(row: RecordRow): { text: string; column: string } {
  const combined = row.pick(['Date/Time', 'DateTime']);
  if (combined.value) return { text: combined.value, column: combined.column };
  const date = row.pick(['TradeDate', 'Trade Date']);
  const time = row.pick(['TradeTime', 'Trade Time']).value;
  return { text: [date.value, time].filter(Boolean).join(';'), column: date.column };
}

const DATE_TIME = /^(.+?)(?:(?:[;,T]\s*|\s+)(\d{1,2}:?\d{2}(?::?\d{2})?(?:\s*[AP]M)?))?(?:\s+([A-Za-z][A-Za-z_/+-]*))?$/i;

/** `20250310;101502` and friends → ISO in New York time; a date alone stays a date. */
function dateTimeOf(text: string, zone: string, dayFirst: boolean): string | null {
  const trimmed = text.trim();
  // Flex lets the separator be nothing: `20250310101502`.
  const glued = /^(\d{8})(\d{6})$/.exec(trimmed);
  const match = glued ? [trimmed, glued[1], glued[2], undefined] : DATE_TIME.exec(trimmed);
  const date = match?.[1] ? flexibleDate(match[1], dayFirst) : null;
  if (!match || !date) return null;
  if (!match[2]) return match[3] ? null : date;
  return wallTimeToIso(date, match[2], zone, match[3] ?? '');
}

/** True when a slashed date in the file has its first number above 12, so the file writes the day first. */
function fileIsDayFirst(rows: readonly RecordRow[]): boolean {
  return rows.some((row) => {
    const first = /^(\d{1,2})[/.](\d{1,2})[/.]\d{2,4}/.exec(dateTimeCell(row).text);
    return first !== null && Number(first[1]) > 12;
  });
}

function codesOf(row: RecordRow): Set<string> {
  return new Set(row.pick(['Notes/Codes', 'Code', 'Codes']).value.split(/[;,\s]+/).filter(Boolean).map((code) => code.toUpperCase()));
}

function kindOf(codes: ReadonlySet<string>): FillKind {
  if (codes.has('EP')) return 'expiration';
  if (codes.has('A')) return 'assignment';
  if (codes.has('EX')) return 'exercise';
  return 'trade';
}

function contractOf(row: RecordRow, multipliers: ReadonlyMap<string, number>, dayFirst: boolean): OptionContract | null {
  const symbol = row.get('Symbol');
  const given = parseAmount(row.get('Multiplier'));
  const multiplier = given !== null && given > 0 ? given : (multipliers.get(symbol) ?? STANDARD_MULTIPLIER);
  const parsed = readOptionSymbol(symbol) ?? readOptionSymbol(row.get('Description'));
  if (parsed) return { ...parsed, multiplier };
  const underlying = row.get('UnderlyingSymbol');
  const expiry = flexibleDate(row.get('Expiry'), dayFirst);
  const strike = parseAmount(row.get('Strike'));
  const right = row.get('Put/Call').toUpperCase().charAt(0);
  if (!underlying || !expiry || strike === null || !(strike > 0) || (right !== 'C' && right !== 'P')) return null;
  return { symbol: underlying, expiry, right, strike, multiplier };
}

function isOptionRow(row: RecordRow): boolean | null {
  const assetClass = row.pick(['AssetClass', 'Asset Category', 'AssetCategory']).value.toLowerCase();
  if (assetClass !== '') return OPTION_CLASSES.has(assetClass);
  return row.get('Put/Call') !== '' || readOptionSymbol(row.get('Symbol')) !== null ? true : null;
}

type Cancel = { readonly fill: Fill; readonly origId: string; readonly line: number };

/** Leaves out each cancelled trade with its cancellation; a cancellation of a trade not in the file is an error. */
function applyCancels(fills: Fill[], cancels: readonly Cancel[], file: string, errors: RowError[], warnings: string[]): Fill[] {
  const kept = [...fills];
  for (const cancel of cancels) {
    const same = (fill: Fill): boolean =>
      contractKey(fill) === contractKey(cancel.fill) && Math.abs(fill.qty - cancel.fill.qty) < 1e-9 && Math.abs(fill.price - cancel.fill.price) < 1e-9;
    const index = cancel.origId
      ? kept.findIndex((fill) => fill.fill_id === cancel.origId)
      : [kept.findIndex((fill) => same(fill) && fill.side !== cancel.fill.side), kept.findIndex(same)].find((found) => found >= 0) ?? -1;
    if (index < 0) {
      errors.push({ file, line: cancel.line, field: 'Buy/Sell', reason: `cancels a trade that is not in this file (${cancel.fill.qty} ${cancel.fill.symbol} ${cancel.fill.expiry} ${cancel.fill.strike}${cancel.fill.right} @ ${cancel.fill.price}); nothing imported for it` });
      continue;
    }
    const [removed] = kept.splice(index, 1);
    warnings.push(`${file}:${cancel.line}: trade cancelled by the broker; it and the trade it cancels (line ${removed?.source.line}) are left out`);
  }
  return kept;
}

export function parseIbkr(text: string, file: string, options: BrokerParseOptions = {}): BrokerParse {
  const zone = options.tz ?? DEFAULT_BROKER_ZONE;
  const rows: CsvRow[] = readCsvRows(text);
  const { activity, candidates, multipliers, account } = ibkrTables(rows);
  const errors: RowError[] = [];
  const warnings: string[] = [];
  const skipped = new SkipTally();
  const fills: Fill[] = [];
  const cancels: Cancel[] = [];
  if (candidates.length === 0 && !rows.some((row) => row.cells[0]?.trim() === 'Trades')) {
    errors.push({ file, line: 1, field: '', reason: `no Interactive Brokers trades table (Flex Query trades with Symbol, Quantity, Buy/Sell and TradePrice, or an Activity Statement Trades section); header seen at ${headerSeen(rows)}` });
    return { fills, errors, warnings };
  }
  const hasExecutions = candidates.some((candidate) => EXECUTION_LEVELS.has(candidate.level));
  const dayFirst = fileIsDayFirst(candidates.map((candidate) => candidate.row));
  for (const { row, level } of candidates) {
    const option = isOptionRow(row);
    if (option === false || (option === null && readOptionSymbol(row.get('Symbol')) === null)) {
      skipped.add(`not an equity option (${row.pick(['AssetClass', 'Asset Category']).value.toLowerCase() || 'no asset class'})`);
      continue;
    }
    if (level !== '') {
      const wanted = hasExecutions ? EXECUTION_LEVELS.has(level) : ORDER_LEVELS.has(level);
      if (!wanted) {
        skipped.add(EXECUTION_LEVELS.has(level) || ORDER_LEVELS.has(level) ? `${level} row repeated by the executions` : `summary row (${level})`);
        continue;
      }
    }
    const fail = (field: string, reason: string): void => {
      errors.push({ file, line: row.line, field, reason });
    };
    const contract = contractOf(row, multipliers, dayFirst);
    if (!contract) {
      fail('Symbol', `unrecognised option symbol '${row.get('Symbol')}' (and no UnderlyingSymbol, Expiry, Strike, Put/Call to build it from)`);
      continue;
    }
    const when = dateTimeCell(row);
    const time = dateTimeOf(when.text, zone, dayFirst);
    if (!time) {
      fail(when.column || DATE_TIME_COLUMNS[0], `unreadable date/time '${when.text}'`);
      continue;
    }
    const quantity = row.pick(['Quantity']);
    const qty = parseAmount(quantity.value);
    if (qty === null || Number.isNaN(qty) || qty === 0) {
      fail(quantity.column, `unreadable quantity '${quantity.value}'`);
      continue;
    }
    const priceCell = row.pick(IBKR_PRICE_COLUMNS);
    const price = parseAmount(priceCell.value);
    const commissionCell = row.pick(['IBCommission', 'Commission', 'Comm/Fee', 'Comm in USD']);
    const commission = parseAmount(commissionCell.value);
    const taxesCell = row.pick(['Taxes', 'Tax']);
    const taxes = parseAmount(taxesCell.value);
    const codes = codesOf(row);
    const kind = kindOf(codes);
    if (price === null || Number.isNaN(price) || (kind === 'trade' && price < 0)) {
      fail(priceCell.column, `unreadable price '${priceCell.value}'`);
      continue;
    }
    if (Number.isNaN(commission ?? 0)) {
      fail(commissionCell.column, `unreadable commission '${commissionCell.value}'`);
      continue;
    }
    if (Number.isNaN(taxes ?? 0)) {
      fail(taxesCell.column, `unreadable taxes '${taxesCell.value}'`);
      continue;
    }
    const ranged = [
      { column: quantity.column, cell: quantity.value, value: Math.abs(qty), range: QUANTITY_RANGE },
      { column: priceCell.column, cell: priceCell.value, value: kind === 'trade' ? Math.abs(price) : null, range: PREMIUM_RANGE },
      { column: commissionCell.column, cell: commissionCell.value, value: commission, range: FEE_RANGE },
      { column: taxesCell.column, cell: taxesCell.value, value: taxes, range: FEE_RANGE },
      { column: 'Multiplier', cell: row.get('Multiplier'), value: row.get('Multiplier') === '' ? null : contract.multiplier, range: MULTIPLIER_RANGE },
    ];
    if (cellsOutOfRange(ranged, fail)) continue;
    const sideCell = row.get('Buy/Sell').toUpperCase();
    const side = sideCell.startsWith('BUY') ? 'buy' : sideCell.startsWith('SELL') ? 'sell' : qty > 0 ? 'buy' : 'sell';
    const indicator = row.get('Open/CloseIndicator').toUpperCase().replace(/\s+/g, '');
    const opens = indicator === 'O' || (indicator === '' && codes.has('O'));
    const closes = indicator === 'C' || (indicator === '' && codes.has('C'));
    // `C;O` (or both codes) is one execution that closes a position and opens the other way: no single effect.
    const effect = opens && !closes ? 'open' : closes && !opens ? 'close' : undefined;
    const tradeId = row.pick(['TradeID', 'IBExecID', 'ExecID', 'TransactionID']).value;
    const orderId = row.pick(['IBOrderID', 'OrderID']).value;
    const fill: Fill = {
      broker: 'ibkr',
      account: row.pick(['ClientAccountID', 'AccountId', 'Account']).value || account,
      ...(tradeId ? { fill_id: tradeId } : {}),
      ...(orderId ? { order_id: orderId } : {}),
      time,
      ...contract,
      side,
      ...(effect ? { effect } : {}),
      qty: Math.abs(qty),
      price: kind === 'trade' ? Math.abs(price) : 0,
      fees: paid(taxes),
      commissions: paid(commission),
      kind,
      source: { file, line: row.line },
    };
    const cancelled = sideCell.includes('(CA') || /cancel/i.test(row.get('TransactionType')) || codes.has('CA');
    if (cancelled) cancels.push({ fill, origId: row.get('OrigTradeID'), line: row.line });
    else fills.push(fill);
  }
  const layout = activity ? 'Activity Statement' : 'Flex Query';
  const kept = applyCancels(fills, cancels, file, errors, warnings);
  return { fills: oldestFirst(kept, sortInstant, false), errors, warnings: [...warnings, ...skipped.warnings(file).map((warning) => `${warning} [${layout}]`)] };
}
