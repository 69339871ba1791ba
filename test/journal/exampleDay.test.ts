import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { FINAL_LABELS, REGRET_DIMENSIONS, SETUP_ARCHETYPES } from '../../shared/domain/journal.ts';
import { assessBatch } from '../../shared/engine/assessBatch.ts';
import { UNSCORED_LABELS } from '../../shared/engine/finalLabel.ts';
import { MARKET_ZONE } from '../../shared/market/calendar.ts';
import { HIGH_REGRET, LOW_REGRET, missingRequirements } from '../../scripts/example/coverage.ts';
import { EXAMPLE_CONTEXT, EXAMPLE_SEED, barsCsv, generateBars, seededRandom } from '../../scripts/example/market.ts';
import { EXAMPLE_DIR, exampleBundle } from './helpers.ts';

describe('the bundled example day', () => {
  const entries = assessBatch(exampleBundle());

  it('has about fifteen trades with agents on one ordinary weekday', () => {
    expect(entries).toHaveLength(15);
    expect(new Set(entries.map((entry) => entry.entry_time.slice(0, 10)))).toEqual(new Set(['2025-06-11']));
    expect(entries.every((entry) => entry.agents.length > 0)).toBe(true);
  });

  it(`exercises every regret dimension: each scores high (≥ ${HIGH_REGRET}) on one trade and low (≤ ${LOW_REGRET}) on another`, () => {
    for (const dimension of REGRET_DIMENSIONS) {
      const scores = entries.map((entry) => entry[dimension]).filter((score): score is number => score !== null);
      expect(Math.max(...scores), `${dimension} high`).toBeGreaterThanOrEqual(HIGH_REGRET);
      expect(Math.min(...scores), `${dimension} low`).toBeLessThanOrEqual(LOW_REGRET);
    }
  });

  it('exercises every setup archetype and every final label a day with bars can give', () => {
    expect(new Set(entries.map((entry) => entry.setup_archetype))).toEqual(new Set(SETUP_ARCHETYPES));
    expect(new Set(entries.map((entry) => entry.final_label))).toEqual(new Set(FINAL_LABELS.filter((label) => !UNSCORED_LABELS.includes(label))));
    expect(missingRequirements(entries)).toEqual([]);
  });

  it('says plainly that its data is synthetic, in the README, the bars, the context and every trade', () => {
    expect(readFileSync(join(EXAMPLE_DIR, 'README.md'), 'utf8')).toMatch(/\*\*The data in this folder is SYNTHETIC\.\*\*/);
    expect(readFileSync(join(EXAMPLE_DIR, 'bars.csv'), 'utf8').split('\n')[0]).toMatch(/^# SYNTHETIC/);
    expect(readFileSync(join(EXAMPLE_DIR, 'context.json'), 'utf8')).toContain('SYNTHETIC');
    const trades = readFileSync(join(EXAMPLE_DIR, 'trades.jsonl'), 'utf8').trim().split('\n');
    expect(trades.every((line) => (JSON.parse(line) as { synthetic?: boolean }).synthetic === true)).toBe(true);
  });

  it('comes from a seeded generator: the same seed gives the same bars and context byte for byte', () => {
    const iso = (ms: number) => DateTime.fromMillis(ms, { zone: MARKET_ZONE }).toISO({ suppressMilliseconds: true }) ?? '';
    expect(barsCsv(generateBars(seededRandom(EXAMPLE_SEED)), iso)).toBe(readFileSync(join(EXAMPLE_DIR, 'bars.csv'), 'utf8'));
    expect(JSON.stringify([EXAMPLE_CONTEXT], null, 2) + '\n').toBe(readFileSync(join(EXAMPLE_DIR, 'context.json'), 'utf8'));
  });

  it('covers 04:00–19:59 ET with extended-hours rows', () => {
    const bars = exampleBundle().bars[0]?.bars ?? [];
    expect(bars).toHaveLength(960);
    expect(bars.filter((bar) => bar.extended).length).toBe(960 - 390);
  });
});
