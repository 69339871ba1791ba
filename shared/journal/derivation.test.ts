import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REGRET_DIMENSIONS, SETUP_ARCHETYPES, TIME_BLOCKS, type JournalEntry } from '../domain/journal.ts';
import { tradeRecordSchema } from '../domain/trade.ts';
import { sortEntries } from '../engine/assessBatch.ts';
import { assessTrade } from '../engine/assessTrade.ts';
import { findMemoryTriggers } from '../engine/memoryTriggers.ts';
import { APPEND_ONLY_FILES, createDerivation, derivationStateText, parseDerivationState } from './derivation.ts';
import { deriveJournalFiles } from './index.ts';

const minute = (m: number): string => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const regret = fc.option(fc.integer({ min: 0, max: 100 }).map((value) => value / 100), { nil: null, freq: 5 });

/**
 * Entries with the fields the derived files and the trigger tests read drawn at random (archetype, time
 * block, regrets, pnl, agents), on top of what the engine assessed. `bias` skews one archetype and one
 * agent towards losses and one block towards high timing regret, so memory triggers do fire.
 */
const entryArbitrary = (id: string): fc.Arbitrary<JournalEntry> =>
  fc
    .record({
      day: fc.integer({ min: 10, max: 13 }),
      entry: fc.integer({ min: 9 * 60 + 30, max: 15 * 60 + 30 }),
      hold: fc.integer({ min: 1, max: 30 }),
      pnl: fc.integer({ min: -500, max: 500 }),
      archetype: fc.constantFrom(...SETUP_ARCHETYPES),
      block: fc.constantFrom(...TIME_BLOCKS),
      regrets: fc.tuple(regret, regret, regret, regret, regret, regret, regret),
      bias: fc.boolean(),
      agents: fc.array(
        fc.record({
          name: fc.constantFrom('alpha', 'beta', 'gamma', 'delta'),
          phase: fc.constantFrom('entry' as const, 'exit' as const),
          polarity: fc.constantFrom('bullish' as const, 'bearish' as const),
          score: fc.integer({ min: 1, max: 100 }).map((value) => value / 100),
          weight: fc.constant(1),
        }),
        { maxLength: 4 },
      ),
    })
    .map((t) => {
      const base = assessTrade(
        tradeRecordSchema.parse({
          id,
          symbol: 'SPY',
          expiry: `2025-06-${t.day}`,
          right: 'C',
          strike: 600,
          side: 'long',
          qty: 1,
          entry_time: `2025-06-${t.day}T${minute(t.entry)}:00-04:00`,
          exit_time: `2025-06-${t.day}T${minute(t.entry + t.hold)}:00-04:00`,
          entry_price: 1,
          exit_price: 1,
          pnl: t.bias ? -Math.abs(t.pnl) - 1 : t.pnl,
          agents: t.bias ? [{ name: 'alpha', phase: 'entry', polarity: 'bullish', score: 0.9, weight: 1 }, ...t.agents] : t.agents,
        }),
        { bars: null, context: null },
      );
      const regrets = Object.fromEntries(REGRET_DIMENSIONS.map((dimension, index) => [dimension, t.regrets[index] ?? null]));
      return {
        ...base,
        ...regrets,
        ...(t.bias ? { timing_regret: 0.9 + t.pnl / 10_000 } : {}),
        setup_archetype: t.bias ? 'pin_fade' : t.archetype,
        time_block: t.bias ? 'decay_close' : t.block,
      };
    });

const journalArbitrary = (max: number): fc.Arbitrary<JournalEntry[]> =>
  fc.integer({ min: 0, max }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, index) => entryArbitrary(`E${index}`)))).map((entries) => sortEntries(entries));

