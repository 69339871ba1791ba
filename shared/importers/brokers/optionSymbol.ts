import { DateTime } from 'luxon';
import type { RowError } from '../../domain/errors.ts';

/** One listed option contract. Premiums are per share; `multiplier` shares per contract (100 for SPY). */
export type OptionContract = {
  readonly symbol: string;
  readonly expiry: string;
  readonly right: 'C' | 'P';
  readonly strike: number;
  readonly multiplier: number;
};

export type ParsedOptionSymbol =
  | { readonly ok: true; readonly contract: OptionContract }
  | { readonly ok: false; readonly error: RowError };

export type SymbolLocation = { readonly file: string; readonly line: number; readonly field: string };

/** US equity options are 100 shares unless the symbol says otherwise (minis, adjusted deliverables). */
export const STANDARD_MULTIPLIER = 100;

const MONTHS: Readonly<Record<string, number>> = {
  JAN: 1, FEB: 2, MAR: 3, APR: 4, MAY: 5, JUN: 6, JUL: 7, AUG: 8, SEP: 9, OCT: 10, NOV: 11, DEC: 12,
};

const ROOT = '([A-Z][A-Z0-9.]{0,7})';
const NUMBER = '(\\d+(?:\\.\\d+)?)';

/** The forms we read, tried in order; each returns null when the text is not in its form. */
const FORMS: ReadonlyArray<{ readonly name: string; readonly read: (text: string) => OptionContract | null }> = [
  {
    // OCC/OSI: root padded to six characters (`SPY   241122C00595000`), or unpadded as Webull and
    // some IBKR exports write it; strike in thousandths.
    name: 'OCC',
    read: (text) => {
      const match = new RegExp(`^${ROOT}\\s*(\\d{2})(\\d{2})(\\d{2})([CP])(\\d{8})$`).exec(text);
      if (!match) return null;
      const [, root, yy, mm, dd, right, strike] = match;
      return contract(root, 2000 + Number(yy), Number(mm), Number(dd), right, Number(strike) / 1000, STANDARD_MULTIPLIER);
    },
  },
  {
    // thinkorswim's own symbol: `.SPY241122C595`, decimal strikes written as `572.5`.
    name: 'thinkorswim dot symbol',
    read: (text) => {
      const match = new RegExp(`^\\.([A-Z][A-Z0-9]{0,7}?)(\\d{2})(\\d{2})(\\d{2})([CP])${NUMBER}$`).exec(text);
      if (!match) return null;
      const [, root, yy, mm, dd, right, strike] = match;
      return contract(root, 2000 + Number(yy), Number(mm), Number(dd), right, Number(strike), STANDARD_MULTIPLIER);
    },
  },
  {
    // Schwab: `SPY 03/10/2025 572.00 C`.
    name: 'Schwab',
    read: (text) => {
      const match = new RegExp(`^${ROOT}\\s+(\\d{1,2})/(\\d{1,2})/(\\d{4}|\\d{2})\\s+${NUMBER}\\s+([CP])$`).exec(text);
      if (!match) return null;
      const [, root, mm, dd, year, strike, right] = match;
      return contract(root, fullYear(year), Number(mm), Number(dd), right, Number(strike), STANDARD_MULTIPLIER);
    },
  },
  {
    // thinkorswim statement description: `SPY 100 (Weeklys) 10 MAR 25 572 CALL`; the number after the root
    // is the multiplier (10 for minis), the parenthesised series name and `[AM]` settlement are optional.
    name: 'thinkorswim',
    read: (text) => {
      const match = new RegExp(
        `^${ROOT}\\s+(?:(\\d+)\\s+)?(?:\\([^)]*\\)\\s+)?(\\d{1,2})\\s+([A-Z]{3})\\s+(\\d{2}|\\d{4})(?:\\s+\\[[A-Z]+\\])?\\s+${NUMBER}\\s+(CALL|PUT)$`,
      ).exec(text);
      if (!match) return null;
      const [, root, multiplier, dd, mon, year, strike, right] = match;
      const month = MONTHS[mon ?? ''];
      if (month === undefined) return null;
      const size = multiplier === undefined ? STANDARD_MULTIPLIER : Number(multiplier);
      return contract(root, fullYear(year), month, Number(dd), right?.charAt(0), Number(strike), size);
    },
  },
  {
    // Interactive Brokers Activity Statement and description column: `SPY 10MAR25 572 C`.
    name: 'IBKR',
    read: (text) => {
      const match = new RegExp(`^${ROOT}\\s+(\\d{1,2})([A-Z]{3})(\\d{2})\\s+${NUMBER}\\s+([CP])$`).exec(text);
      if (!match) return null;
      const [, root, dd, mon, yy, strike, right] = match;
      const month = MONTHS[mon ?? ''];
      if (month === undefined) return null;
      return contract(root, 2000 + Number(yy), month, Number(dd), right, Number(strike), STANDARD_MULTIPLIER);
    },
  },
  {
    // tastytrade description: `SPY 03/10/25 Call 572.00`.
    name: 'tastytrade',
    read: (text) => {
      const match = new RegExp(`^${ROOT}\\s+(\\d{1,2})/(\\d{1,2})/(\\d{2}|\\d{4})\\s+(CALL|PUT)\\s+${NUMBER}$`).exec(text);
      if (!match) return null;
      const [, root, mm, dd, year, right, strike] = match;
      return contract(root, fullYear(year), Number(mm), Number(dd), right?.charAt(0), Number(strike), STANDARD_MULTIPLIER);
    },
  },
  {
    // Robinhood's activity description, and Webull's option names before late 2022: `SPY 9/23/2022 Call $371.00`,
    // `SPY 09/23/2022 00:00:00 EDT Call $371.00` (a midnight time and zone between the date and the right).
    name: 'Robinhood / older Webull',
    read: (text) => {
      const match = new RegExp(`^${ROOT}\\s+(\\d{1,2})/(\\d{1,2})/(\\d{4}|\\d{2})(?:\\s+\\d{1,2}:\\d{2}(?::\\d{2})?(?:\\s+[A-Z]{2,4})?)?\\s+(CALL|PUT)\\s+\\$?${NUMBER}$`).exec(text);
      if (!match) return null;
      const [, root, mm, dd, year, right, strike] = match;
      return contract(root, fullYear(year), Number(mm), Number(dd), right?.charAt(0), Number(strike), STANDARD_MULTIPLIER);
    },
  },
  {
    // Fidelity's symbol column: ` -SPY220923C371`, ` -SPY220923P370.5` (a dash, then root, yymmdd, right, strike).
    name: 'Fidelity',
    read: (text) => {
      const match = new RegExp(`^-([A-Z][A-Z0-9]{0,7}?)(\\d{2})(\\d{2})(\\d{2})([CP])${NUMBER}$`).exec(text);
      if (!match) return null;
      const [, root, yy, mm, dd, right, strike] = match;
      return contract(root, 2000 + Number(yy), Number(mm), Number(dd), right, Number(strike), STANDARD_MULTIPLIER);
    },
  },
];

