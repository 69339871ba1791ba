import type { RowError } from '../../domain/errors.ts';
import { compactDate, DEFAULT_BROKER_ZONE, localTimeToIso, sortInstant } from './brokerTime.ts';
import { normalizeColumn, parseAmount, readCsvRows, recordReader, type CsvRow, type RecordRow } from './csvText.ts';
import { oldestFirst, paid, SkipTally, type BrokerParse, type BrokerParseOptions, type Fill, type FillKind } from './fill.ts';
import { readOptionSymbol, STANDARD_MULTIPLIER, type OptionContract } from './optionSymbol.ts';

/**
 * Interactive Brokers, two layouts:
 * - Flex Query trades CSV: one header row with field names (`ClientAccountID, Symbol, UnderlyingSymbol,
 *   Expiry, Strike, Put/Call, Multiplier, AssetClass, Date/Time, Quantity, TradePrice, IBCommission,
 *   Buy/Sell, Open/CloseIndicator, Notes/Codes, TradeID, IBOrderID, LevelOfDetail …`), optionally wrapped
 *   in `HEADER,TRNT,…`/`DATA,TRNT,…` records.
 * - Activity Statement: every row starts with its section name and `Header`/`Data`/`SubTotal`/`Total`;
 *   option fills are `Trades,Data,Order|Trade,Equity and Index Options,…` with `Symbol` like
 *   `SPY 10MAR25 572 C`, multipliers from `Financial Instrument Information`.
 * `Date/Time` is `2025-03-10, 10:15:02`, `20250310;101502` or `20250310 101502`, without a zone: IBKR
 * prints it in the zone set for the statement, America/New_York by default (`tz` overrides). When a file
 * holds both orders and their executions (LevelOfDetail ORDER and EXECUTION, or discriminators Order and
 * Trade), only the executions are read: an order row repeats its executions a second or two apart.
 * Codes `Ep`, `A` and `Ex` mark expiration, assignment and exercise.
 */
export const IBKR_FLEX_COLUMNS = ['Symbol', 'Quantity', 'TradePrice', 'Buy/Sell'] as const;

const EXECUTION_LEVELS = new Set(['execution', 'trade']);
const ORDER_LEVELS = new Set(['order']);

function dateTimeOf(row: RecordRow, zone: string): string | null {
  const cell = row.get('Date/Time') || row.get('DateTime') || [row.get('TradeDate'), row.get('TradeTime')].filter(Boolean).join(';');
  const match = /^(\d{4}-?\d{2}-?\d{2})(?:[,;\sT]+(\d{2}):?(\d{2}):?(\d{2}))?(?:\s+[A-Z]{2,4})?$/.exec(cell.trim());
  const date = match?.[1] ? compactDate(match[1]) : null;
  if (!match || !date) return null;
  if (!match[2]) return date;
  return localTimeToIso(date, `${match[2]}:${match[3]}:${match[4]}`, zone);
}

function codesOf(row: RecordRow): Set<string> {
  const text = row.get('Notes/Codes') || row.get('Code') || row.get('Codes');
  return new Set(text.split(/[;,\s]+/).filter(Boolean).map((code) => code.toUpperCase()));
}

function kindOf(codes: ReadonlySet<string>): FillKind {
  if (codes.has('EP')) return 'expiration';
  if (codes.has('A')) return 'assignment';
  if (codes.has('EX')) return 'exercise';
  return 'trade';
}

function contractOf(row: RecordRow, multipliers: ReadonlyMap<string, number>): OptionContract | null {
  const symbol = row.get('Symbol');
  const listed = multipliers.get(symbol);
  const given = parseAmount(row.get('Multiplier'));
  const multiplier = given !== null && given > 0 ? given : (listed ?? STANDARD_MULTIPLIER);
  const parsed = readOptionSymbol(symbol) ?? readOptionSymbol(row.get('Description'));
  if (parsed) return { ...parsed, multiplier };
  const underlying = row.get('UnderlyingSymbol');
  const expiry = compactDate(row.get('Expiry'));
  const strike = parseAmount(row.get('Strike'));
  const right = row.get('Put/Call').toUpperCase().charAt(0);
  if (!underlying || !expiry || strike === null || !(strike > 0) || (right !== 'C' && right !== 'P')) return null;
  return { symbol: underlying, expiry, right, strike, multiplier };
}

type Candidate = { readonly row: RecordRow; readonly level: string };

