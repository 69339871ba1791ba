import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '../domain/journal.ts';
import { tradeRecordSchema } from '../domain/trade.ts';
import { assessTrade } from '../engine/assessTrade.ts';
import { replayReinforcement } from '../engine/reinforcement.ts';
import { DERIVED_FILES, createJournalAccumulator, deriveJournalFiles, replayInJournalOrder } from './index.ts';
import { RawJson, jsonText } from './jsonText.ts';

const minute = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

const entryArbitrary = (id: string): fc.Arbitrary<JournalEntry> =>
  fc
    .record({
      day: fc.integer({ min: 10, max: 13 }),
      entry: fc.integer({ min: 9 * 60 + 30, max: 15 * 60 + 30 }),
      hold: fc.integer({ min: 1, max: 30 }),
      right: fc.constantFrom('C' as const, 'P' as const),
      side: fc.constantFrom('long' as const, 'short' as const),
      pnl: fc.integer({ min: -500, max: 500 }),
      agents: fc.array(
        fc.record({
          name: fc.constantFrom('alpha', 'beta', 'gamma'),
          phase: fc.constantFrom('entry' as const, 'exit' as const),
          polarity: fc.constantFrom('bullish' as const, 'bearish' as const),
          score: fc.integer({ min: 1, max: 100 }).map((value) => value / 100),
          weight: fc.constant(1),
        }),
        { maxLength: 4 },
      ),
    })
    .map((t) =>
      assessTrade(
        tradeRecordSchema.parse({
          id,
          symbol: 'SPY',
          expiry: `2025-06-${t.day}`,
          right: t.right,
          strike: 600,
          side: t.side,
          qty: 1,
          entry_time: `2025-06-${t.day}T${minute(t.entry)}:00-04:00`,
          exit_time: `2025-06-${t.day}T${minute(t.entry + t.hold)}:00-04:00`,
          entry_price: 1,
          exit_price: 1,
          pnl: t.pnl,
          agents: t.agents,
        }),
        { bars: null, context: null },
      ),
    );

const entriesArbitrary = fc.integer({ min: 0, max: 12 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, index) => entryArbitrary(`E${index}`))));

describe('derived journal files', () => {
  it('every derived file is built, ends with a newline (or is empty), and does not depend on the order entries come in', () => {
    fc.assert(
      fc.property(entriesArbitrary.chain((entries) => fc.tuple(fc.constant(entries), fc.shuffledSubarray(entries, { minLength: entries.length, maxLength: entries.length }))), ([entries, shuffled]) => {
        const files = deriveJournalFiles(entries);
        expect([...files.keys()]).toEqual([...DERIVED_FILES]);
        for (const [name, text] of files) expect(text === '' || text.endsWith('\n'), name).toBe(true);
        expect(deriveJournalFiles(shuffled)).toEqual(files);
      }),
      { numRuns: 60 },
    );
  });

  it('the streaming accumulator fed in journal order gives the same bytes as deriveJournalFiles', () => {
    fc.assert(
      fc.property(entriesArbitrary, (entries) => {
        const accumulator = createJournalAccumulator();
        const ordered = [...entries].sort((a, b) => Date.parse(a.exit_time) - Date.parse(b.exit_time) || (a.id < b.id ? -1 : 1));
        for (const entry of ordered) accumulator.add(entry);
        expect(accumulator.finish()).toEqual(deriveJournalFiles(entries));
      }),
      { numRuns: 40 },
    );
  });

  it('summary statistics: totals, wins, losses, pnl, win rate and regret means with the count of non-null scores', () => {
    fc.assert(
      fc.property(entriesArbitrary, (entries) => {
        const summary = JSON.parse(deriveJournalFiles(entries).get('qthink_journal_summary.json') ?? '{}') as {
          totals: { trades: number; wins: number; losses: number; pnl: number; win_rate: number | null; regret: Record<string, { n: number }> };
        };
        expect(summary.totals.trades).toBe(entries.length);
        expect(summary.totals.wins).toBe(entries.filter((entry) => entry.pnl > 0).length);
        expect(summary.totals.losses).toBe(entries.filter((entry) => entry.pnl < 0).length);
        expect(summary.totals.pnl).toBeCloseTo(entries.reduce((sum, entry) => sum + entry.pnl, 0), 6);
        expect(summary.totals.regret['timing_regret']?.n).toBe(entries.filter((entry) => entry.timing_regret !== null).length);
      }),
      { numRuns: 40 },
    );
  });

  it('builds the derived files of a large journal in one linear pass (10,000 trades well under a few seconds)', () => {
    const sample = fc.sample(entryArbitrary('X'), { numRuns: 50, seed: 7 });
    const entries = Array.from({ length: 10_000 }, (_, index) => ({ ...(sample[index % sample.length] as JournalEntry), id: `X${index}` }));
    const started = performance.now();
    const files = deriveJournalFiles(entries);
    expect(performance.now() - started).toBeLessThan(8000);
    expect((files.get('mesh_logger.jsonl') ?? '').length).toBeGreaterThan(0);
  });

  it('replays reinforcement exactly as the engine does (trade-exit order, then id)', () => {
    fc.assert(
      fc.property(entriesArbitrary, (entries) => {
        expect(replayInJournalOrder(entries)).toEqual(replayReinforcement(entries));
      }),
      { numRuns: 60 },
    );
  });

  it('jsonText indents like JSON.stringify(value, null, 2) and puts deeper values on one line', () => {
    const value = { a: [1, { b: 2 }], c: {}, d: [] as number[], e: { f: { g: [1, 2] } } };
    expect(jsonText(value)).toBe(JSON.stringify(value, null, 2) + '\n');
    expect(jsonText(value, 2)).toBe('{\n  "a": [\n    1,\n    {"b":2}\n  ],\n  "c": {},\n  "d": [],\n  "e": {\n    "f": {"g":[1,2]}\n  }\n}\n');
  });

  it('jsonText places text already written as JSON (RawJson) as it is, where the value would have been', () => {
    const points = [{ trade_id: 'a"b', timestamp: 't', weight: 1.25 }];
    const raw = points.map((point) => new RawJson(JSON.stringify(point)));
    expect(jsonText({ history: raw }, 2)).toBe(jsonText({ history: points }, 2));
    expect(jsonText({ history: raw })).toBe('{\n  "history": [\n    {"trade_id":"a\\"b","timestamp":"t","weight":1.25}\n  ]\n}\n');
  });
});
