import { describe, expect, it } from 'vitest';
import { sampleEntry } from './samples.ts';
import { buildCommitPreview, buildConfusion, entrySlot, filterEntries, periodOf, statsOf, tradingDay } from './views.ts';

describe('journal views for the screens', () => {
  it('the trading day is the exit day in New York, whatever the offset written', () => {
    expect(tradingDay(sampleEntry({ exit_time: '2025-03-11T01:30:00Z' }))).toBe('2025-03-10');
    expect(tradingDay(sampleEntry({ exit_time: '2025-03-10' }))).toBe('2025-03-10');
  });

  it('weeks start on Monday; months are YYYY-MM', () => {
    expect(periodOf('2025-03-09', 'week')).toBe('2025-03-03');
    expect(periodOf('2025-03-10', 'week')).toBe('2025-03-10');
    expect(periodOf('2025-03-16', 'week')).toBe('2025-03-10');
    expect(periodOf('2025-03-16', 'month')).toBe('2025-03');
  });

  it('entry slots are 30 minutes in New York time; a date-only trade has none', () => {
    expect(entrySlot(sampleEntry({ entry_time: '2025-03-10T14:05:00Z' }))).toEqual({ weekday: 1, slot: '10:00' });
    expect(entrySlot(sampleEntry({ entry_time: '2025-03-10' }))).toBeNull();
  });

  it('mean regret pools every non-null score, never counting a missing one as 0', () => {
    const stats = statsOf([sampleEntry(), sampleEntry({ id: 'T2', pnl: -10 })]);
    expect(stats).toMatchObject({ trades: 2, wins: 1, losses: 1 });
    expect(stats.mean_regret).toBeCloseTo((0.18 + 0.35 + 0.2 + 0.12 + 0.05 + 0.1) / 6, 10);
  });

  it('a dates-only entry has no time block: the filter no_time_of_day finds it, a block filter does not', () => {
    const entries = [sampleEntry(), sampleEntry({ id: 'T2', time_block: null, entry_time: '2025-03-10', exit_time: '2025-03-10' })];
    expect(filterEntries(entries, { time_block: 'no_time_of_day' }).map((entry) => entry.id)).toEqual(['T2']);
    expect(filterEntries(entries, { time_block: entries[0]?.time_block ?? 'early_open' }).map((entry) => entry.id)).toEqual(['T1']);
  });

  it('filters by date range, block, archetype, label and agent', () => {
    const entries = [sampleEntry(), sampleEntry({ id: 'T2', time_block: 'chop_mid', agents_involved: ['other'], exit_time: '2025-03-12T11:00:00-04:00' })];
    expect(filterEntries(entries, { agent: 'other' }).map((entry) => entry.id)).toEqual(['T2']);
    expect(filterEntries(entries, { to: '2025-03-11' }).map((entry) => entry.id)).toEqual(['T1']);
    expect(filterEntries(entries, { time_block: 'early_open', setup_archetype: 'momentum_break', final_label: 'good_trade' })).toHaveLength(1);
  });

  it('the commit preview counts what will be added and skips what is already committed', () => {
    const preview = buildCommitPreview([sampleEntry(), sampleEntry({ id: 'T2', label_source: 'manual' })], new Set(['T1']));
    expect(preview).toMatchObject({ total: 2, to_add: 1, to_skip: 1, overridden: 1, by_label: { good_trade: 1 } });
  });

  it('the confusion view lists only trades under mesh conflict, with the conflicting agents', () => {
    const conflicted = sampleEntry({
      id: 'C',
      mesh_conflict: true,
      agents: [{ ...sampleEntry().agents[0]!, name: 'bear', polarity: 'bearish', conflicted: true, aligned: false }],
    });
    expect(buildConfusion([sampleEntry(), conflicted])).toEqual([
      expect.objectContaining({
        trade_id: 'C',
        contract: { symbol: 'SPY', expiry: '2025-03-10', right: 'C', strike: 572, side: 'long', direction: 'bullish' },
        conflicting_agents: [{ name: 'bear', phase: 'entry', polarity: 'bearish', score: 0.8, weight: 0.9 }],
      }),
    ]);
  });

  it('the confusion view keeps each conflicting signal with its phase, so exit turns are not blamed for the entry conflict', () => {
    const signal = sampleEntry().agents[0]!;
    const against = { ...signal, polarity: 'bearish' as const, aligned: false, conflicted: true, aligned_with_outcome: false };
    const entry = sampleEntry({
      id: 'M',
      mesh_conflict: true,
      mesh_alignment: 0.44,
      agents: [
        { ...signal, name: 'a' },
        { ...signal, name: 'b' },
        { ...against, name: 'c', score: 0.7 },
        { ...against, name: 'd', score: 0.6 },
        { ...against, name: 'a', phase: 'exit', score: 0.5 },
        { ...against, name: 'b', phase: 'exit', score: 0.4, weight: 1.2 },
      ],
    });
    const [row] = buildConfusion([entry]);
    expect(row?.entry_signals).toBe(4);
    expect(row?.conflicting_agents.filter((agent) => agent.phase === 'entry').map((agent) => agent.name)).toEqual(['c', 'd']);
    expect(row?.conflicting_agents.filter((agent) => agent.phase === 'exit')).toEqual([
      { name: 'a', phase: 'exit', polarity: 'bearish', score: 0.5, weight: 0.9 },
      { name: 'b', phase: 'exit', polarity: 'bearish', score: 0.4, weight: 1.2 },
    ]);
  });
});