export const OPTION_SYMBOL_FORMS: readonly string[] = FORMS.map((form) => form.name);

function fullYear(year: string | undefined): number {
  const value = Number(year);
  return value < 100 ? 2000 + value : value;
}

function contract(
  root: string | undefined,
  year: number,
  month: number,
  day: number,
  right: string | undefined,
  strike: number,
  multiplier: number,
): OptionContract | null {
  const date = DateTime.fromObject({ year, month, day }, { zone: 'UTC' });
  if (!root || !date.isValid || (right !== 'C' && right !== 'P')) return null;
  if (!(strike > 0) || !(multiplier > 0)) return null;
  return { symbol: root, expiry: date.toFormat('yyyy-MM-dd'), right, strike, multiplier };
}

/** The contract named by a broker's option symbol in any of the forms above, or null. */
export function readOptionSymbol(text: string): OptionContract | null {
  const cleaned = text.trim().toUpperCase().replace(/\s+$/, '');
  for (const form of FORMS) {
    const found = form.read(cleaned);
    if (found) return found;
  }
  return null;
}

/** As readOptionSymbol, but an unreadable symbol is a RowError naming the forms we read. */
export function parseOptionSymbol(text: string, at: SymbolLocation): ParsedOptionSymbol {
  const found = readOptionSymbol(text);
  if (found) return { ok: true, contract: found };
  const trimmed = text.trim();
  const reason = trimmed.startsWith('./') || trimmed.startsWith('/')
    ? `'${trimmed}' is a futures option, not an equity option`
    : `unrecognised option symbol '${trimmed}' (read: ${OPTION_SYMBOL_FORMS.join(', ')})`;
  return { ok: false, error: { ...at, reason } };
}

/** OCC form with the root padded to six characters: the canonical key we print in messages and ids. */
export function occSymbol(option: Pick<OptionContract, 'symbol' | 'expiry' | 'right' | 'strike'>): string {
  const yymmdd = option.expiry.slice(2).replace(/-/g, '');
  const strike = String(Math.round(option.strike * 1000)).padStart(8, '0');
  return `${option.symbol.padEnd(6, ' ')}${yymmdd}${option.right}${strike}`;
}
