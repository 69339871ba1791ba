import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REGRET_DIMENSIONS } from '../../shared/domain/journal.ts';
import { sampleEntry } from '../../shared/ipc/samples.ts';
import { buildRegretBreakdown, regretMeans } from '../../shared/ipc/views.ts';
import { sampleJournal } from '../charts/sampleJournal.ts';
import { createFakeApi } from '../api/fake.ts';
import { AUTO_BUCKET_MAX_PERIODS, chartRows, emptyRegretState, rankDimensions, useRegretStore, visibleDimensions } from './regret.ts';

describe('regret slice', () => {
  it(`more than ${AUTO_BUCKET_MAX_PERIODS} trading days are drawn by week until the trader picks a bucket; a pick is kept`, async () => {
    const days = Array.from({ length: 200 }, (_, index) => new Date(Date.UTC(2024, 0, 2) + index * 86_400_000).toISOString().slice(0, 10));
    const committed = days.map((day, index) => sampleEntry({ id: `D${index}`, entry_time: `${day}T10:00:00-05:00`, exit_time: `${day}T10:30:00-05:00`, timestamp: `${day}T10:30:00-05:00` }));
    const api = createFakeApi({ committed });
    useRegretStore.setState(emptyRegretState());
    await useRegretStore.getState().load(api);
    expect(useRegretStore.getState().bucket).toBe('week');
    expect(useRegretStore.getState().breakdown.data?.over_time.length).toBeLessThanOrEqual(AUTO_BUCKET_MAX_PERIODS);
    useRegretStore.getState().setBucket('day');
    await useRegretStore.getState().load(api);
    expect(useRegretStore.getState().bucket).toBe('day');
    expect(useRegretStore.getState().breakdown.data?.over_time.length).toBe(200);
  });

  it('nulls are excluded from the means and the n says how many trades were scored', () => {
    const breakdown = buildRegretBreakdown(sampleJournal(), 'day');
    const pin = rankDimensions(breakdown).find((row) => row.dimension === 'pin_regret');
    // Only A3 has a pin_regret score; the other three are null and must not pull the mean toward 0.
    expect(pin).toEqual({ dimension: 'pin_regret', mean: 0.3, scored: 1, trades: 4 });
    expect(breakdown.over_time[0]?.counts?.pin_regret).toBe(0);
  });

  it('the costliest regret comes first and unscored dimensions go last', () => {
    const entries = [sampleEntry({ id: 'X', exit_regret: 0.9, pin_regret: null }), sampleEntry({ id: 'Y', exit_regret: 0.7, pin_regret: null })];
    const ranked = rankDimensions(buildRegretBreakdown(entries, 'day'));
    expect(ranked[0]?.dimension).toBe('exit_regret');
    expect(ranked[0]?.mean).toBeCloseTo(0.8);
    expect(ranked.at(-1)).toMatchObject({ dimension: 'pin_regret', mean: null, scored: 0 });
  });

  it('the ranked mean equals the mean over all scored trades whatever the period bucket', () => {
    const score = fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null });
    const entryArb = fc.record({
      day: fc.integer({ min: 3, max: 28 }),
      entry_regret: score,
      exit_regret: score,
      pin_regret: score,
    });
    fc.assert(
      fc.property(fc.array(entryArb, { minLength: 1, maxLength: 30 }), fc.constantFrom('day' as const, 'week' as const, 'month' as const), (rows, bucket) => {
        const entries = rows.map((row, index) => {
          const day = `2025-03-${String(row.day).padStart(2, '0')}`;
          return sampleEntry({
            id: `P${index}`,
            entry_time: `${day}T10:00:00-04:00`,
            exit_time: `${day}T10:30:00-04:00`,
            entry_regret: row.entry_regret,
            exit_regret: row.exit_regret,
            pin_regret: row.pin_regret,
          });
        });
        const overall = regretMeans(entries);
        for (const total of rankDimensions(buildRegretBreakdown(entries, bucket))) {
          const expected = overall[total.dimension];
          if (expected === null) expect(total.mean).toBeNull();
          else expect(total.mean).toBeCloseTo(expected, 9);
          expect(total.trades).toBe(entries.length);
        }
      }),
    );
  });

  it('chart rows keep a null mean as null so the line breaks instead of dropping to 0', () => {
    const rows = chartRows(buildRegretBreakdown(sampleJournal(), 'day'));
    expect(rows.map((row) => row.period)).toEqual(['2025-03-10', '2025-03-11']);
    expect(rows[0]?.means.pin_regret).toBeNull();
    expect(rows[1]?.counts.pin_regret).toBe(1);
  });

  it('toggling a dimension hides it from the chart and toggling again shows it', () => {
    useRegretStore.setState(emptyRegretState());
    useRegretStore.getState().toggleDimension('pin_regret');
    expect(visibleDimensions(useRegretStore.getState().hidden)).toEqual(REGRET_DIMENSIONS.filter((d) => d !== 'pin_regret'));
    useRegretStore.getState().toggleDimension('pin_regret');
    expect(useRegretStore.getState().hidden).toEqual([]);
  });
});
