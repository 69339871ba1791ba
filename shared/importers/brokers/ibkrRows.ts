import { hasAnyColumn, hasColumns, normalizeColumn, recordReader, type CsvRow, type RecordRow } from './csvText.ts';

/**
 * Where Interactive Brokers puts trade rows, in the layouts IBKR hands out:
 * - Flex Query CSV: a header of field names then rows; one file may hold several tables (trades, open
 *   positions, cash…) each with its own header, optionally between `BOF/BOA/BOS … EOS/EOA/EOF` records or
 *   wrapped as `HEADER,TRNT,…`/`DATA,TRNT,…`, and `MSG` notice rows. Field names are those of the Flex
 *   Trades section (`Buy/Sell`, `TradePrice`, `IBCommission`, …) or of the Trade Confirmation section
 *   (`Price`, `Commission`, `Tax`, `Code`, `ExecID`, `OrderID`), in any case (`buySell` from XML habits).
 * - Activity Statement CSV: every row starts with its section and `Header`/`Data`/`SubTotal`/`Total`.
 */
export const IBKR_FLEX_COLUMNS = ['Symbol', 'Quantity', 'Buy/Sell'] as const;
export const IBKR_PRICE_COLUMNS = ['TradePrice', 'Price', 'T. Price'] as const;
/** Field names only IBKR uses; one of them must be present so another broker's `Buy/Sell` file is not read as IBKR. */
const IBKR_MARKERS = [
  'TradePrice', 'ClientAccountID', 'AccountId', 'IBCommission', 'AssetClass', 'LevelOfDetail', 'Conid', 'IBExecID', 'IBOrderID',
  'TradeID', 'Open/CloseIndicator', 'Notes/Codes', 'UnderlyingSymbol', 'CurrencyPrimary',
] as const;
/** Columns that start the header of any Flex table, trades or not. */
const FLEX_TABLE_STARTS = new Set(['clientaccountid', 'accountid', 'currencyprimary']);
const FLEX_RECORDS = new Set(['BOF', 'BOA', 'BOS', 'EOS', 'EOA', 'EOF', 'MSG']);

export function isIbkrTradeHeader(row: CsvRow): boolean {
  return hasColumns(row, IBKR_FLEX_COLUMNS) && hasAnyColumn(row, IBKR_PRICE_COLUMNS) && hasAnyColumn(row, IBKR_MARKERS);
}

export type IbkrCandidate = { readonly row: RecordRow; readonly level: string };

export type IbkrTables = {
  readonly activity: boolean;
  readonly candidates: IbkrCandidate[];
  /** Multipliers by symbol from the Activity Statement's Financial Instrument Information. */
  readonly multipliers: Map<string, number>;
  /** Account number from the Activity Statement's Account Information. */
  readonly account: string;
};

function activityTables(rows: readonly CsvRow[]): IbkrTables {
  const candidates: IbkrCandidate[] = [];
  const multipliers = new Map<string, number>();
  let trades: ((row: CsvRow) => RecordRow) | null = null;
  let instruments: ((row: CsvRow) => RecordRow) | null = null;
  let account = '';
  for (const row of rows) {
    const section = row.cells[0]?.trim() ?? '';
    const kind = row.cells[1]?.trim();
    const body: CsvRow = { line: row.line, cells: row.cells.slice(2) };
    if (section === 'Account Information' && kind === 'Data' && /^account$/i.test(row.cells[2]?.trim() ?? '')) account = row.cells[3]?.trim() ?? '';
    if (section === 'Financial Instrument Information') {
      if (kind === 'Header') instruments = recordReader(body.cells);
      else if (kind === 'Data' && instruments) {
        const info = instruments(body);
        const multiplier = Number(info.get('Multiplier').replace(/,/g, ''));
        if (multiplier > 0) multipliers.set(info.get('Symbol'), multiplier);
      }
    }
    if (section !== 'Trades') continue;
    if (kind === 'Header') trades = recordReader(body.cells);
    else if (kind === 'Data' && trades) {
      const record = trades(body);
      candidates.push({ row: record, level: record.get('DataDiscriminator').toLowerCase() });
    }
  }
  return { activity: true, candidates, multipliers, account };
}

function flexTables(rows: readonly CsvRow[]): IbkrTables {
  const candidates: IbkrCandidate[] = [];
  let read: ((row: CsvRow) => RecordRow) | null = null;
  for (const row of rows) {
    const first = row.cells[0]?.trim() ?? '';
    if (FLEX_RECORDS.has(first)) {
      // A section boundary: the next table brings its own header.
      if (first !== 'MSG') read = null;
      continue;
    }
    const wrapped = first === 'HEADER' || first === 'DATA';
    const cells: CsvRow = { line: row.line, cells: wrapped ? row.cells.slice(2) : row.cells };
    if (isIbkrTradeHeader(cells)) {
      read = recordReader(cells.cells);
      continue;
    }
    if (first === 'HEADER' || cells.cells.some((cell) => FLEX_TABLE_STARTS.has(normalizeColumn(cell)))) {
      // The header of another table (positions, cash…): its rows are not trades.
      read = null;
      continue;
    }
    if (!read || cells.cells.every((cell) => cell.trim() === '')) continue;
    const record = read(cells);
    candidates.push({ row: record, level: record.get('LevelOfDetail').toLowerCase() });
  }
  return { activity: false, candidates, multipliers: new Map(), account: '' };
}

/** The trade rows of an IBKR file, in file order, with the level of detail each row is at. */
export function ibkrTables(rows: readonly CsvRow[]): IbkrTables {
  const activity = rows.some((row) => row.cells[0]?.trim() === 'Trades' && row.cells[1]?.trim() === 'Header');
  return activity ? activityTables(rows) : flexTables(rows);
}
