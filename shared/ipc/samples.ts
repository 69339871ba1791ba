import type { JournalEntry } from '../domain/journal.ts';
import type { Bar } from '../domain/market.ts';
import type { JournalHealth, RepairOutcome, StagedBatch } from './schemas.ts';

/**
 * Small valid values of the contract's types, for tests and the renderer's fake api. They are plausible
 * numbers for one SPY 0DTE call, not engine output.
 */
/** The contract, times and prices every sample trade shares: a long SPY 0DTE call on 2025-03-10. */
export function sampleTradeFields(id = 'T1') {
  return {
    id,
    symbol: 'SPY',
    expiry: '2025-03-10',
    right: 'C',
    strike: 572,
    side: 'long',
    qty: 2,
    entry_time: '2025-03-10T10:05:00-04:00',
    exit_time: '2025-03-10T10:42:00-04:00',
    entry_price: 1.25,
    exit_price: 1.85,
    fees: 1.3,
  } as const;
}

export function sampleEntry(overrides: Partial<JournalEntry> = {}): JournalEntry {
  const id = overrides.id ?? 'T1';
  return {
    id,
    timestamp: '2025-03-10T10:42:00-04:00',
    pnl: 118.7,
    entry_score: 0.72,
    exit_score: 0.41,
    entry_regret: 0.18,
    exit_regret: 0.35,
    timing_regret: 0.2,
    decay_regret: 0.12,
    pin_regret: null,
    trap_entry_regret: 0.05,
    late_exit_regret: 0.1,
    agents_involved: ['flowbot', 'vwap_scout'],
    agent_weights: { flowbot: 0.72, vwap_scout: 0.4 },
    mesh_conflict: false,
    setup_archetype: 'momentum_break',
    time_block: 'early_open',
    final_label: 'good_trade',
    flags: [],
    penalty_factor: 0,
    mesh_alignment: 1,
    explanations: {
      entry_regret: 'Entry at 572.10, 18% of the way from the best (571.95) to the worst (572.80) price in ±5 min.',
      exit_regret: 'Captured 0.65 of a 1.00 favourable move.',
      timing_regret: 'Efficiency ratio 0.62 before entry, mesh alignment 1.00.',
      decay_regret: 'Theta 0.12 of the expected move at 10:05 ET.',
      pin_regret: 'No max pain in the day context.',
      trap_entry_regret: 'Breakout above 572.00 held for 10 min.',
      late_exit_regret: 'Exit 5h18m before the close, 0.4 away from VWAP.',
    },
    label_source: 'engine',
    entry_time: '2025-03-10T10:05:00-04:00',
    exit_time: '2025-03-10T10:42:00-04:00',
    duration_minutes: 37,
    direction: 'bullish',
    regime_tags: ['trend_day'],
    archetype_confidence: 0.8,
    archetype_evidence: ['entry broke the session high 572.00 with 2 of 2 agents aligned'],
    agents: [
      {
        name: 'flowbot',
        phase: 'entry',
        polarity: 'bullish',
        score: 0.8,
        weight: 0.9,
        aligned: true,
        conflicted: false,
        aligned_with_outcome: true,
      },
    ],
    levels: {
      vwap_at_entry: 571.4,
      vwap_at_exit: 571.9,
      max_pain: null,
      trap_level: 572,
      expected_move: 3.1,
      implied_vol: 0.16,
      implied_vol_source: 'premium',
    },
    trade: {
      ...sampleTradeFields(id),
      regime_tags: ['trend_day'],
      agents: [{ name: 'flowbot', phase: 'entry', polarity: 'bullish', score: 0.8, weight: 0.9 }],
      multiplier: 100,
      close_reason: 'closed',
    },
    ...overrides,
  };
}

export function sampleBatch(entries: JournalEntry[] = [sampleEntry()]): StagedBatch {
  return {
    entries,
    errors: [{ file: 'fills.csv', line: 7, field: 'price', reason: 'not a number: "n/a"' }],
    warnings: [],
    files: [{ name: 'fills.csv', kind: 'trades', format: 'tastytrade', records: entries.length, errors: 1 }],
    already_committed: [],
    updated_at: '2025-03-10T21:00:00.000Z',
  };
}

export function emptyBatch(): StagedBatch {
  return { entries: [], errors: [], warnings: [], files: [], already_committed: [], updated_at: null };
}

/** A few 1-minute bars from `start` (epoch ms), drifting up by `step` a minute. */
export function sampleBars(start: number, count: number, open = 572, step = 0.05): Bar[] {
  return Array.from({ length: count }, (_, index) => {
    const base = open + index * step;
    return {
      time: start + index * 60_000,
      open: base,
      high: base + 0.08,
      low: base - 0.06,
      close: base + step,
      volume: 1000 + index,
      extended: false,
    };
  });
}

/** A journal that opened cleanly. */
export function healthyJournal(notices: readonly string[] = []): JournalHealth {
  return { status: 'ok', problem: null, notices: [...notices] };
}

/** A journal closed by one damaged line of sync_log.jsonl, worded as the store words it. */
export function damagedJournal(line = 7): JournalHealth {
  return {
    status: 'damaged',
    problem: {
      cause: 'damaged_line',
      message: `The journal cannot be read: sync_log.jsonl:${line}: pnl: Invalid input: expected number, received string; run \`qthink repair\` (or Repair in the app) to move the damaged lines to backups/ and go on.`,
      detail: `sync_log.jsonl:${line}: pnl: Invalid input: expected number, received string`,
      file: 'sync_log.jsonl',
      line,
    },
    notices: [],
  };
}

/** What repairing `damagedJournal(line)` gives: that one line moved to backups/, the rest kept. */
export function sampleRepairOutcome(line = 7, kept = 14): RepairOutcome {
  return {
    kept,
    moved: [{ line, reason: 'pnl: Invalid input: expected number, received string' }],
    moved_to: 'backups/sync_log.damaged-lines.2025-03-10T21-00-00-000Z.jsonl',
    backup: 'backups/sync_log.before-repair.2025-03-10T21-00-00-000Z.jsonl',
    set_aside_commit: null,
    health: healthyJournal(),
  };
}
