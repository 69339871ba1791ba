import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REGRET_DIMENSIONS } from '../../shared/domain/journal.ts';
import { SEED_FIELDS } from '../../shared/journal/format.ts';
import { MESH_LOGGER_FIELDS } from '../../shared/journal/meshLogger.ts';
import { openJournal } from '../../electron/journal/index.ts';
import { exampleBundle, removeTempDirs, tempDir } from './helpers.ts';

let dir = '';
let overriddenId = '';

beforeAll(async () => {
  dir = tempDir();
  const store = await openJournal(dir);
  const staged = await store.stage(exampleBundle());
  overriddenId = staged.entries[2]?.id ?? '';
  await store.override(overriddenId, { setup_archetype: 'unclassified', final_label: 'conflict_failure' });
  await store.commit();
  await store.close();
});
afterAll(removeTempDirs);

function lines(name: string): Record<string, unknown>[] {
  return readFileSync(join(dir, name), 'utf8')
    .trim()
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('exact field names of the journal files', () => {
  it('each sync_log.jsonl line has id, every field of the seed schema with its name, and the engine extras', () => {
    const entries = lines('sync_log.jsonl');
    expect(entries).toHaveLength(15);
    for (const entry of entries) {
      expect(Object.keys(entry)[0]).toBe('id');
      for (const field of SEED_FIELDS) expect(entry, field).toHaveProperty(field);
      for (const field of ['flags', 'penalty_factor', 'mesh_alignment', 'explanations', 'label_source']) expect(entry, field).toHaveProperty(field);
      expect(Object.keys(entry['explanations'] as object).sort()).toEqual([...REGRET_DIMENSIONS, 'final_label', 'pnl_attribution'].sort());
      expect(Array.isArray(entry['flags'])).toBe(true);
      expect(typeof entry['penalty_factor']).toBe('number');
      expect(['engine', 'manual']).toContain(entry['label_source']);
    }
    const overridden = entries.find((entry) => entry['id'] === overriddenId);
    expect(overridden?.['label_source']).toBe('manual');
    expect(Object.keys(overridden?.['engine_proposal'] as object)).toEqual(['setup_archetype', 'final_label']);
    expect(entries.filter((entry) => entry['label_source'] === 'engine').every((entry) => !('engine_proposal' in entry))).toBe(true);
  });

  it('each mesh_logger.jsonl line has exactly trade_id, agent, phase, polarity, score, aligned, conflicted, weight_before, weight_after', () => {
    const log = lines('mesh_logger.jsonl');
    expect(log.length).toBeGreaterThan(0);
    for (const line of log) expect(Object.keys(line)).toEqual([...MESH_LOGGER_FIELDS]);
    expect(MESH_LOGGER_FIELDS).toEqual(['trade_id', 'agent', 'phase', 'polarity', 'score', 'aligned', 'conflicted', 'weight_before', 'weight_after']);
  });

  it('each mesh_confusion_log.jsonl line has the trade id and the conflicting agents with polarity, score and weight', () => {
    const confusion = lines('mesh_confusion_log.jsonl');
    const conflicted = lines('sync_log.jsonl').filter((entry) => entry['mesh_conflict'] === true);
    expect(confusion.map((line) => line['trade_id'])).toEqual(conflicted.map((entry) => entry['id']));
    expect(confusion.length).toBeGreaterThan(0);
    for (const line of confusion) {
      expect(Object.keys(line)).toEqual(['trade_id', 'timestamp', 'pnl', 'mesh_alignment', 'conflicting_agents', 'final_label']);
      const agents = line['conflicting_agents'] as Record<string, unknown>[];
      expect(agents.length).toBeGreaterThan(0);
      for (const agent of agents) expect(Object.keys(agent)).toEqual(['name', 'phase', 'polarity', 'score', 'weight']);
    }
  });

  it('mesh_config.json states each agent reinforcement_weight and the engine settings in force', () => {
    const config = JSON.parse(readFileSync(join(dir, 'mesh_config.json'), 'utf8')) as {
      agents: Record<string, { reinforcement_weight: number }>;
      settings: Record<string, Record<string, unknown>>;
    };
    expect(Object.keys(config.agents).sort()).toEqual(['flow_tracker', 'gex_scout', 'momentum_bot', 'vwap_reverter']);
    expect(config.settings['attribution']?.['MESH_CONFLICT_THRESHOLD']).toBe(0.6);
    expect(config.settings['penalties']).toMatchObject({ REGRET_SUM_PENALTY: 10, EXIT_LATE_EXIT_PENALTY: 15, CONFLICT_FAILURE_PENALTY: 20 });
    expect(config.settings['final_label']?.['MODEL_FAILURE_THRESHOLD']).toBe(2);
    expect(config.settings['reinforcement']).toMatchObject({ MAX_RAISE_FACTOR: 1.2, MAX_LOWER_FACTOR: 0.7 });
  });

  it('every derived file ends with a newline, and the markdown files say where they come from', () => {
    for (const name of ['qthink_journal_summary.json', 'journal/trade_clusters.json', 'mesh_config.json', 'reinforcement_profile.json', 'signal_scoring_logic.md', 'memory/patterns.md']) {
      expect(readFileSync(join(dir, name), 'utf8').endsWith('\n'), name).toBe(true);
    }
    expect(readFileSync(join(dir, 'signal_scoring_logic.md'), 'utf8')).toMatch(/rebuilt from `sync_log.jsonl`/);
    expect(readFileSync(join(dir, 'memory/patterns.md'), 'utf8')).toMatch(/^# QThink memory: patterns/);
  });
});
