import { proposalSchema, verdictSchema } from '../domain/proposal.ts';
import { z } from 'zod';
import { journalEntrySchema } from '../domain/journal.ts';
import { tradeRecordSchema, isoDate } from '../domain/trade.ts';
import { performanceSchema } from '../journal/performance.ts';
import { CHANNEL_NAMES, isChannelName, type ChannelName } from './channels.ts';
import {
  agentWeightSchema,
  apiErrorSchema,
  appInfoSchema,
  barsSchema,
  calendarDaySchema,
  commitPreviewSchema,
  commitResultSchema,
  confusionRowSchema,
  exportFileSchema,
  exportFormatSchema,
  fileInputSchema,
  heatmapSchema,
  importOutcomeSchema,
  importProgressSchema,
  journalFilterSchema,
  journalHealthSchema,
  journalListRequestSchema,
  journalListSchema,
  journalSummarySchema,
  memoryTriggerSchema,
  overrideRequestSchema,
  regretBreakdownSchema,
  regretOverTimeRequestSchema,
  repairOutcomeSchema,
  settingsSchema,
  stagedBatchSchema,
  themeSchema,
  weightPointSchema,
  type ApiError,
} from './schemas.ts';

const empty = z.object({}).strict();
const dateRange = z.object({ from: isoDate.optional(), to: isoDate.optional() });

type ChannelDefinition = {
  readonly request: z.ZodType;
  readonly response: z.ZodType;
  readonly progress?: z.ZodType;
};

function channel<const D extends ChannelDefinition>(definition: D): D {
  return definition;
}

/**
 * Every channel between the renderer and the main process (or the browser bridge), with the zod schemas of
 * its request, response and progress events. Electron IPC, the preload, the bridge and the renderer's api
 * client all use this one object, and both transports parse every payload with it.
 */
