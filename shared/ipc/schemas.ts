import { coverageRowSchema } from '../domain/coverage.ts';
import { z } from 'zod';
import {
  finalLabelSchema,
  journalEntrySchema,
  regretDimensionSchema,
  setupArchetypeSchema,
  timeBlockGroupSchema,
  timeBlockSchema,
} from '../domain/journal.ts';
import { barSchema } from '../domain/market.ts';
import { agentPhaseSchema, isoDate, polaritySchema } from '../domain/trade.ts';
import { memoryTriggerSchema } from '../engine/memoryTriggers.ts';

/** The closed set of error kinds that cross the boundary; the renderer switches on these, never on text. */
export const ERROR_KINDS = [
  'invalid_request',
  'not_found',
  'conflict',
  'io',
  'import_rejected',
  'unsupported',
  'unauthorized',
  'forbidden',
  'internal',
] as const;
export const errorKindSchema = z.enum(ERROR_KINDS);
export type ErrorKind = z.infer<typeof errorKindSchema>;

export const apiErrorSchema = z.object({
  kind: errorKindSchema,
  /** Written for the trader: what went wrong and what to do about it. */
  message: z.string(),
});
export type ApiError = z.infer<typeof apiErrorSchema>;

export const rowErrorSchema = z.object({
  file: z.string(),
  line: z.number().int().nonnegative(),
  field: z.string(),
  reason: z.string(),
});

export const FILE_KINDS = ['trades', 'bars', 'context', 'chain', 'signals'] as const;
export const fileKindSchema = z.enum(FILE_KINDS);
export type FileKind = z.infer<typeof fileKindSchema>;

/**
 * A file as the renderer hands it over: read from a picked or dropped File object, so browser mode needs
 * no paths. `kind` is a hint; without it the importer detects the format from the content.
 */
export const fileInputSchema = z.object({
  name: z.string().min(1, 'every file needs a name'),
  text: z.string(),
  kind: fileKindSchema.optional(),
});
export type FileInput = z.infer<typeof fileInputSchema>;

/** What one file of an import gave: how many records were read and how many rows were rejected. */
export const fileReportSchema = z.object({
  name: z.string(),
  /** trades | bars | context | chain | signals */
  kind: z.string(),
  /** The layout read, e.g. native-jsonl, tastytrade, bars-csv, chain-csv; null when unknown. */
  format: z.string().nullable(),
  records: z.number().int().nonnegative(),
  /** Rows rejected (each listed in the errors with its line). */
  errors: z.number().int().nonnegative(),
  /** What is wrong with the file as a whole (empty, not text, cut off mid-row), with what to do. */
  problem: z.string().optional(),
});
export type FileReport = z.infer<typeof fileReportSchema>;

/** The staged batch: the engine's proposals awaiting review; it survives an app restart. */
export const stagedBatchSchema = z.object({
  entries: z.array(journalEntrySchema),
  errors: z.array(rowErrorSchema),
  warnings: z.array(z.string()),
  files: z.array(fileReportSchema),
  /** Ids of trades in the imported files that are already in the journal (they change nothing). */
  already_committed: z.array(z.string()),
  /** ISO timestamp of the last change to the batch; null when nothing is staged. */
  updated_at: z.string().nullable(),
  /** Which staged trades the market data covers, per underlying and entry day (shared/importers/coverage.ts). */
  coverage: z.array(coverageRowSchema).optional(),
});
export type StagedBatch = z.infer<typeof stagedBatchSchema>;

/** One import's own outcome beside the whole (merged) staged batch. */
export const importOutcomeSchema = z.object({
  batch: stagedBatchSchema,
  report: z.object({
    files: z.array(fileReportSchema),
    /** Rows rejected by this import, each with file and line. */
    errors: z.array(rowErrorSchema),
    warnings: z.array(z.string()),
    /** Trades this import proposed (new or merged by trade id). */
    staged: z.number().int().nonnegative(),
    already_committed: z.number().int().nonnegative(),
  }),
});
export type ImportOutcome = z.infer<typeof importOutcomeSchema>;

export const importProgressSchema = z.object({
  phase: z.enum(['reading', 'parsing', 'scoring', 'staging', 'writing', 'done']),
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  message: z.string(),
});
export type ImportProgress = z.infer<typeof importProgressSchema>;

