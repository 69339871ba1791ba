/**
 * A SYNTHETIC tastytrade transactions export (History → Transactions → CSV layout, newest first) built from
 * the synthetic trades: each round trip is an opening and a closing `Trade` row, so N trades are 2·N fills.
 */
import type { TradeRecordInput } from '../../shared/domain/trade.ts';

const HEADER =
  'Date,Type,Sub Type,Action,Symbol,Instrument Type,Description,Value,Quantity,Average Price,Commissions,Fees,Multiplier,Root Symbol,Underlying Symbol,Expiration Date,Strike Price,Call or Put,Order #,Total,Currency';

/** tastytrade writes amounts with thousands separators, quoted when they have one. */
function amount(value: number): string {
  // toLocaleString would do this, at a hundred times the cost on a 100,000-row file.
  const [whole = '0', fraction = '00'] = Math.abs(value).toFixed(2).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const text = `${value < 0 && Math.abs(value) >= 0.005 ? '-' : ''}${grouped}.${fraction}`;
  return grouped.includes(',') ? `"${text}"` : text;
}

/** `2025-03-10T10:15:02-04:00` → `2025-03-10T10:15:02-0400`, the exporter's offset form. */
function exporterTime(iso: string): string {
  return iso.replace(/([+-]\d{2}):(\d{2})$/, '$1$2');
}

/** OCC symbol with the root padded to six characters, as tastytrade prints it. */
function occSymbol(trade: TradeRecordInput): string {
  const [year = '', month = '', day = ''] = trade.expiry.split('-');
  const strike = String(Math.round(trade.strike * 1000)).padStart(8, '0');
  return `${trade.symbol.padEnd(6, ' ')}${year.slice(2)}${month}${day}${trade.right}${strike}`;
}

type Row = { readonly time: string; readonly line: string };

function fillRow(trade: TradeRecordInput, opening: boolean, order: number): Row {
  const buying = (trade.side === 'long') === opening;
  const action = `${buying ? 'BUY' : 'SELL'}_TO_${opening ? 'OPEN' : 'CLOSE'}`;
  const subType = `${buying ? 'Buy' : 'Sell'} to ${opening ? 'Open' : 'Close'}`;
  const price = opening ? trade.entry_price : trade.exit_price;
  const time = opening ? trade.entry_time : trade.exit_time;
  const qty = trade.qty;
  const perContract = (buying ? -1 : 1) * price * 100;
  const value = perContract * qty;
  const commissions = opening ? -1 * qty : 0;
  const fees = -0.14 * qty;
  const [year = '', month = '', day = ''] = trade.expiry.split('-');
  const usExpiry = `${Number(month)}/${Number(day)}/${year.slice(2)}`;
  const kind = trade.right === 'C' ? 'Call' : 'Put';
  const description = `${buying ? 'Bought' : 'Sold'} ${qty} ${trade.symbol} ${month}/${day}/${year.slice(2)} ${kind} ${trade.strike.toFixed(2)} @ ${price.toFixed(2)}`;
  const cells = [
    exporterTime(time),
    'Trade',
    subType,
    action,
    occSymbol(trade),
    'Equity Option',
    description,
    amount(value),
    String(qty),
    amount(perContract),
    commissions === 0 ? '--' : amount(commissions),
    amount(fees),
    '100',
    trade.symbol,
    trade.symbol,
    usExpiry,
    String(trade.strike),
    kind.toUpperCase(),
    String(order),
    amount(value + commissions + fees),
    'USD',
  ];
  return { time, line: cells.join(',') };
}

/** The export of `trades` (2 fills each), newest row first as tastytrade writes it. */
export function tastytradeCsv(trades: readonly TradeRecordInput[]): string {
  const rows: Row[] = [];
  let order = 700_000_000;
  for (const trade of trades) {
    rows.push(fillRow(trade, true, (order += 1)));
    rows.push(fillRow(trade, false, (order += 1)));
  }
  // Same-offset ISO strings of one year sort by text; across DST they differ by offset, so sort by instant.
  const keyed = rows.map((row) => ({ row, at: Date.parse(row.time) }));
  keyed.sort((a, b) => b.at - a.at);
  return `${HEADER}\n${keyed.map((item) => item.row.line).join('\n')}\n`;
}
