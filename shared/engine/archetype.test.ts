import { describe, expect, it } from 'vitest';
import { archetypeEvidenceSchema } from '../domain/journal.ts';
import { ARCHETYPE_ORDER, classifyArchetype } from './archetype.ts';
import type { ArchetypeInput } from './archetype.ts';
import type { TradeFeatures } from './types.ts';

const noFeatures: TradeFeatures = {
  underlyingAtEntry: 560,
  underlyingAtExit: 561,
  breakout: null,
  rejection: null,
  maxPainDistanceEm: 2,
  gexFlipDistanceEm: 2,
  crossedGexFlip: false,
  efficiencyRatio: 0.4,
  minutesToCloseAtEntry: 300,
};
const input = (features: Partial<TradeFeatures> = {}, rest: Partial<Omit<ArchetypeInput, 'features'>> = {}): ArchetypeInput => ({
  features: { ...noFeatures, ...features },
  levels: { max_pain: 565 },
  regimeTags: [],
  meshAlignment: 0.7,
  direction: 'bullish',
  trapEntryRegret: 0.1,
  ...rest,
});

describe('setup archetype (seed step 5)', () => {
  it('momentum_break: a breakout at entry without mesh conflict; confidence = criteria met / criteria', () => {
    const result = classifyArchetype(input({ breakout: { level: 559.5, kind: 'high', failed: false }, efficiencyRatio: 0.62 }));
    expect(result.setup_archetype).toBe('momentum_break');
    expect(result.confidence).toBe(1);
    expect(result.evidence).toContain('met: entry broke the session high 559.50');
    expect(result.evidence).toContain('met: efficiency ratio 0.62 ≥ 0.5');
    const failed = classifyArchetype(input({ breakout: { level: 559.5, kind: 'high', failed: true }, efficiencyRatio: 0.3 }));
    expect(failed.setup_archetype).toBe('momentum_break');
    expect(failed.confidence).toBe(0.5);
  });

  it('momentum_break needs agent alignment: a breakout into a conflicted mesh is not one', () => {
    const result = classifyArchetype(input({ breakout: { level: 559.5, kind: 'high', failed: false } }, { meshAlignment: 0.4 }));
    expect(result.setup_archetype).toBe('unclassified');
  });

  it('fade_reversal: entry against a rejected key level', () => {
    const result = classifyArchetype(input({ rejection: { level: 559.2, name: 'VWAP' }, efficiencyRatio: 0.2 }));
    expect(result.setup_archetype).toBe('fade_reversal');
    expect(result.confidence).toBe(1);
    expect(result.evidence).toContain('met: bullish entry against the rejected VWAP 559.20');
  });

  it('gamma_flip: a gamma-flip cross before entry, or a gex_flip regime tag with entry near the flip', () => {
    expect(classifyArchetype(input({ crossedGexFlip: true, gexFlipDistanceEm: 0.1 })).setup_archetype).toBe('gamma_flip');
    const tagged = classifyArchetype(input({ gexFlipDistanceEm: 0.3 }, { regimeTags: ['GEX flip'] }));
    expect(tagged.setup_archetype).toBe('gamma_flip');
    expect(tagged.confidence).toBe(0.75); // tag, near, aligned; no cross
    expect(tagged.evidence).toContain('met: gamma flip 0.30 EM away (≤ 0.5)');
    // A day-wide tag does not make a trade far from the flip a gamma-flip trade.
    expect(classifyArchetype(input({ gexFlipDistanceEm: 1.4 }, { regimeTags: ['gex_flip'] })).setup_archetype).toBe('unclassified');
  });

  it('trap_avoidance: fading a failed break of a session high/low with mesh alignment ≥ 0.8', () => {
    const bearish = input({ rejection: { level: 561.1, name: 'session high' } }, { direction: 'bearish', meshAlignment: 0.85, trapEntryRegret: 0.05 });
    const result = classifyArchetype(bearish);
    expect(result.setup_archetype).toBe('trap_avoidance');
    expect(result.confidence).toBe(1);
    // The same fade with a lukewarm mesh is a plain fade_reversal.
    expect(classifyArchetype({ ...bearish, meshAlignment: 0.7 }).setup_archetype).toBe('fade_reversal');
  });

  it('pin_fade: near max pain (≤ 0.5 EM), trading toward it, with confirmation', () => {
    const result = classifyArchetype(input({ maxPainDistanceEm: 0.3, minutesToCloseAtEntry: 90 }));
    expect(result.setup_archetype).toBe('pin_fade');
    expect(result.confidence).toBe(1);
    expect(result.evidence).toContain('met: bullish entry at 560.00 toward max pain 565.00');
    // Trading away from max pain is not a pin fade.
    expect(classifyArchetype(input({ maxPainDistanceEm: 0.3 }, { direction: 'bearish' })).setup_archetype).toBe('unclassified');
  });

  it('unclassified with confidence 0 and the reason each gate failed', () => {
    const result = classifyArchetype(input());
    expect(result.setup_archetype).toBe('unclassified');
    expect(result.confidence).toBe(0);
    expect(result.evidence).toHaveLength(ARCHETYPE_ORDER.length);
  });

  it('decision order: gamma_flip, trap_avoidance, pin_fade, momentum_break, fade_reversal', () => {
    expect(ARCHETYPE_ORDER).toEqual(['gamma_flip', 'trap_avoidance', 'pin_fade', 'momentum_break', 'fade_reversal']);
    const everything = input(
      { crossedGexFlip: true, breakout: { level: 559, kind: 'high', failed: false }, rejection: { level: 559, name: 'session low' }, maxPainDistanceEm: 0.2 },
      { meshAlignment: 0.9 },
    );
    expect(classifyArchetype(everything).setup_archetype).toBe('gamma_flip');
    expect(classifyArchetype({ ...everything, features: { ...everything.features, crossedGexFlip: false } }).setup_archetype).toBe('trap_avoidance');
  });

  it('the result always parses with the archetype evidence schema', () => {
    expect(() => archetypeEvidenceSchema.parse(classifyArchetype(input({ crossedGexFlip: true })))).not.toThrow();
  });
});