export const overrideRequestSchema = z
  .object({
    id: z.string().min(1),
    setup_archetype: setupArchetypeSchema.optional(),
    final_label: finalLabelSchema.optional(),
    note: z.string().max(4000).optional(),
  })
  .refine((r) => r.setup_archetype !== undefined || r.final_label !== undefined || r.note !== undefined, {
    message: 'an override needs a setup_archetype, a final_label or a note',
  });

const countsSchema = z.record(z.string(), z.number().int().nonnegative());

/** What a commit will write, shown before the trader presses commit. */
export const commitPreviewSchema = z.object({
  total: z.number().int().nonnegative(),
  to_add: z.number().int().nonnegative(),
  to_skip: z.number().int().nonnegative(),
  overridden: z.number().int().nonnegative(),
  pnl_total: z.number(),
  by_label: countsSchema,
  by_archetype: countsSchema,
  by_time_block: countsSchema,
  /** Journal files the commit writes or rewrites, relative to the data directory. */
  files: z.array(z.string()),
});
export type CommitPreview = z.infer<typeof commitPreviewSchema>;

export const commitResultSchema = z.object({
  added: z.number().int().nonnegative(),
  skipped: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
});
export type CommitResult = z.infer<typeof commitResultSchema>;

/** Filters on committed trades; dates are trading days (exit day, New York) inclusive. */
export const journalFilterSchema = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
  /** A block, or no_time_of_day for the entries without one. */
  time_block: timeBlockGroupSchema.optional(),
  setup_archetype: setupArchetypeSchema.optional(),
  final_label: finalLabelSchema.optional(),
  agent: z.string().min(1).optional(),
});
export type JournalFilter = z.infer<typeof journalFilterSchema>;

export const journalListRequestSchema = journalFilterSchema.extend({
  offset: z.number().int().nonnegative().optional(),
  limit: z.number().int().positive().max(100_000).optional(),
});

export const journalListSchema = z.object({
  entries: z.array(journalEntrySchema),
  /** Matching trades before offset/limit, for paging. */
  total: z.number().int().nonnegative(),
});

const meanSchema = z.number().nullable();
const regretMeansSchema = z.record(regretDimensionSchema, meanSchema);

/** A regret dimension's mean over the non-null scores, and how many there were. */
const regretMeanSchema = z.object({ mean: meanSchema, n: z.number().int().nonnegative() });

/** Statistics of a group of trades, as qthink_journal_summary.json writes them (shared/journal/stats.ts). */
export const groupStatsSchema = z.looseObject({
  trades: z.number().int().nonnegative(),
  wins: z.number().int().nonnegative(),
  losses: z.number().int().nonnegative(),
  flat: z.number().int().nonnegative(),
  pnl: z.number(),
  mean_pnl: meanSchema,
  win_rate: meanSchema,
  /** Mean over every non-null regret score of the group's trades. */
  mean_regret: meanSchema,
  regret: z.record(regretDimensionSchema, regretMeanSchema),
  penalty_total: z.number(),
  penalized_trades: z.number().int().nonnegative(),
});
export type GroupStats = z.infer<typeof groupStatsSchema>;

export { memoryTriggerSchema };
export type MemoryTrigger = z.infer<typeof memoryTriggerSchema>;

/** qthink_journal_summary.json, typed: totals, per time block / archetype / agent / label, memory triggers. */
export const journalSummarySchema = z.looseObject({
  version: z.number(),
  generated_from: z.string(),
  first_day: isoDate.nullable(),
  last_day: isoDate.nullable(),
  totals: groupStatsSchema,
  by_time_block: z.array(groupStatsSchema.extend({ time_block: timeBlockGroupSchema })),
  by_archetype: z.array(groupStatsSchema.extend({ setup_archetype: setupArchetypeSchema })),
  by_agent: z.array(
    groupStatsSchema.extend({
      agent: z.string(),
      reinforcement_weight: z.number(),
      signals: z.number().int().nonnegative(),
      alignment_rate: meanSchema,
      conflict_rate: meanSchema,
      outcome_rate: meanSchema,
    }),
  ),
  by_label: z.array(groupStatsSchema.extend({ final_label: finalLabelSchema })),
  memory_triggers: z.array(memoryTriggerSchema),
});
export type JournalSummary = z.infer<typeof journalSummarySchema>;

