import { describe, expect, it } from 'vitest';
import type { AgentSignal } from '../domain/trade.ts';
import { attributeAgents, MESH_CONFLICT_THRESHOLD, meshAlignment } from './attribution.ts';

const signal = (name: string, polarity: AgentSignal['polarity'], score = 1, weight = 1, phase: AgentSignal['phase'] = 'entry'): AgentSignal => ({ name, phase, polarity, score, weight });

describe('agent attribution (seed step 4)', () => {
  it('aligned means the polarity equals the trade direction; conflicted means opposite', () => {
    const result = attributeAgents([signal('bull', 'bullish'), signal('bear', 'bearish')], 'bullish', 100);
    expect(result.agents.map((agent) => [agent.name, agent.aligned, agent.conflicted])).toEqual([
      ['bull', true, false],
      ['bear', false, true],
    ]);
  });

  it('aligned_with_outcome: aligned with a winner, or conflicted with a loser', () => {
    const win = attributeAgents([signal('bull', 'bullish'), signal('bear', 'bearish')], 'bullish', 100).agents;
    expect(win.map((agent) => agent.aligned_with_outcome)).toEqual([true, false]);
    const loss = attributeAgents([signal('bull', 'bullish'), signal('bear', 'bearish')], 'bullish', -100).agents;
    expect(loss.map((agent) => agent.aligned_with_outcome)).toEqual([false, true]);
    const scratch = attributeAgents([signal('bull', 'bullish'), signal('bear', 'bearish')], 'bullish', 0).agents;
    expect(scratch.map((agent) => agent.aligned_with_outcome)).toEqual([false, false]);
  });

  it('mesh_alignment is the weight × |score| share of entry agents agreeing with the trade direction', () => {
    // agreeing 2·0.9 = 1.8; opposing 1·0.6 = 0.6 → 1.8 / 2.4 = 0.75; the exit signal is ignored.
    const agents = [signal('a', 'bullish', 0.9, 2), signal('b', 'bearish', -0.6, 1), signal('c', 'bearish', 5, 5, 'exit')];
    expect(meshAlignment(agents, 'bullish')).toBe(0.75);
    expect(meshAlignment(agents, 'bearish')).toBe(0.25);
  });

  it('mesh_alignment falls back to the plain weight share when every entry score is 0, and is null without entry agents', () => {
    expect(meshAlignment([signal('a', 'bullish', 0, 3), signal('b', 'bearish', 0, 1)], 'bullish')).toBe(0.75);
    expect(meshAlignment([], 'bullish')).toBeNull();
    expect(meshAlignment([signal('a', 'bullish', 1, 1, 'exit')], 'bullish')).toBeNull();
    expect(meshAlignment([signal('a', 'bullish', 1, 0)], 'bullish')).toBeNull();
    const none = attributeAgents([], 'bullish', 10);
    expect(none.mesh_alignment).toBeNull();
    expect(none.mesh_conflict).toBe(false);
    expect(none.explanation).toMatch(/no entry agents/);
  });

  it('mesh_conflict when alignment < 0.6; exactly 0.6 is not a conflict', () => {
    expect(MESH_CONFLICT_THRESHOLD).toBe(0.6);
    const exactly = attributeAgents([signal('a', 'bullish', 3), signal('b', 'bearish', 2)], 'bullish', 1);
    expect(exactly.mesh_alignment).toBe(0.6);
    expect(exactly.mesh_conflict).toBe(false);
    const below = attributeAgents([signal('a', 'bullish', 2.95), signal('b', 'bearish', 2.05)], 'bullish', 1);
    expect(below.mesh_alignment).toBeCloseTo(0.59, 10);
    expect(below.mesh_conflict).toBe(true);
    expect(below.conflicting_agents).toEqual(['b']);
  });

  it('agents_involved are sorted unique names; agent_weights is each agent’s Σ weight × score over its signals', () => {
    const result = attributeAgents(
      [signal('zeta', 'bullish', 0.5, 2), signal('alpha', 'bearish', 0.4, 1.5), signal('zeta', 'bullish', 0.25, 2, 'exit')],
      'bullish',
      10,
    );
    expect(result.agents_involved).toEqual(['alpha', 'zeta']);
    expect(result.agent_weights).toEqual({ alpha: 0.6, zeta: 1.5 });
    expect(Object.keys(result.agent_weights)).toEqual(['alpha', 'zeta']);
  });
});
