import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { formatRowError, type RowError } from '../../shared/domain/errors.ts';
import { importBundle, type BundleFile, type ImportBundle } from '../../shared/importers/importBundle.ts';
import { openJournal, type JournalStore } from '../../electron/journal/index.ts';
import { exampleMarketFiles, jsonl, removeTempDirs, tempDir } from './helpers.ts';

/**
 * Issue 17, item 4: numbers are bounded at import, and engine results are checked finite while staging, so
 * any batch that import accepts can be committed. Before: a signal score of 1e308 or a qty of 1e308 imported,
 * JSON wrote the Infinity it led to as null, and every commit failed with "staging/batch.json cannot be
 * read … received null".
 */

afterEach(removeTempDirs);

const trade = {
  id: 'T1',
  symbol: 'SPY',
  expiry: '2025-06-11',
  right: 'C',
  strike: 600,
  side: 'long',
  qty: 1,
  entry_time: '2025-06-11T10:00:00-04:00',
  exit_time: '2025-06-11T10:10:00-04:00',
  entry_price: 1,
  exit_price: 1.5,
  fees: 1,
};

async function storeWithMarket(): Promise<{ dir: string; store: JournalStore }> {
  const dir = tempDir();
  const store = await openJournal(dir);
  await store.stage(importBundle(exampleMarketFiles()));
  return { dir, store };
}