/** Rows of an Activity Statement's Trades section (with their own headers), or of a Flex trades table. */
function tradeRows(rows: readonly CsvRow[]): { activity: boolean; candidates: Candidate[]; multipliers: Map<string, number> } {
  const activity = rows.some((row) => row.cells[0]?.trim() === 'Trades' && row.cells[1]?.trim() === 'Header');
  const candidates: Candidate[] = [];
  const multipliers = new Map<string, number>();
  let read: ((row: CsvRow) => RecordRow) | null = null;
  let instruments: ((row: CsvRow) => RecordRow) | null = null;
  for (const row of rows) {
    const first = row.cells[0]?.trim() ?? '';
    if (activity) {
      const kind = row.cells[1]?.trim();
      const body: CsvRow = { line: row.line, cells: row.cells.slice(2) };
      if (first === 'Financial Instrument Information') {
        if (kind === 'Header') instruments = recordReader(body.cells);
        else if (kind === 'Data' && instruments) {
          const info = instruments(body);
          const multiplier = parseAmount(info.get('Multiplier'));
          if (multiplier !== null && multiplier > 0) multipliers.set(info.get('Symbol'), multiplier);
        }
      }
      if (first !== 'Trades') continue;
      if (kind === 'Header') read = recordReader(body.cells);
      else if (kind === 'Data' && read) {
        const record = read(body);
        candidates.push({ row: record, level: record.get('DataDiscriminator').toLowerCase() });
      }
      continue;
    }
    // Flex files with header/trailer records: `HEADER,TRNT,…` and `DATA,TRNT,…`.
    const wrapped = first === 'HEADER' || first === 'DATA';
    const cells = wrapped ? row.cells.slice(2) : row.cells;
    const names = new Set(cells.map(normalizeColumn));
    if (IBKR_FLEX_COLUMNS.every((column) => names.has(normalizeColumn(column)))) {
      read = recordReader(cells);
      continue;
    }
    if (!read || cells.every((cell) => cell.trim() === '') || ['BOF', 'BOA', 'BOS', 'EOS', 'EOA', 'EOF'].includes(first)) continue;
    const record = read({ line: row.line, cells });
    candidates.push({ row: record, level: record.get('LevelOfDetail').toLowerCase() });
  }
  return { activity, candidates, multipliers };
}

export function parseIbkr(text: string, file: string, options: BrokerParseOptions = {}): BrokerParse {
  const zone = options.tz ?? DEFAULT_BROKER_ZONE;
  const rows = readCsvRows(text);
  const { activity, candidates, multipliers } = tradeRows(rows);
  const errors: RowError[] = [];
  const skipped = new SkipTally();
  const fills: Fill[] = [];
  if (candidates.length === 0 && !rows.some((row) => row.cells[0]?.trim() === 'Trades')) {
    errors.push({ file, line: 1, field: '', reason: 'no Interactive Brokers trades table (Flex Query trades or Activity Statement Trades section)' });
    return { fills, errors, warnings: [] };
  }
  const hasExecutions = candidates.some((candidate) => EXECUTION_LEVELS.has(candidate.level));
  const accountRow = rows.find((row) => row.cells[0]?.trim() === 'Account Information' && row.cells[2]?.trim() === 'Account');
  const account = accountRow?.cells[3]?.trim() ?? '';
  for (const { row, level } of candidates) {
    if (level !== '') {
      const wanted = hasExecutions ? EXECUTION_LEVELS.has(level) : ORDER_LEVELS.has(level);
      if (!wanted) {
        if (!EXECUTION_LEVELS.has(level) && !ORDER_LEVELS.has(level)) skipped.add(`summary row (${level})`);
        else skipped.add(`${level} row repeated by the executions`);
        continue;
      }
    }
    const assetClass = (row.get('AssetClass') || row.get('Asset Category')).toLowerCase();
    const isOption = assetClass === 'opt' || assetClass === 'equity and index options';
    if (!isOption) {
      skipped.add(`not an equity option (${assetClass || 'no asset class'})`);
      continue;
    }
    const fail = (field: string, reason: string): void => {
      errors.push({ file, line: row.line, field, reason });
    };
    const contract = contractOf(row, multipliers);
    if (!contract) {
      fail('Symbol', `unrecognised option symbol '${row.get('Symbol')}'`);
      continue;
    }
    const time = dateTimeOf(row, zone);
    if (!time) {
      fail('Date/Time', `unreadable time '${row.get('Date/Time') || row.get('DateTime') || row.get('TradeDate')}'`);
      continue;
    }
    const qty = parseAmount(row.get('Quantity'));
    const price = parseAmount(row.get('TradePrice') || row.get('T. Price'));
    const commission = parseAmount(row.get('IBCommission') || row.get('Comm/Fee') || row.get('Comm in USD'));
    const taxes = parseAmount(row.get('Taxes'));
    if (qty === null || Number.isNaN(qty) || qty === 0) {
      fail('Quantity', `unreadable quantity '${row.get('Quantity')}'`);
      continue;
    }
    if (price === null || Number.isNaN(price) || Number.isNaN(commission ?? 0) || Number.isNaN(taxes ?? 0)) {
      fail('TradePrice', 'unreadable price or commission');
      continue;
    }
    const codes = codesOf(row);
    const sideCell = row.get('Buy/Sell').toUpperCase();
    const side = sideCell.startsWith('BUY') ? 'buy' : sideCell.startsWith('SELL') ? 'sell' : qty > 0 ? 'buy' : 'sell';
    const indicator = row.get('Open/CloseIndicator').toUpperCase();
    const effect = indicator === 'O' || codes.has('O') ? 'open' : indicator === 'C' || codes.has('C') ? 'close' : undefined;
    const kind = kindOf(codes);
    const tradeId = row.get('TradeID') || row.get('IBExecID') || row.get('ExecID');
    const orderId = row.get('IBOrderID') || row.get('OrderID');
    fills.push({
      broker: 'ibkr',
      account: row.get('ClientAccountID') || row.get('Account') || account,
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
    });
  }
  const layout = activity ? 'Activity Statement' : 'Flex Query';
  const warnings = skipped.warnings(file).map((warning) => `${warning} [${layout}]`);
  return { fills: oldestFirst(fills, sortInstant, false), errors, warnings };
}
