import { scoreProposal } from '../engine/scoreProposal.ts';
import { learnedStateOf } from '../journal/learnedState.ts';
import { proposalSchema } from '../domain/proposal.ts';
import { performanceOf } from '../journal/performance.ts';
import { describe, expect, it } from 'vitest';
import {
  CHANNELS,
  contract,
  isChannel,
  progressSchemaOf,
  resultSchema,
  type Channel,
  type ProgressChannel,
  type ProgressOf,
  type RequestOf,
  type ResponseOf,
} from './contract.ts';
import { damagedJournal, emptyBatch, sampleBars, sampleBatch, sampleEntry, sampleRepairOutcome } from './samples.ts';
import type { ImportOutcome, JournalSummary, MemoryTrigger } from './schemas.ts';
import { summaryOf } from './views.ts';

const outcome: ImportOutcome = {
  batch: sampleBatch(),
  report: { files: sampleBatch().files, errors: sampleBatch().errors, warnings: [], staged: 1, already_committed: 0 },
};
const PROPOSAL = proposalSchema.parse({ time: '2025-03-10T10:15:00-04:00', symbol: 'SPY', direction: 'bullish', agents: [{ name: 'flowbot', polarity: 'bullish', score: 0.8 }] });
const summary: JournalSummary = summaryOf([sampleEntry()], { flowbot: 1.05 }, []);
const trigger: MemoryTrigger = {
  kind: 'archetype_losses',
  subject: 'pin_fade',
  statement: 'pin_fade lost 5 of 6 trades',
  evidence: {
    measure: 'loss_rate',
    n: 6,
    wins: 1,
    losses: 5,
    mean: -42,
    baseline: 0.5,
    effect_size: 0.73,
    effect_measure: 'cohens_h',
    p_value: 0.03,
    test: 'exact binomial',
    minimum_sample: 5,
    trade_ids: ['T1'],
  },
};
const means = {
  entry_regret: 0.1,
  exit_regret: 0.2,
  timing_regret: null,
  decay_regret: 0.3,
  pin_regret: null,
  trap_entry_regret: 0,
  late_exit_regret: 0.5,
};

type Samples = {
  readonly [K in Channel]: {
    readonly valid: readonly RequestOf<K>[];
    readonly invalid: readonly unknown[];
    readonly response: ResponseOf<K>;
    readonly badResponse: unknown;
  };
};