function syncLogIds(dir: string): string[] {
  return readFileSync(join(dir, 'sync_log.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { id: string }).id);
}

describe('numbers bounded at import', () => {
  it('rejects a signal score of 1e308 with file:line, and the batch commits', async () => {
    const { dir, store } = await storeWithMarket();
    try {
      const signals = jsonl([
        { time: '2025-06-11T09:58:00-04:00', agent: 'flow', polarity: 'bullish', score: 0.6 },
        { time: '2025-06-11T09:59:00-04:00', agent: 'gamma', polarity: 'bullish', score: 1e308 },
      ]);
      const bundle = importBundle([{ name: 'trades.jsonl', text: jsonl([trade]) }, { name: 'signals.jsonl', text: signals }]);
      expect(bundle.errors.map(formatRowError)).toEqual(['signals.jsonl:2: score: 1e+308 is out of range: a signal score must be at least -1 and at most 1']);
      const staged = await store.stage(bundle);
      expect(staged.entries.map((entry) => Object.keys(entry.agent_weights))).toEqual([['flow']]);
      expect(await store.commit()).toMatchObject({ added: 1 });
      expect(syncLogIds(dir)).toEqual(['T1']);
    } finally {
      await store.close();
    }
  });

  it('rejects a trade qty of 1e308 with file:line, and the rest of the batch commits', async () => {
    const { dir, store } = await storeWithMarket();
    try {
      const bundle = importBundle([{ name: 'trades.jsonl', text: jsonl([trade, { ...trade, id: 'T2', qty: 1e308 }]) }]);
      expect(bundle.errors.map(formatRowError)).toEqual(['trades.jsonl:2: qty: 1e+308 is out of range: a quantity must be more than 0 and at most 1000000 (contracts or shares)']);
      await store.stage(bundle);
      expect(await store.commit()).toMatchObject({ added: 1 });
      expect(syncLogIds(dir)).toEqual(['T1']);
    } finally {
      await store.close();
    }
  });
});

describe('the ranges keep every engine result finite', () => {
  it('trades at the edges of every range stage and commit', async () => {
    const { dir, store } = await storeWithMarket();
    try {
      const agents = [
        { name: 'flow', phase: 'entry', polarity: 'bullish', score: 1, weight: 1000 },
        { name: 'gamma', phase: 'exit', polarity: 'bearish', score: -1, weight: 1000 },
      ];
      const edges = [
        { ...trade, id: 'E1', qty: 1e6, strike: 999999.99, entry_price: 999999.99, exit_price: 0, fees: -1e6, multiplier: 1e4, underlying_entry: 999999.99, underlying_exit: 0.01, entry_score: 1000, exit_score: -1000, agents },
        { ...trade, id: 'E2', side: 'short', right: 'P', qty: 1e6, strike: 0.01, entry_price: 0, exit_price: 999999.99, fees: 1e6, multiplier: 1e4, underlying_entry: 0.01, agents },
        { ...trade, id: 'E3', qty: 1e6, pnl: -1e12, expiry: '2100-12-31', entry_time: '2025-06-11T09:30:00-04:00', exit_time: '2025-06-11T16:00:00-04:00', agents },
      ];
      const bundle = importBundle([{ name: 'edges.jsonl', text: jsonl(edges) }]);
      expect(bundle.errors).toEqual([]);
      const staged = await store.stage(bundle);
      expect(staged.errors).toEqual([]);
      expect(staged.entries).toHaveLength(3);
      expect(await store.commit()).toMatchObject({ added: 3 });
      expect(syncLogIds(dir).sort()).toEqual(['E1', 'E2', 'E3']);
    } finally {
      await store.close();
    }
  });
});

describe('engine results checked finite while staging', () => {
  /** A bundle holding a trade the importers would refuse, as if a bound were missing or the engine overflowed. */
  function withUnboundedTrade(sources: boolean): ImportBundle {
    const good = importBundle([{ name: 'trades.jsonl', text: jsonl([trade]) }]);
    const overflowing = { ...good.trades[0]!, id: 'HUGE', qty: 1e308, multiplier: 1e10 };
    return {
      ...good,
      trades: [...good.trades, overflowing],
      ...(sources ? { sources: new Map([...(good.sources ?? []), ['HUGE', { file: 'hand.jsonl', line: 7 }]]) } : { sources: new Map() }),
    };
  }

  it('a trade whose engine result is not finite becomes a rejected row naming it with file:line, and the batch commits', async () => {
    const { dir, store } = await storeWithMarket();
    try {
      const staged = await store.stage(withUnboundedTrade(true));
      expect(staged.entries.map((entry) => entry.id)).toEqual(['T1']);
      const rejected = staged.errors.find((error) => error.reason.includes('HUGE'));
      expect(rejected).toMatchObject({ file: 'hand.jsonl', line: 7, field: 'pnl' });
      expect(rejected?.reason).toMatch(/^trade HUGE was left out of the staged batch: the engine's result is not a finite number \(pnl = (-)?Infinity/);
      expect(await store.commit()).toMatchObject({ added: 1 });
      expect(syncLogIds(dir)).toEqual(['T1']);
    } finally {
      await store.close();
    }
  });

  it('without a known source the rejected row names the staged batch and says so', async () => {
    const { store } = await storeWithMarket();
    try {
      const staged = await store.stage(withUnboundedTrade(false));
      const rejected = staged.errors.find((error) => error.reason.includes('HUGE'));
      expect(rejected).toMatchObject({ file: 'staging/batch.json', line: 0 });
      expect(rejected?.reason).toContain('whose file and line are not known');
      expect(await store.commit()).toMatchObject({ added: 1 });
    } finally {
      await store.close();
    }
  });
});

/** Numbers a trade file could hold: NaN, ±Infinity, 1e308, -0, subnormals, the edges of the ranges, and any double. */
const wildNumber: fc.Arbitrary<number> = fc.oneof(
  fc.double(),
  fc.constantFrom(Number.NaN, Infinity, -Infinity, 0, -0, 1e308, -1e308, 5e-324, 1e6, 999999.99, -1e6, 1e12, 1e4, 1000, -1, 1, Number.MAX_SAFE_INTEGER),
);

/** Mostly the field's ordinary values (so that many rows are accepted and reach the engine), sometimes any number. */
const field = (min: number, max: number): fc.Arbitrary<number> =>
  fc.oneof({ weight: 12, arbitrary: fc.double({ min, max, noNaN: true }).map((value) => Math.round(value * 100) / 100) }, { weight: 1, arbitrary: wildNumber });

const NUMBER_FIELDS = ['strike', 'qty', 'entry_price', 'exit_price', 'fees', 'pnl', 'entry_score', 'exit_score', 'underlying_entry', 'underlying_exit', 'multiplier'] as const;
type NumberField = (typeof NUMBER_FIELDS)[number];
const ORDINARY: Readonly<Record<NumberField, readonly [number, number]>> = {
  strike: [590, 610],
  qty: [1, 10],
  entry_price: [0.01, 5],
  exit_price: [0, 8],
  fees: [0, 5],
  pnl: [-2000, 2000],
  entry_score: [0, 1],
  exit_score: [0, 1],
  underlying_entry: [590, 610],
  underlying_exit: [590, 610],
  multiplier: [10, 100],
};
/** Fields a trade may leave out (blank cell). */
const OPTIONAL: ReadonlySet<NumberField> = new Set(['pnl', 'entry_score', 'exit_score', 'underlying_entry', 'underlying_exit', 'multiplier']);

type CsvTrade = { readonly numbers: Record<NumberField, number | null>; readonly score: number; readonly weight: number; readonly minute: number };

const csvTrade: fc.Arbitrary<CsvTrade> = fc.record({
  numbers: fc.record(
    Object.fromEntries(
      NUMBER_FIELDS.map((name) => {
        const value = field(...ORDINARY[name]);
        return [name, OPTIONAL.has(name) ? fc.option(value, { nil: null, freq: 2 }) : value];
      }),
    ) as Record<NumberField, fc.Arbitrary<number | null>>,
  ),
  score: field(-1, 1),
  weight: field(0, 3),
  minute: fc.integer({ min: 0, max: 300 }),
});

const csvCell = (text: string): string => (/[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
const clock = (minute: number): string => `${String(9 + Math.floor((minute + 31) / 60)).padStart(2, '0')}:${String((minute + 31) % 60).padStart(2, '0')}`;

/** QThink's own CSV (the `trade.<field>` columns), every numeric field filled from the arbitrary. */
function journalCsv(trades: readonly CsvTrade[]): BundleFile {
  const columns = ['id', 'symbol', 'expiry', 'right', 'side', 'entry_time', 'exit_time', 'agents', ...NUMBER_FIELDS];
  const rows = trades.map((row, index) => {
    const agents = JSON.stringify([{ name: 'flow', phase: 'entry', polarity: 'bullish', score: row.score, weight: row.weight }]);
    const cells: Record<string, string> = {
      id: `C${index}`,
      symbol: 'SPY',
      expiry: '2025-06-11',
      right: index % 2 === 0 ? 'C' : 'P',
      side: index % 3 === 0 ? 'short' : 'long',
      entry_time: `2025-06-11T${clock(row.minute)}:00-04:00`,
      exit_time: `2025-06-11T${clock(row.minute + 20)}:00-04:00`,
      agents,
      ...Object.fromEntries(NUMBER_FIELDS.map((field) => [field, row.numbers[field] === null ? '' : String(row.numbers[field])])),
    };
    return columns.map((column) => csvCell(cells[column] ?? '')).join(',');
  });
  return { name: 'export.csv', text: [columns.map((column) => `trade.${column}`).join(','), ...rows].join('\n') + '\n' };
}

/** A tastytrade transactions CSV: quantity, average price, commissions, fees, multiplier and strike from the arbitrary. */
function tastytradeCsv(trades: readonly CsvTrade[]): BundleFile {
  const header =
    'Date,Type,Sub Type,Action,Symbol,Instrument Type,Description,Value,Quantity,Average Price,Commissions,Fees,Multiplier,Root Symbol,Underlying Symbol,Expiration Date,Strike Price,Call or Put,Order #,Currency';
  const rows = trades.flatMap((row, index) => {
    const n = row.numbers;
    const cell = (value: number | null): string => (value === null ? '' : csvCell(String(value)));
    const leg = (minute: number, action: string, price: number | null): string =>
      `2025-06-11T${clock(minute)}:00-0400,Trade,x,${action},SPY,Equity Option,x,,${cell(n.qty)},${cell(price)},${cell(n.fees)},${cell(n.pnl)},${cell(n.multiplier)},SPY,SPY,6/11/25,${cell(n.strike === null ? null : n.strike + index)},CALL,${index},USD`;
    // Newest first, as tastytrade writes it.
    return [leg(row.minute + 20, 'SELL_TO_CLOSE', n.exit_price), leg(row.minute, 'BUY_TO_OPEN', n.entry_price)];
  });
  return { name: 'tasty.csv', text: [header, ...rows].join('\n') + '\n' };
}

/** Every line of the file either is rejected with a reason, or its trade is staged and committed. */
async function assertCommittable(file: BundleFile): Promise<void> {
  const { dir, store } = await storeWithMarket();
  try {
    const bundle = importBundle([file]);
    for (const error of bundle.errors as RowError[]) {
      expect(error.file).toBe(file.name);
      expect(error.line).toBeGreaterThan(1);
      expect(error.reason).not.toBe('');
    }
    const staged = await store.stage(bundle);
    // The import bounds alone keep every result finite: the staging check never has to step in.
    expect(staged.entries.length).toBe(bundle.trades.length);
    const committed = await store.commit();
    expect(committed.added).toBe(bundle.trades.length);
    if (bundle.trades.length > 0) expect(syncLogIds(dir).sort()).toEqual(bundle.trades.map((record) => record.id).sort());
  } finally {
    await store.close();
  }
}

describe('a batch that import accepts can be committed', () => {
  it("any numbers in the numeric fields of QThink's trades CSV: each row is rejected with a reason or the staged batch commits", async () => {
    await fc.assert(fc.asyncProperty(fc.array(csvTrade, { minLength: 1, maxLength: 4 }), (trades) => assertCommittable(journalCsv(trades))), { numRuns: 100 });
  });

  it("any numbers in the numeric columns of a broker's trades CSV: each row is rejected with a reason or the staged batch commits", async () => {
    await fc.assert(fc.asyncProperty(fc.array(csvTrade, { minLength: 1, maxLength: 3 }), (trades) => assertCommittable(tastytradeCsv(trades))), { numRuns: 40 });
  });
});