export const calendarDaySchema = z.object({
  date: isoDate,
  trades: z.number().int().nonnegative(),
  wins: z.number().int().nonnegative(),
  losses: z.number().int().nonnegative(),
  pnl: z.number(),
  /** Mean of every non-null regret score of the day's trades. */
  mean_regret: meanSchema,
});
export type CalendarDay = z.infer<typeof calendarDaySchema>;

export const regretOverTimeRequestSchema = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
  bucket: z.enum(['day', 'week', 'month']).default('day'),
});

/** Per dimension, how many of the group's trades had a non-null score (the n behind each mean). */
const regretCountsSchema = z.record(regretDimensionSchema, z.number().int().nonnegative());

export const regretBreakdownSchema = z.object({
  over_time: z.array(
    z.object({
      period: z.string(),
      trades: z.number().int().nonnegative(),
      means: regretMeansSchema,
      counts: regretCountsSchema.optional(),
    }),
  ),
  by_archetype: z.array(
    z.object({
      setup_archetype: setupArchetypeSchema,
      trades: z.number().int().nonnegative(),
      means: regretMeansSchema,
      counts: regretCountsSchema.optional(),
    }),
  ),
});
export type RegretBreakdown = z.infer<typeof regretBreakdownSchema>;

const slotTradeSchema = z.object({ trade_id: z.string(), pnl: z.number() });

export const heatmapSchema = z.object({
  block_by_dimension: z.array(
    z.object({
      time_block: timeBlockSchema,
      dimension: regretDimensionSchema,
      mean: meanSchema,
      count: z.number().int().nonnegative(),
    }),
  ),
  /** Entry time (30-minute slot, New York) × weekday (1 = Monday … 5 = Friday). */
  time_by_weekday: z.array(
    z.object({
      weekday: z.number().int().min(1).max(7),
      slot: z.string().regex(/^\d{2}:\d{2}$/),
      trades: z.number().int().nonnegative(),
      pnl: z.number(),
      mean_regret: meanSchema,
      /** The cell's most and least profitable trade, for the tooltip. */
      best: slotTradeSchema.nullable().optional(),
      worst: slotTradeSchema.nullable().optional(),
    }),
  ),
});
export type Heatmap = z.infer<typeof heatmapSchema>;

export const agentWeightSchema = z.object({
  agent: z.string(),
  weight: z.number(),
  trades: z.number().int().nonnegative(),
  /** Share of the agent's signals that agreed with the trade's direction. */
  alignment_rate: meanSchema,
  /** Share of the agent's signals that pointed against the trade's direction. */
  conflict_rate: meanSchema,
  /** Share of the agent's signals that pointed the way the trade made money. */
  outcome_rate: meanSchema,
});
export type AgentWeight = z.infer<typeof agentWeightSchema>;

export const weightPointSchema = z.object({
  agent: z.string(),
  trade_id: z.string(),
  /** Exit time of the trade that moved the weight (updates apply in exit order). */
  time: z.string(),
  weight_before: z.number(),
  weight_after: z.number(),
});
export type WeightPoint = z.infer<typeof weightPointSchema>;

/** One signal that pointed against the trade, with the phase it came in (only entry signals move mesh_alignment). */
export const conflictingSignalSchema = z.object({
  name: z.string(),
  phase: agentPhaseSchema,
  polarity: polaritySchema,
  score: z.number(),
  weight: z.number(),
});
export type ConflictingSignal = z.infer<typeof conflictingSignalSchema>;

/** The traded contract, enough to label it ("SPY 06/11 602C") and to say which way it pointed. */
export const confusionContractSchema = z.object({
  symbol: z.string(),
  expiry: isoDate,
  right: z.enum(['C', 'P']),
  strike: z.number(),
  side: z.enum(['long', 'short']),
  direction: polaritySchema,
});

export const confusionRowSchema = z.object({
  trade_id: z.string(),
  time: z.string().nullable(),
  mesh_alignment: z.number().nullable(),
  contract: confusionContractSchema,
  /** Entry signals behind mesh_alignment (agreeing and conflicting), so "2 of 4 against" can be said. */
  entry_signals: z.number().int().nonnegative(),
  /** Every conflicting signal, entry and exit, in the trade's order; the same agent may appear once per phase. */
  conflicting_agents: z.array(conflictingSignalSchema),
  pnl: z.number().nullable(),
  final_label: finalLabelSchema.nullable(),
});
export type ConfusionRow = z.infer<typeof confusionRowSchema>;