export const contract = {
  /** Version, data directory, mode and whether this is a first run (offer the example day). */
  'app.info': channel({ request: empty, response: appInfoSchema }),

  /** Import files the renderer read from picked or dropped File objects; merges into the staged batch by trade id. */
  'import.files': channel({
    request: z.object({ files: z.array(fileInputSchema).min(1, 'choose at least one file to import') }),
    response: importOutcomeSchema,
    progress: importProgressSchema,
  }),
  /** Electron only (app.info.native_dialogs): the native open dialog, then the same import as import.files. */
  'import.pick': channel({
    request: empty,
    response: z.object({ cancelled: z.boolean(), outcome: importOutcomeSchema.nullable() }),
    progress: importProgressSchema,
  }),
  /** A trade typed in by hand, in the native trade record's fields. */
  'import.manualTrade': channel({
    request: z.object({ trade: tradeRecordSchema }),
    response: importOutcomeSchema,
  }),
  /** The bundled example day (trades, bars, context), staged for review. */
  'example.load': channel({ request: empty, response: importOutcomeSchema, progress: importProgressSchema }),

  'staging.get': channel({ request: empty, response: stagedBatchSchema }),
  /** Confirm or override the engine's archetype and label, or add a note; the engine's proposal is kept beside it. */
  'staging.override': channel({ request: overrideRequestSchema, response: journalEntrySchema }),
  /** Drop the given trades from the batch, or the whole batch without ids. */
  'staging.unstage': channel({
    request: z.object({ ids: z.array(z.string().min(1)).optional() }),
    response: stagedBatchSchema,
  }),
  /** Split a staged multi-leg trade into its legs, or group staged trades (one underlying, one account) into one. */
  'staging.regroup': channel({
    request: z.union([z.object({ split: z.string().min(1) }), z.object({ group: z.array(z.string().min(1)).min(2) })]),
    response: stagedBatchSchema,
  }),
  /** What a commit would write, for the confirmation shown before committing. */
  'staging.preview': channel({ request: empty, response: commitPreviewSchema }),
  /** Write the staged batch to the journal atomically; trades already committed are skipped. */
  'staging.commit': channel({ request: empty, response: commitResultSchema, progress: importProgressSchema }),

  'journal.list': channel({ request: journalListRequestSchema, response: journalListSchema }),
  /** qthink_journal_summary.json, typed (an empty journal gives zero totals and no groups). */
  'journal.summary': channel({ request: empty, response: journalSummarySchema }),
  'journal.calendar': channel({ request: dateRange, response: z.object({ days: z.array(calendarDaySchema) }) }),
  'journal.triggers': channel({ request: empty, response: z.object({ triggers: z.array(memoryTriggerSchema) }) }),
  'journal.regret': channel({ request: regretOverTimeRequestSchema, response: regretBreakdownSchema }),
  'journal.heatmap': channel({ request: dateRange, response: heatmapSchema }),
  /** Win rate, expectancy, profit factor, averages, R, the equity curve and the same per setup, block, agent, weekday and hour, of the filtered trades. */
  'journal.performance': channel({ request: journalFilterSchema, response: performanceSchema }),
  /**
   * Whether the journal opened, and what opening repaired by itself. A damaged or unavailable journal is
   * opened again first (it may have been repaired outside the app, with `qthink repair`).
   */
  /** A proposed trade (or the live mesh) scored with what the journal learned: weights, penalties, patterns, similar trades. */
  'score.proposal': channel({ request: proposalSchema, response: verdictSchema }),
  'journal.health': channel({ request: empty, response: journalHealthSchema }),
  /**
   * `qthink repair` on the current data directory: damaged lines of sync_log.jsonl go to backups/ with their
   * line numbers, an unverifiable interrupted commit is put aside whole, derived files are rebuilt, and the
   * journal is opened again. Nothing is deleted.
   */
  'journal.repair': channel({ request: empty, response: repairOutcomeSchema }),

  'agents.weights': channel({ request: empty, response: z.object({ agents: z.array(agentWeightSchema) }) }),
  'agents.history': channel({
    request: z.object({ agent: z.string().min(1).optional() }),
    response: z.object({ points: z.array(weightPointSchema) }),
  }),
  'agents.confusion': channel({ request: dateRange, response: z.object({ rows: z.array(confusionRowSchema) }) }),

  /** 1-minute bars of the underlying on one day, for the review chart (empty when none were imported). */
  'market.bars': channel({
    request: z.object({ symbol: z.string().min(1), date: isoDate }),
    response: barsSchema,
  }),

  /** The export's content; the renderer offers it as a download (browser) or calls export.save (Electron). */
  'export.create': channel({
    request: z.object({ format: exportFormatSchema, filter: journalFilterSchema.optional() }),
    response: exportFileSchema,
  }),
  /** Electron only: the native save dialog, then writes the export there. */
  'export.save': channel({
    request: z.object({ format: exportFormatSchema, filter: journalFilterSchema.optional() }),
    response: z.object({ saved: z.boolean(), path: z.string().nullable() }),
  }),

  'settings.get': channel({ request: empty, response: settingsSchema }),
  /** Change settings; a new data_dir takes effect at once (the journal is reopened there). */
  'settings.set': channel({
    request: z
      .object({
        theme: themeSchema.optional(),
        data_dir: z.string().min(1).optional(),
        recent_files: z.array(z.string()).max(20).optional(),
      })
      .strict(),
    response: settingsSchema,
  }),
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;

// Fails to compile when channels.ts and the contract name different channels.
type SameKeys<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const channelListsAgree: SameKeys<Channel, ChannelName> = true;
void channelListsAgree;

export const CHANNELS: readonly Channel[] = CHANNEL_NAMES;

export function isChannel(name: unknown): name is Channel {
  return isChannelName(name);
}

/** What a caller passes (schema defaults may be left out). */
export type RequestOf<K extends Channel> = z.input<Contract[K]['request']>;
/** What a handler receives after the schema parsed it. */
export type ParsedRequestOf<K extends Channel> = z.output<Contract[K]['request']>;
export type ResponseOf<K extends Channel> = z.output<Contract[K]['response']>;
export type ProgressOf<K extends Channel> = Contract[K] extends { readonly progress: infer P extends z.ZodType }
  ? z.output<P>
  : never;

/** Channels that report progress while they run. */
export type ProgressChannel = { [K in Channel]: Contract[K] extends { readonly progress: z.ZodType } ? K : never }[Channel];

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ApiError };

export type InvokeOptions<K extends Channel> = {
  /** Called with each progress event of channels that have one (import.files, import.pick, example.load, staging.commit). */
  readonly onProgress?: (event: ProgressOf<K>) => void;
};

/** The renderer's whole view of the main process: one typed invoke. */
export type Api = {
  invoke<K extends Channel>(channel: K, request: RequestOf<K>, options?: InvokeOptions<K>): Promise<Result<ResponseOf<K>>>;
};

export type HandlerContext<K extends Channel> = {
  readonly progress: (event: ProgressOf<K>) => void;
};

/** One service function per channel; a thrown ServiceError becomes its typed error, anything else `internal`. */
export type Handlers = {
  readonly [K in Channel]: (request: ParsedRequestOf<K>, context: HandlerContext<K>) => Promise<ResponseOf<K>>;
};

/** The envelope of every response, for parsing what crosses a transport. */
export function resultSchema<K extends Channel>(name: K) {
  return z.union([
    z.object({ ok: z.literal(true), value: contract[name].response }),
    z.object({ ok: z.literal(false), error: apiErrorSchema }),
  ]);
}

/** Progress schema of a channel, or null when it has none. */
export function progressSchemaOf(name: Channel): z.ZodType | null {
  const definition: ChannelDefinition = contract[name];
  return definition.progress ?? null;
}

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail(kind: ApiError['kind'], message: string): Result<never> {
  return { ok: false, error: { kind, message } };
}
export * from './schemas.ts';