describe('derivation state', () => {
  it('a derivation continued from a saved state writes the same bytes as one pass over every entry', () => {
    fc.assert(
      fc.property(journalArbitrary(40), fc.array(fc.nat(), { maxLength: 4 }), (entries, cuts) => {
        const whole = deriveJournalFiles(entries);
        const points = [...new Set(cuts.map((cut) => cut % (entries.length + 1)))].sort((a, b) => a - b);
        const appended = new Map<string, string>(APPEND_ONLY_FILES.map((name) => [name, '']));
        let state = undefined as ReturnType<typeof parseDerivationState> | undefined;
        let start = 0;
        for (const end of [...points, entries.length]) {
          const derivation = createDerivation(state ?? undefined);
          for (const entry of entries.slice(start, end)) derivation.add(entry);
          for (const [name, text] of derivation.appended()) appended.set(name, (appended.get(name) ?? '') + text);
          // Every step goes through the saved text, as a commit does.
          state = parseDerivationState(JSON.parse(derivationStateText(derivation.snapshot())));
          expect(state).not.toBeNull();
          if (end === entries.length) for (const [name, text] of derivation.render()) expect(text, name).toBe(whole.get(name));
          start = end;
        }
        for (const [name, text] of appended) expect(text, name).toBe(whole.get(name as never));
        expect(state?.entries).toBe(entries.length);
        expect(state?.last).toEqual(entries.length === 0 ? null : { exit_time: entries[entries.length - 1]?.exit_time, id: entries[entries.length - 1]?.id });
      }),
      { numRuns: 60 },
    );
  });

  it('memory triggers updated incrementally, commit by commit through saved states, equal a full recomputation', () => {
    let fired = 0;
    fc.assert(
      fc.property(journalArbitrary(120), fc.array(fc.integer({ min: 1, max: 119 }), { maxLength: 4 }), (entries, cuts) => {
        const expected = findMemoryTriggers(entries);
        // Fold the journal in batches, each continuing from the previous batch's saved state read back from JSON.
        const bounds = [...new Set([0, ...cuts.filter((cut) => cut < entries.length), entries.length])].sort((a, b) => a - b);
        let saved: ReturnType<typeof parseDerivationState> = null;
        for (let k = 1; k < bounds.length; k += 1) {
          const derivation = createDerivation(saved ?? undefined);
          for (const entry of entries.slice(bounds[k - 1], bounds[k])) derivation.add(entry);
          saved = parseDerivationState(JSON.parse(derivationStateText(derivation.snapshot())));
        }
        const summary = JSON.parse(createDerivation(saved ?? undefined).render().get('qthink_journal_summary.json') ?? '{}') as { memory_triggers?: unknown };
        expect(summary.memory_triggers ?? []).toEqual(JSON.parse(JSON.stringify(expected)));
        if (expected.length > 0) fired += 1;
      }),
      { numRuns: 40 },
    );
    // The property means something only if some journals had patterns to find.
    expect(fired).toBeGreaterThan(0);
  });

  it('a saved state that is not one this code wrote is refused, so the journal derives from sync_log.jsonl', () => {
    const entries = sortEntries(fc.sample(entryArbitrary('S'), { numRuns: 6, seed: 3 }).map((entry, index) => ({ ...entry, id: `S${index}` })));
    const derivation = createDerivation();
    for (const entry of entries) derivation.add(entry);
    const good = JSON.parse(derivationStateText(derivation.snapshot())) as Record<string, unknown>;
    expect(parseDerivationState(good)).not.toBeNull();
    expect(parseDerivationState(null)).toBeNull();
    expect(parseDerivationState({ ...good, version: 2 })).toBeNull();
    expect(parseDerivationState({ ...good, version: 4 })).toBeNull();
    expect(parseDerivationState({ ...good, triggers: { ...(good['triggers'] as object), trades: entries.length - 1 } })).toBeNull();
    expect(parseDerivationState({ ...good, entries: entries.length + 1 })).toBeNull();
    const columns = good['columns'] as { pnl: number[] };
    expect(parseDerivationState({ ...good, columns: { ...columns, pnl: columns.pnl.slice(1) } })).toBeNull();
    expect(parseDerivationState({ ...good, last: null })).toBeNull();
  });
});