// Typed per channel, so a new channel without samples fails to compile.
const samples: Samples = {
  'app.info': {
    valid: [{}],
    invalid: [null, { extra: 1 }],
    response: { version: '0.1.0', data_dir: '/tmp/q', mode: 'browser', native_dialogs: false, first_run: true, example_day: '2025-06-11' },
    badResponse: { version: '0.1.0', data_dir: '/tmp/q', mode: 'web', native_dialogs: false, first_run: true },
  },
  'import.files': {
    valid: [{ files: [{ name: 'day.jsonl', text: '{}' }] }, { files: [{ name: 'b.csv', text: '', kind: 'bars' }] }],
    invalid: [{ files: [] }, { files: [{ name: '', text: 'x' }] }, { files: [{ name: 'a', text: 1 }] }, { paths: ['/etc/passwd'] }],
    response: outcome,
    badResponse: { batch: emptyBatch() },
  },
  'import.pick': {
    valid: [{}],
    invalid: [{ path: '/x' }],
    response: { cancelled: true, outcome: null },
    badResponse: { cancelled: 'no' },
  },
  'import.manualTrade': {
    valid: [{ trade: sampleEntry().trade }],
    invalid: [{ trade: { ...sampleEntry().trade, right: 'X' } }, { trade: { id: 'x' } }, {}],
    response: outcome,
    badResponse: null,
  },
  'example.load': { valid: [{}], invalid: [[]], response: outcome, badResponse: {} },
  'staging.get': { valid: [{}], invalid: ['x'], response: sampleBatch(), badResponse: { entries: 'none' } },
  'staging.override': {
    valid: [{ id: 'T1', final_label: 'model_failure' }, { id: 'T1', setup_archetype: 'pin_fade', note: 'late' }],
    invalid: [{ id: 'T1' }, { id: 'T1', final_label: 'great' }, { final_label: 'good_trade' }, { id: '', note: 'x' }],
    response: sampleEntry(),
    badResponse: { ...sampleEntry(), entry_regret: 2 },
  },
  'staging.unstage': {
    valid: [{}, { ids: ['T1', 'T2'] }],
    invalid: [{ ids: 'T1' }, { ids: [''] }],
    response: emptyBatch(),
    badResponse: { ...emptyBatch(), updated_at: 5 },
  },
  'staging.regroup': {
    valid: [{ split: 'A + B' }, { group: ['A', 'B'] }],
    invalid: [{}, { group: ['A'] }, { split: '' }],
    response: emptyBatch(),
    badResponse: { ...emptyBatch(), entries: 'none' },
  },
  'staging.preview': {
    valid: [{}],
    invalid: [{ dry: true }],
    response: {
      total: 2,
      to_add: 1,
      to_skip: 1,
      overridden: 1,
      pnl_total: 12.5,
      by_label: { good_trade: 1 },
      by_archetype: { momentum_break: 1 },
      by_time_block: { early_open: 1 },
      files: ['sync_log.jsonl'],
    },
    badResponse: { total: -1 },
  },
  'staging.commit': {
    valid: [{}],
    invalid: [{ force: true }],
    response: { added: 1, skipped: 0, total: 1 },
    badResponse: { added: 1.5, skipped: 0, total: 1 },
  },
  'journal.list': {
    valid: [{}, { from: '2025-03-01', to: '2025-03-31', time_block: 'chop_mid', agent: 'flowbot', limit: 100 }],
    invalid: [{ from: '03/01/2025' }, { time_block: 'lunch' }, { limit: 0 }, { final_label: 'meh' }],
    response: { entries: [sampleEntry()], total: 1 },
    badResponse: { entries: [{ id: 'x' }], total: 1 },
  },
  'journal.summary': { valid: [{}], invalid: [7], response: summary, badResponse: { ...summary, totals: null } },
  'journal.calendar': {
    valid: [{}, { from: '2025-03-01' }],
    invalid: [{ to: 'tomorrow' }],
    response: { days: [{ date: '2025-03-10', trades: 3, wins: 2, losses: 1, pnl: 40, mean_regret: null }] },
    badResponse: { days: [{ date: '2025-3-10', trades: 3, wins: 2, losses: 1, pnl: 40, mean_regret: null }] },
  },
  'journal.triggers': {
    valid: [{}],
    invalid: [{ all: 1 }],
    response: {
      triggers: [trigger],
    },
    badResponse: { triggers: [{ ...trigger, kind: 'hunch' }] },
  },
  'journal.regret': {
    valid: [{}, { bucket: 'week' }],
    invalid: [{ bucket: 'year' }],
    response: {
      over_time: [{ period: '2025-03-10', trades: 2, means }],
      by_archetype: [{ setup_archetype: 'gamma_flip', trades: 2, means }],
    },
    badResponse: { over_time: [{ period: '2025-03-10', trades: 2, means: { wrong: 1 } }], by_archetype: [] },
  },
  'journal.heatmap': {
    valid: [{}],
    invalid: [{ from: 20250301 }],
    response: {
      block_by_dimension: [{ time_block: 'chop_mid', dimension: 'timing_regret', mean: 0.6, count: 4 }],
      time_by_weekday: [{ weekday: 1, slot: '10:30', trades: 2, pnl: -30, mean_regret: 0.4 }],
    },
    badResponse: { block_by_dimension: [], time_by_weekday: [{ weekday: 9, slot: '10:30', trades: 2, pnl: 0, mean_regret: 0 }] },
  },
  'journal.performance': {
    valid: [{}, { setup_archetype: 'pin_fade', time_block: 'no_time_of_day' }],
    invalid: [{ from: 20250301 }],
    response: performanceOf([sampleEntry()]),
    badResponse: { ...performanceOf([sampleEntry()]), overall: { trades: -1 } },
  },
  'score.proposal': {
    valid: [PROPOSAL],
    invalid: [{}, { ...PROPOSAL, time: '10:00' }, { ...PROPOSAL, agents: [{ name: 'a', polarity: 'up', score: 1 }] }],
    response: scoreProposal(PROPOSAL, learnedStateOf([sampleEntry()])),
    badResponse: { ...scoreProposal(PROPOSAL, learnedStateOf([sampleEntry()])), verdict: 'maybe' },
  },
  'journal.health': {
    valid: [{}],
    invalid: [{ recheck: true }],
    response: damagedJournal(),
    badResponse: { status: 'broken', problem: null, notices: [] },
  },
  'journal.repair': {
    valid: [{}],
    invalid: [{ data_dir: '/elsewhere' }],
    response: sampleRepairOutcome(),
    badResponse: { ...sampleRepairOutcome(), moved: [{ line: 0, reason: 'x' }] },
  },
  'agents.weights': {
    valid: [{}],
    invalid: [{ agent: 1 }],
    response: {
      agents: [{ agent: 'flowbot', weight: 1.08, trades: 5, alignment_rate: 0.8, conflict_rate: 0.2, outcome_rate: 0.6 }],
    },
    badResponse: { agents: [{ agent: 'flowbot' }] },
  },
  'agents.history': {
    valid: [{}, { agent: 'flowbot' }],
    invalid: [{ agent: '' }],
    response: {
      points: [{ agent: 'flowbot', trade_id: 'T1', time: '2025-03-10T10:42:00-04:00', weight_before: 1, weight_after: 1.1 }],
    },
    badResponse: { points: [{ agent: 'flowbot' }] },
  },
  'agents.confusion': {
    valid: [{}],
    invalid: [{ from: 'x' }],
    response: {
      rows: [
        {
          trade_id: 'T2',
          time: '2025-03-10T11:02:00-04:00',
          mesh_alignment: 0.4,
          contract: { symbol: 'SPY', expiry: '2025-03-10', right: 'C', strike: 572, side: 'long', direction: 'bullish' },
          entry_signals: 2,
          conflicting_agents: [{ name: 'vwap_scout', phase: 'entry', polarity: 'bearish', score: 0.7, weight: 1 }],
          pnl: -80,
          final_label: 'conflict_failure',
        },
      ],
    },
    badResponse: { rows: [{ trade_id: 'T2' }] },
  },
  'market.bars': {
    valid: [{ symbol: 'SPY', date: '2025-03-10' }],
    invalid: [{ symbol: 'SPY' }, { symbol: '', date: '2025-03-10' }],
    response: { symbol: 'SPY', date: '2025-03-10', bars: sampleBars(1_741_615_200_000, 3) },
    badResponse: { symbol: 'SPY', date: '2025-03-10', bars: [{ time: 1, open: -1 }] },
  },
  'export.create': {
    valid: [{ format: 'csv' }, { format: 'html', filter: { setup_archetype: 'pin_fade' } }],
    invalid: [{ format: 'pdf' }, {}],
    response: { filename: 'qthink-journal.csv', content: 'id\n', mime: 'text/csv' },
    badResponse: { filename: 'x' },
  },
  'export.save': {
    valid: [{ format: 'md' }],
    invalid: [{ format: 'docx' }],
    response: { saved: false, path: null },
    badResponse: { saved: true },
  },
  'settings.get': {
    valid: [{}],
    invalid: [{ key: 'theme' }],
    response: { theme: 'dark', data_dir: '/home/t/.qthink', recent_files: [] },
    badResponse: { theme: 'blue', data_dir: '/x', recent_files: [] },
  },
  'settings.set': {
    valid: [{ theme: 'light' }, { data_dir: '/tmp/journal' }, {}],
    invalid: [{ theme: 'neon' }, { token: 'x' }, { data_dir: '' }],
    response: { theme: 'light', data_dir: '/tmp/journal', recent_files: ['day.jsonl'] },
    badResponse: { theme: 'light' },
  },
};

