import { describe, expect, it } from 'vitest';
import type { WeightPoint } from '../../shared/ipc/schemas.ts';
import { agentRows, confusionNewestFirst, weightAxis, weightSeries } from './agents.ts';

const points: WeightPoint[] = [
  { agent: 'flowbot', trade_id: 'T1', time: '2025-03-10T10:00:00-04:00', weight_before: 1, weight_after: 1.1 },
  { agent: 'vwap_scout', trade_id: 'T1', time: '2025-03-10T10:00:00-04:00', weight_before: 1, weight_after: 0.9 },
  { agent: 'flowbot', trade_id: 'T2', time: '2025-03-10T11:00:00-04:00', weight_before: 1.1, weight_after: 1.2 },
  { agent: 'gamma_eye', trade_id: 'T3', time: '2025-03-10T12:00:00-04:00', weight_before: 1, weight_after: 0.8 },
];

describe('agents slice', () => {
  it('weights carry forward between an agent’s trades and start at its first weight', () => {
    const series = weightSeries(points);
    expect(series.agents).toEqual(['flowbot', 'gamma_eye', 'vwap_scout']);
    expect(series.steps.map((step) => step.trade_id)).toEqual([null, 'T1', 'T2', 'T3']);
    expect(series.steps[0]?.weights).toEqual({ flowbot: 1, vwap_scout: 1, gamma_eye: 1 });
    expect(series.steps[2]?.weights).toEqual({ flowbot: 1.2, vwap_scout: 0.9, gamma_eye: 1 });
    expect(series.steps[3]?.moved).toEqual(['gamma_eye']);
  });

  it('the current weights show the change since the agent’s start, highest first', () => {
    const rows = agentRows(
      [
        { agent: 'vwap_scout', weight: 0.9, trades: 1, alignment_rate: 0, conflict_rate: 1, outcome_rate: 0 },
        { agent: 'flowbot', weight: 1.2, trades: 2, alignment_rate: 1, conflict_rate: 0, outcome_rate: 1 },
        { agent: 'silent', weight: 1, trades: 0, alignment_rate: null, conflict_rate: null, outcome_rate: null },
      ],
      weightSeries(points),
    );
    expect(rows.map((row) => row.agent)).toEqual(['flowbot', 'silent', 'vwap_scout']);
    expect(rows[0]?.change).toBeCloseTo(0.2);
    expect(rows[1]?.change).toBeNull();
  });

  it('the chart range always includes the 1.0 reference line, on round ticks', () => {
    const axis = weightAxis(weightSeries(points));
    expect(axis.domain[0]).toBeLessThanOrEqual(0.8);
    expect(axis.domain[1]).toBeGreaterThanOrEqual(1.2);
    expect(axis.ticks).toContain(1);
    expect(axis.ticks.every((tick) => Math.abs(tick * 20 - Math.round(tick * 20)) < 1e-9)).toBe(true);
    const flat = weightAxis(weightSeries([]));
    expect(flat.domain[0]).toBeLessThan(1);
    expect(flat.domain[1]).toBeGreaterThan(1);
    expect(flat.ticks).toContain(1);
  });

  it('the confusion log reads newest first', () => {
    const contract = { symbol: 'SPY', expiry: '2025-03-10', right: 'C', strike: 572, side: 'long', direction: 'bullish' } as const;
    const rows = [
      { trade_id: 'a', time: null, mesh_alignment: 0.3, contract, entry_signals: 0, conflicting_agents: [], pnl: 1, final_label: null },
      { trade_id: 'b', time: null, mesh_alignment: 0.5, contract, entry_signals: 0, conflicting_agents: [], pnl: 2, final_label: null },
    ];
    expect(confusionNewestFirst(rows).map((row) => row.trade_id)).toEqual(['b', 'a']);
  });
});
