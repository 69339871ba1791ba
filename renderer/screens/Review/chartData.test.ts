import { describe, expect, it } from 'vitest';
import { sampleBars, sampleEntry } from '../../../shared/ipc/samples.ts';
import { buildChartModel, CHART_PAD_MIN } from './chartData.ts';

const entry = sampleEntry(); // 10:05 → 10:42 ET on 2025-03-10 (EDT, −04:00)
const dayBars = sampleBars(Date.parse('2025-03-10T12:00:00Z'), 480, 571.5, 0.002);

describe('review chart', () => {
  it('shows 45 minutes either side of the trade, with entry and exit marked', () => {
    const model = buildChartModel(entry, dayBars);
    expect(model).not.toBeNull();
    const entryMs = Date.parse('2025-03-10T10:05:00-04:00');
    const exitMs = Date.parse('2025-03-10T10:42:00-04:00');
    expect(model?.entryMs).toBe(entryMs);
    expect(model?.points[0]?.t).toBe(entryMs - CHART_PAD_MIN * 60_000);
    expect(model?.points.at(-1)?.t).toBe(exitMs + CHART_PAD_MIN * 60_000);
    expect(model?.entryPrice).not.toBeNull();
  });

  it('draws the levels the scores used; one far from the tape is listed but kept off the axis', () => {
    const far = sampleEntry({ levels: { ...entry.levels, vwap_at_entry: 571.6, max_pain: 540, trap_level: 572 } });
    const model = buildChartModel(far, dayBars);
    expect(model?.levels.map((l) => [l.key, l.offChart])).toEqual([
      ['vwap', false],
      ['max_pain', true],
      ['trap', false],
    ]);
    expect(model?.domain[0]).toBeGreaterThan(560);
    expect(model?.domain[1]).toBeGreaterThanOrEqual(572);
    expect(model?.ticks[0]).toBe(model?.domain[0]);
    const steps = (model?.ticks ?? []).slice(1).map((tick, i) => Math.round((tick - (model?.ticks[i] ?? 0)) * 100) / 100);
    expect(new Set(steps).size).toBe(1);
    expect(steps.length).toBeLessThanOrEqual(6);
  });

  it('no bars in the window, or no time of day, gives no chart', () => {
    expect(buildChartModel(entry, [])).toBeNull();
    expect(buildChartModel(sampleEntry({ entry_time: '2025-03-10', exit_time: '2025-03-10' }), dayBars)).toBeNull();
  });
});