const progressSamples: { readonly [K in ProgressChannel]: ProgressOf<K> } = {
  'import.files': { phase: 'parsing', done: 1, total: 3, message: 'Reading fills.csv' },
  'import.pick': { phase: 'done', done: 3, total: 3, message: 'Done' },
  'example.load': { phase: 'scoring', done: 4, total: 15, message: 'Scoring trades' },
  'staging.commit': { phase: 'writing', done: 1, total: 2, message: 'Writing the journal' },
};

describe('the IPC contract', () => {
  for (const name of CHANNELS) {
    const sample = samples[name];
    const definition = contract[name];
    it(`${name}: its request schema parses every valid sample`, () => {
      for (const request of sample.valid) expect(definition.request.safeParse(request).success).toBe(true);
    });
    it(`${name}: its request schema rejects every invalid sample`, () => {
      for (const request of sample.invalid) expect(definition.request.safeParse(request).success).toBe(false);
    });
    it(`${name}: its response schema parses a valid response and rejects a bad one`, () => {
      expect(definition.response.safeParse(sample.response).success).toBe(true);
      expect(definition.response.safeParse(sample.badResponse).success).toBe(false);
    });
    it(`${name}: the envelope carries a value or a typed error`, () => {
      const schema = resultSchema(name);
      expect(schema.safeParse({ ok: true, value: sample.response }).success).toBe(true);
      expect(schema.safeParse({ ok: false, error: { kind: 'not_found', message: 'No such trade' } }).success).toBe(true);
      expect(schema.safeParse({ ok: false, error: { kind: 'oops', message: 'x' } }).success).toBe(false);
    });
  }

  it('progress channels parse their events and reject malformed ones', () => {
    for (const [name, event] of Object.entries(progressSamples)) {
      const schema = isChannel(name) ? progressSchemaOf(name) : null;
      expect(schema?.safeParse(event).success).toBe(true);
      expect(schema?.safeParse({ ...event, done: -1 }).success).toBe(false);
    }
    expect(progressSchemaOf('staging.get')).toBeNull();
  });

  it('isChannel accepts exactly the contract channels', () => {
    for (const name of CHANNELS) expect(isChannel(name)).toBe(true);
    for (const name of ['toString', '__proto__', 'constructor', 'fs.read', '', 42, null]) expect(isChannel(name)).toBe(false);
  });
});
