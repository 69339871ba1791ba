import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FINAL_LABELS, REGRET_DIMENSIONS, SETUP_ARCHETYPES, TIME_BLOCKS } from '../shared/domain/journal.ts';
import { humanize } from './format.ts';
import {
  archetypeLabel,
  dimensionLabel,
  evidenceLine,
  finalLabelName,
  flagInfo,
  flagLabel,
  humanizeText,
  measureLabel,
  regretLabel,
  timeBlockLabel,
  triggerKindLabel,
} from './labels.ts';

describe('display names for the engine internal names', () => {
  it('archetype and final-label names are the humanized names the filters and the flow test read back', () => {
    for (const archetype of SETUP_ARCHETYPES) expect(archetypeLabel(archetype)).toBe(humanize(archetype));
    for (const label of FINAL_LABELS) expect(finalLabelName(label)).toBe(humanize(label));
  });

  it('every time block and regret dimension has a name without underscores', () => {
    for (const block of TIME_BLOCKS) {
      expect(timeBlockLabel(block)).not.toContain('_');
      expect(timeBlockLabel(block, { short: true })).not.toContain('_');
    }
    for (const dimension of REGRET_DIMENSIONS) expect(regretLabel(dimension)).toMatch(/^[A-Z][a-z ]+ regret$/);
    expect(timeBlockLabel('setup_mid')).toBe('Afternoon setup');
    expect(dimensionLabel('trap_entry_regret')).toBe('Trap entry');
    expect(regretLabel('late_exit_regret')).toBe('Late exit regret');
    expect(measureLabel('pin_regret')).toBe('Pin regret');
    expect(measureLabel('loss_rate')).toBe('Loss rate');
    expect(triggerKindLabel('agent_alpha')).toBe('Agent edge');
  });

  it('flags read as words, in both the plain and the kind:detail form', () => {
    expect(flagLabel('mesh_conflict')).toBe('Mesh conflict');
    expect(flagLabel('high_regret:exit_regret')).toBe('High exit regret');
    expect(flagLabel('missing_regret:pin_regret')).toBe('Pin regret not scored');
    expect(flagLabel('penalty:regret_sum')).toBe('Penalty: regret sum');
    expect(flagLabel('no_entry_agents')).toBe('No entry agents');
    expect(flagLabel('no_time_of_day')).toBe('No time of day');
    expect(flagInfo('penalty:regret_sum').description).toContain('2.5');
    expect(flagInfo('high_regret:exit_regret')).toMatchObject({ raw: 'high_regret:exit_regret', tone: 'warn' });
  });

  it('a flag the engine adds later still reads as "Kind: detail"', () => {
    expect(flagLabel('stale_quote:gamma_flip')).toBe('Stale quote: gamma flip');
    expect(flagLabel('new_flag')).toBe('New flag');
  });

  it('no flag label shows an underscore or the raw kind:detail form', () => {
    const name = fc.stringMatching(/^[a-z]{1,8}(_[a-z]{1,8}){0,2}$/);
    fc.assert(
      fc.property(name, fc.option(name, { nil: undefined }), (kind, detail) => {
        const label = flagLabel(detail === undefined ? kind : `${kind}:${detail}`);
        expect(label).not.toContain('_');
        expect(label.length).toBeGreaterThan(0);
      }),
    );
  });

  it('free engine text names archetypes, blocks and regrets in words and leaves agent names alone', () => {
    expect(humanizeText('pin_regret averages 0.61 for entries in setup_mid')).toBe('Pin regret averages 0.61 for entries in afternoon setup');
    expect(humanizeText('Agent vwap_reverter was aligned with 6 losing trades')).toBe('Agent vwap_reverter was aligned with 6 losing trades');
    expect(humanizeText('trap_entry_regret 0.30 > 0.2')).toBe('Trap entry regret 0.30 > 0.2');
  });

  it('archetype evidence: the verdict line in words, each criterion with met or not met', () => {
    expect(evidenceLine('fade_reversal: 1 of 3 criteria met')).toEqual({ raw: 'fade_reversal: 1 of 3 criteria met', text: 'Fade reversal: 1 of 3 criteria met', met: null });
    expect(evidenceLine('met: bearish entry against the rejected session high 602.53')).toMatchObject({ text: 'bearish entry against the rejected session high 602.53', met: true });
    expect(evidenceLine('not met: trap_entry_regret 0.30 > 0.2')).toMatchObject({ text: 'Trap entry regret 0.30 > 0.2', met: false });
    expect(evidenceLine('not gamma_flip: needs a gamma-flip cross')).toMatchObject({ text: 'Not gamma flip: needs a gamma-flip cross', met: false });
  });
});
