import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
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

  it('mesh_alignment is the weight share of entry agents agreeing with the trade direction (SPEC step 4)', () => {
    // agreeing weight 2; opposing weight 1 → 2 / 3; the scores do not enter it and the exit signal is ignored.
    const agents = [signal('a', 'bullish', 0.2, 2), signal('b', 'bearish', -0.9, 1), signal('c', 'bearish', 5, 5, 'exit')];
    expect(meshAlignment(agents, 'bullish')).toBe(0.666666667);
    expect(meshAlignment(agents, 'bearish')).toBe(0.333333333);
  });

  it('mesh_alignment is null without entry agents or when every entry weight is 0 (no mesh, no conflict); a zero-weight agent does not count', () => {
    expect(meshAlignment([], 'bullish')).toBeNull();
    expect(meshAlignment([signal('a', 'bullish', 1, 1, 'exit')], 'bullish')).toBeNull();
    expect(meshAlignment([signal('a', 'bullish', 1, 0)], 'bullish')).toBeNull();
    expect(meshAlignment([signal('a', 'bullish', 1, 1), signal('b', 'bearish', 1, 0)], 'bullish')).toBe(1);
    const none = attributeAgents([], 'bullish', 10);
    expect(none.mesh_alignment).toBeNull();
    expect(none.mesh_conflict).toBe(false);
    expect(none.explanation).toMatch(/no entry agents/);
    const weightless = attributeAgents([signal('a', 'bearish', 1, 0)], 'bullish', -10);
    expect(weightless.mesh_conflict).toBe(false);
    expect(weightless.explanation).toMatch(/carry no weight/);
  });

  it('mesh_conflict when alignment < 0.6; exactly 0.6 is not a conflict', () => {
    expect(MESH_CONFLICT_THRESHOLD).toBe(0.6);
    const exactly = attributeAgents([signal('a', 'bullish', 1, 3), signal('b', 'bearish', 1, 2)], 'bullish', 1);
    expect(exactly.mesh_alignment).toBe(0.6);
    expect(exactly.mesh_conflict).toBe(false);
    const below = attributeAgents([signal('a', 'bullish', 1, 2.95), signal('b', 'bearish', 1, 2.05)], 'bullish', 1);
    expect(below.mesh_alignment).toBeCloseTo(0.59, 10);
    expect(below.mesh_conflict).toBe(true);
    expect(below.conflicting_agents).toEqual(['b']);
    expect(below.explanation).toBe('mesh alignment 0.59 (weight share of the 2 entry signal(s) agreeing with the bullish trade) < 0.6: mesh conflict');
  });

  it('property: mesh_conflict is exactly mesh_alignment < 0.6, for any agents', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ name: fc.constantFrom('a', 'b', 'c', 'unknown-agent'), phase: fc.constantFrom<'entry' | 'exit'>('entry', 'exit'), polarity: fc.constantFrom<'bullish' | 'bearish'>('bullish', 'bearish'), score: fc.double({ min: -2, max: 2, noNaN: true }), weight: fc.double({ min: 0, max: 3, noNaN: true }) }), { maxLength: 6 }),
        fc.constantFrom<'bullish' | 'bearish'>('bullish', 'bearish'),
        (agents, direction) => {
          const result = attributeAgents(agents, direction, 10);
          if (result.mesh_alignment === null) expect(result.mesh_conflict).toBe(false);
          else {
            expect(result.mesh_alignment).toBeGreaterThanOrEqual(0);
            expect(result.mesh_alignment).toBeLessThanOrEqual(1);
            expect(result.mesh_conflict).toBe(result.mesh_alignment < 0.6);
          }
        },
      ),
      { numRuns: 200 },
    );
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
