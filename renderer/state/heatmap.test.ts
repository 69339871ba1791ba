import { describe, expect, it } from 'vitest';
import { sampleEntry } from '../../shared/ipc/samples.ts';
import { buildHeatmap } from '../../shared/ipc/views.ts';
import { sampleJournal } from '../charts/sampleJournal.ts';
import { regretFill, THIN_SAMPLE } from '../charts/heatFill.ts';
import { blockGrid, pnlFill, SESSION_SLOTS, slotGrid } from './heatmap.ts';

describe('heatmap slice', () => {
  it('the time-of-day grid covers 09:30–16:00 ET in 30-minute slots', () => {
    expect(SESSION_SLOTS).toHaveLength(13);
    expect(SESSION_SLOTS[0]).toBe('09:30');
    expect(SESSION_SLOTS.at(-1)).toBe('15:30');
  });

  it('an empty cell is empty, not zero', () => {
    const grid = slotGrid(buildHeatmap(sampleJournal()));
    expect(grid.cell(5, '12:00')).toBeNull();
    const blocks = blockGrid(buildHeatmap(sampleJournal()));
    expect(blocks.cell('early_open', 'pin_regret')).toEqual({ mean: null, count: 0 });
  });

  it('each slot cell names its best and worst trade for the tooltip', () => {
    const day = '2025-03-10';
    const entries = [
      sampleEntry({ id: 'W', pnl: -80, entry_time: `${day}T10:02:00-04:00` }),
      sampleEntry({ id: 'B', pnl: 140, entry_time: `${day}T10:20:00-04:00` }),
      sampleEntry({ id: 'M', pnl: 10, entry_time: `${day}T10:29:00-04:00` }),
    ];
    const cell = slotGrid(buildHeatmap(entries)).cell(1, '10:00');
    expect(cell).toMatchObject({ trades: 3, pnl: 70, best: { trade_id: 'B', pnl: 140 }, worst: { trade_id: 'W', pnl: -80 } });
  });

  it('trades entered outside the regular session are counted, not drawn', () => {
    const entries = [sampleEntry({ id: 'PRE', entry_time: '2025-03-10T08:15:00-04:00' }), sampleEntry({ id: 'IN' })];
    const grid = slotGrid(buildHeatmap(entries));
    expect(grid.outside).toBe(1);
    expect(grid.trades).toBe(1);
  });

  it('outside_session is a row only when it holds scores', () => {
    expect(blockGrid(buildHeatmap(sampleJournal())).blocks).not.toContain('outside_session');
    const late = sampleEntry({ id: 'L', time_block: 'outside_session' });
    expect(blockGrid(buildHeatmap([late])).blocks).toContain('outside_session');
  });

  it('PnL colours diverge: green for profit, red for loss, neutral for zero', () => {
    expect(pnlFill(50, 100)).toContain('--good');
    expect(pnlFill(-50, 100)).toContain('--bad');
    expect(pnlFill(0, 100)).toBe('var(--panel-hover)');
    const strong = Number(/(\d+)%/.exec(pnlFill(100, 100))?.[1]);
    const weak = Number(/(\d+)%/.exec(pnlFill(10, 100))?.[1]);
    expect(strong).toBeGreaterThan(weak);
  });

  it('a mean over fewer than THIN_SAMPLE trades is drawn paler than a well-sampled one, and null has no fill', () => {
    const strength = (fill: string | undefined) => Number(/(\d+)%/.exec(fill ?? '')?.[1]);
    expect(strength(regretFill(0.7, THIN_SAMPLE - 1))).toBeLessThan(strength(regretFill(0.7, THIN_SAMPLE)));
    expect(regretFill(null, 10)).toBeUndefined();
  });
});