export const EXPORT_FORMATS = ['csv', 'json', 'md', 'html'] as const;
export const exportFormatSchema = z.enum(EXPORT_FORMATS);
export type ExportFormat = z.infer<typeof exportFormatSchema>;

export const exportFileSchema = z.object({ filename: z.string(), content: z.string(), mime: z.string() });
export type ExportFile = z.infer<typeof exportFileSchema>;

export const themeSchema = z.enum(['dark', 'light', 'system']);
export type Theme = z.infer<typeof themeSchema>;

export const settingsSchema = z.object({
  theme: themeSchema,
  data_dir: z.string(),
  recent_files: z.array(z.string()).max(20),
});
export type Settings = z.infer<typeof settingsSchema>;

export const appInfoSchema = z.object({
  version: z.string(),
  data_dir: z.string(),
  mode: z.enum(['electron', 'browser']),
  /** Native open/save dialogs exist (Electron); in the browser use file inputs and downloads instead. */
  native_dialogs: z.boolean(),
  /** Nothing committed and nothing staged yet: offer the example day. */
  first_run: z.boolean(),
  /** The day of the bundled example, so the app stops offering it once it is staged or committed. */
  example_day: isoDate.nullable().default(null),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

/** Why the journal could not be opened, in the words the CLI uses too (`describeJournalError`). */
export const journalProblemSchema = z.object({
  /**
   * damaged_line: a line of sync_log.jsonl a rebuild would reject (not JSON, not an entry, a duplicate id);
   * interrupted_commit: a commit whose files do not match its marker; other: anything else the store
   * refuses on open (another writer holds the journal, no permission, a full disk).
   */
  cause: z.enum(['damaged_line', 'interrupted_commit', 'other']),
  /** One sentence for the trader: `file:line: field: reason` and what to do. */
  message: z.string(),
  /** Only what is wrong, for where the remedy is already on screen: `file:line: field: reason` for a line. */
  detail: z.string(),
  /** The damaged file and its 1-based line; null when the problem is not one line. */
  file: z.string().nullable(),
  line: z.number().int().positive().nullable(),
});
export type JournalProblem = z.infer<typeof journalProblemSchema>;

export const JOURNAL_STATUSES = ['ok', 'damaged', 'unavailable'] as const;

/** Whether the journal of the data directory could be opened, and what opening repaired by itself. */
export const journalHealthSchema = z.object({
  /**
   * ok: open for reading and writing. damaged: closed until `journal.repair` (every channel that needs the
   * journal answers the problem as an `io` error; nothing is read or written). unavailable: not opened for
   * another reason (problem.cause 'other'); asking again tries again.
   */
  status: z.enum(JOURNAL_STATUSES),
  problem: journalProblemSchema.nullable(),
  /** What opening repaired or set aside on its own (a cut-off last line, stale derived files…), one sentence each. */
  notices: z.array(z.string()),
});
export type JournalHealth = z.infer<typeof journalHealthSchema>;

/** A line the repair took out of sync_log.jsonl, and why a rebuild rejected it. */
export const movedLineSchema = z.object({ line: z.number().int().positive(), reason: z.string() });

/** What `journal.repair` did (paths relative to the data directory); nothing is deleted. */
export const repairOutcomeSchema = z.object({
  /** Lines (trades) of sync_log.jsonl kept. */
  kept: z.number().int().nonnegative(),
  moved: z.array(movedLineSchema),
  /** The file the moved lines went to, each with its line number and reason; null when none moved. */
  moved_to: z.string().nullable(),
  /** sync_log.jsonl as it was before the repair; null when it was not changed. */
  backup: z.string().nullable(),
  /** Where an interrupted commit that could not be verified was put aside; null when there was none. */
  set_aside_commit: z.string().nullable(),
  /** The journal reopened after the repair. */
  health: journalHealthSchema,
});
export type RepairOutcome = z.infer<typeof repairOutcomeSchema>;

export const barsSchema = z.object({ symbol: z.string(), date: isoDate, bars: z.array(barSchema) });
