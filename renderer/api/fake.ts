import { scoreProposal } from '../../shared/engine/scoreProposal.ts';
import { learnedStateOf } from '../../shared/journal/learnedState.ts';
import { performanceOf } from '../../shared/journal/performance.ts';
import { groupingProblem, groupTrades, splitTrade } from '../../shared/domain/multiLeg.ts';
import { marketCoverage } from '../../shared/importers/coverage.ts';
import { applyOverride } from '../../shared/engine/assessTrade.ts';
import type { JournalEntry } from '../../shared/domain/journal.ts';
import type { Bar } from '../../shared/domain/market.ts';
import { tradeRecordSchema, type TradeRecord } from '../../shared/domain/trade.ts';
import type { Api, Channel, Handlers, RequestOf, ResponseOf, Result, InvokeOptions } from '../../shared/ipc/contract.ts';
import { dispatch } from '../../shared/ipc/dispatch.ts';
import { ServiceError } from '../../shared/ipc/errors.ts';
import { emptyBatch, healthyJournal, sampleEntry } from '../../shared/ipc/samples.ts';
import type { AppInfo, FileInput, ImportOutcome, JournalHealth, MemoryTrigger, RepairOutcome, Settings, StagedBatch } from '../../shared/ipc/schemas.ts';
import {
  buildAgentWeights,
  buildCalendar,
  buildCommitPreview,
  buildConfusion,
  buildHeatmap,
  buildRegretBreakdown,
  filterEntries,
  summaryOf,
} from '../../shared/ipc/views.ts';

/**
 * An in-memory api for renderer unit tests. It goes through the same dispatcher as the real transports, so
 * requests and responses are checked against the contract exactly as in the app; a test may replace any
 * channel's handler, and reads `calls` to see what the screen asked for.
 */
export type FakeApiSeed = {
  readonly staged?: readonly JournalEntry[];
  readonly committed?: readonly JournalEntry[];
  /** Bars by `${symbol} ${date}`. */
  readonly bars?: Readonly<Record<string, readonly Bar[]>>;
  readonly weights?: Readonly<Record<string, number>>;
  readonly triggers?: readonly MemoryTrigger[];
  readonly settings?: Partial<Settings>;
  readonly info?: Partial<AppInfo>;
  /** How the journal opened (default: cleanly); while not ok, every channel that needs it answers the problem as `io`. */
  readonly health?: JournalHealth;
};

export type FakeState = {
  batch: StagedBatch;
  committed: JournalEntry[];
  settings: Settings;
  health: JournalHealth;
};

export type FakeApi = Api & {
  readonly calls: { channel: Channel; request: unknown }[];
  readonly state: FakeState;
  /** Replace one channel's handler, e.g. to return an error or hold a promise open. */
  handle<K extends Channel>(channel: K, handler: Handlers[K]): void;
};

export function createFakeApi(seed: FakeApiSeed = {}): FakeApi {
  const state: FakeState = {
    batch: seed.staged && seed.staged.length > 0 ? { ...emptyBatch(), entries: [...seed.staged], updated_at: '2025-03-10T21:00:00.000Z' } : emptyBatch(),
    committed: [...(seed.committed ?? [])],
    settings: { theme: 'dark', data_dir: '/fake/qthink', recent_files: [], ...seed.settings },
    health: seed.health ?? healthyJournal(),
  };
  const weights = { ...seed.weights };
  const committedIds = () => new Set(state.committed.map((entry) => entry.id));

  const stage = (files: readonly FileInput[], progress: (event: { phase: 'parsing' | 'done'; done: number; total: number; message: string }) => void): ImportOutcome => {
    const errors: StagedBatch['errors'] = [];
    const proposed: JournalEntry[] = [];
    files.forEach((file, index) => {
      progress({ phase: 'parsing', done: index, total: files.length, message: `Reading ${file.name}` });
      file.text.split('\n').forEach((line, lineIndex) => {
        if (line.trim() === '') return;
        const parsed = safeJson(line);
        const trade = tradeRecordSchema.safeParse(parsed);
        if (trade.success) proposed.push(entryFor(trade.data));
        else errors.push({ file: file.name, line: lineIndex + 1, field: '', reason: trade.error.issues[0]?.message ?? 'invalid row' });
      });
    });
    progress({ phase: 'done', done: files.length, total: files.length, message: 'Done' });
    return merge(proposed, errors, files.map((file) => file.name));
  };

  const merge = (proposed: readonly JournalEntry[], errors: StagedBatch['errors'], names: readonly string[]): ImportOutcome => {
    const done = committedIds();
    const fresh = proposed.filter((entry) => !done.has(entry.id));
    const byId = new Map(state.batch.entries.map((entry) => [entry.id, entry]));
    for (const entry of fresh) byId.set(entry.id, entry);
    const files = names.map((name) => ({ name, kind: 'trades', format: 'native-jsonl', records: proposed.length, errors: errors.filter((e) => e.file === name).length }));
    const already = proposed.filter((entry) => done.has(entry.id)).map((entry) => entry.id);
    state.batch = {
      entries: [...byId.values()],
      errors: [...state.batch.errors, ...errors],
      warnings: state.batch.warnings,
      files: [...state.batch.files, ...files],
      already_committed: [...new Set([...state.batch.already_committed, ...already])],
      updated_at: '2025-03-10T21:00:00.000Z',
    };
    // The fake keeps no market data, so nothing is covered.
    state.batch = { ...state.batch, coverage: marketCoverage(state.batch.entries.map((entry) => entry.trade), { bars: () => false, context: () => false }) };
    return { batch: state.batch, report: { files, errors, warnings: [], staged: fresh.length, already_committed: already.length } };
  };

  /** Like the real one: the damaged line (if any) moves out, the committed trades stay, the journal opens. */
  const repair = (): RepairOutcome => {
    const line = state.health.problem?.line ?? null;
    const stamp = '2025-03-10T21-00-00-000Z';
    state.health = healthyJournal();
    return {
      kept: state.committed.length,
      moved: line === null ? [] : [{ line, reason: 'pnl: Invalid input: expected number, received string' }],
      moved_to: line === null ? null : `backups/sync_log.damaged-lines.${stamp}.jsonl`,
      backup: line === null ? null : `backups/sync_log.before-repair.${stamp}.jsonl`,
      set_aside_commit: state.health.problem?.cause === 'interrupted_commit' ? `backups/interrupted-commit.${stamp}` : null,
      health: state.health,
    };
  };

  const handlers: Handlers = {
    'app.info': async () => ({
      version: '0.0.0-fake',
      data_dir: state.settings.data_dir,
      mode: 'browser',
      native_dialogs: false,
      first_run: state.health.status === 'ok' && state.committed.length === 0 && state.batch.entries.length === 0,
      example_day: '2025-06-11',
      ...seed.info,
    }),
    'import.files': async (request, { progress }) => stage(request.files, progress),
    'import.pick': async () => ({ cancelled: true, outcome: null }),
    'import.manualTrade': async (request) => merge([entryFor(request.trade)], [], ['manual entry']),
    'example.load': async () => merge([fakeExampleEntry({ id: 'EX1' }), fakeExampleEntry({ id: 'EX2', pnl: -42, final_label: 'poor_execution' })], [], ['example day']),
    'staging.get': async () => state.batch,
    'staging.regroup': async (request) => {
      const find = (id: string): JournalEntry => {
        const entry = state.batch.entries.find((candidate) => candidate.id === id);
        if (!entry) throw new ServiceError('not_found', `Trade ${id} is not in the staged batch.`);
        return entry;
      };
      const replacedIds = 'split' in request ? [request.split] : request.group;
      const replaced = replacedIds.map(find);
      let trades: TradeRecord[];
      if ('split' in request) {
        const trade = replaced[0]?.trade;
        if (!trade?.legs) throw new ServiceError('invalid_request', `Trade ${request.split} has one leg: there is nothing to split.`);
        trades = splitTrade(trade);
      } else {
        const problem = groupingProblem(replaced.map((entry) => entry.trade));
        if (problem !== null) throw new ServiceError('invalid_request', `These trades cannot be one trade: ${problem}.`);
        trades = [groupTrades(replaced.map((entry) => entry.trade))];
      }
      const gone = new Set(replacedIds);
      state.batch = { ...state.batch, entries: [...state.batch.entries.filter((entry) => !gone.has(entry.id)), ...trades.map(entryFor)] };
      return state.batch;
    },
    'staging.override': async (request) => {
      const index = state.batch.entries.findIndex((entry) => entry.id === request.id);
      const current = state.batch.entries[index];
      if (!current) throw new ServiceError('not_found', `Trade ${request.id} is not in the staged batch.`);
      // The engine's own rule, as the store applies it: an override equal to the proposal is no override.
      const { id: _id, ...changes } = request;
      const updated: JournalEntry = applyOverride(current, changes);
      const entries = [...state.batch.entries];
      entries[index] = updated;
      state.batch = { ...state.batch, entries };
      return updated;
    },
    'staging.unstage': async (request) => {
      const drop = request.ids ? new Set(request.ids) : null;
      state.batch = drop ? { ...state.batch, entries: state.batch.entries.filter((entry) => !drop.has(entry.id)) } : emptyBatch();
      return state.batch;
    },
    'staging.preview': async () => buildCommitPreview(state.batch.entries, committedIds()),
    'staging.commit': async () => {
      const done = committedIds();
      const added = state.batch.entries.filter((entry) => !done.has(entry.id));
      state.committed.push(...added);
      const result = { added: added.length, skipped: state.batch.entries.length - added.length, total: state.committed.length };
      state.batch = emptyBatch();
      return result;
    },
    'journal.list': async (request) => {
      const matching = filterEntries(state.committed, request);
      const offset = request.offset ?? 0;
      return { entries: matching.slice(offset, request.limit === undefined ? undefined : offset + request.limit), total: matching.length };
    },
    'journal.summary': async () => summaryOf(state.committed, weights, seed.triggers ?? []),
    'journal.calendar': async (request) => ({ days: buildCalendar(filterEntries(state.committed, request)) }),
    'journal.triggers': async () => ({ triggers: [...(seed.triggers ?? [])] }),
    'journal.regret': async (request) => buildRegretBreakdown(filterEntries(state.committed, request), request.bucket),
    'journal.heatmap': async (request) => buildHeatmap(filterEntries(state.committed, request)),
    'score.proposal': async (request) => scoreProposal(request, learnedStateOf(state.committed)),
    'journal.performance': async (request) => performanceOf(filterEntries(state.committed, request)),
    'agents.weights': async () => ({ agents: buildAgentWeights(state.committed, weights) }),
    'agents.history': async (request) => ({
      points: state.committed.flatMap((entry) =>
        entry.agents
          .filter((agent) => request.agent === undefined || agent.name === request.agent)
          .map((agent) => ({ agent: agent.name, trade_id: entry.id, time: entry.exit_time, weight_before: agent.weight, weight_after: agent.weight })),
      ),
    }),
    'agents.confusion': async (request) => ({ rows: buildConfusion(filterEntries(state.committed, request)) }),
    'market.bars': async (request) => ({ ...request, bars: [...(seed.bars?.[`${request.symbol} ${request.date}`] ?? [])] }),
    'export.create': async (request) => ({
      filename: `qthink-journal.${request.format}`,
      content: JSON.stringify(filterEntries(state.committed, request.filter ?? {})),
      mime: 'text/plain',
    }),
    'export.save': async () => {
      throw new ServiceError('unsupported', 'Saving through a dialog needs the desktop app; use the download instead.');
    },
    'journal.health': async () => state.health,
    'journal.repair': async () => repair(),
    'settings.get': async () => state.settings,
    'settings.set': async (request) => {
      state.settings = { ...state.settings, ...request };
      return state.settings;
    },
  };

  // A damaged journal answers every channel that needs it with its one io error, as the real services do.
  const guarded = new Proxy(handlers, {
    get(target, name, receiver) {
      const handler: unknown = Reflect.get(target, name, receiver);
      if (typeof name !== 'string' || JOURNAL_FREE.has(name) || typeof handler !== 'function') return handler;
      return (...args: unknown[]) => {
        const problem = state.health.problem;
        if (state.health.status !== 'ok' && problem) throw new ServiceError('io', problem.message);
        return (handler as (...inner: unknown[]) => unknown)(...args);
      };
    },
  });

  const calls: FakeApi['calls'] = [];
  return {
    calls,
    state,
    handle(channel, handler) {
      (handlers as Record<Channel, unknown>)[channel] = handler;
    },
    async invoke<K extends Channel>(channel: K, request: RequestOf<K>, options?: InvokeOptions<K>): Promise<Result<ResponseOf<K>>> {
      calls.push({ channel, request });
      const onProgress = options?.onProgress as ((event: unknown) => void) | undefined;
      const result = await dispatch(guarded, channel, request, onProgress ? { onProgress } : {});
      return result as Result<ResponseOf<K>>;
    },
  };
}

/** Channels that answer without the journal. */
const JOURNAL_FREE: ReadonlySet<string> = new Set<Channel>(['app.info', 'journal.health', 'journal.repair', 'settings.get', 'settings.set']);

function entryFor(trade: TradeRecord): JournalEntry {
  const base = sampleEntry({ id: trade.id });
  return { ...base, entry_time: trade.entry_time, exit_time: trade.exit_time, timestamp: trade.exit_time, trade };
}

function safeJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return null;
  }
}

/** A trade of the fake example day: like the bundled one, synthetic and on 2025-06-11. */
export function fakeExampleEntry(overrides: Partial<JournalEntry> = {}): JournalEntry {
  const base = sampleEntry(overrides);
  const day = (time: string) => time.replace('2025-03-10', '2025-06-11');
  return {
    ...base,
    timestamp: day(base.timestamp),
    entry_time: day(base.entry_time),
    exit_time: day(base.exit_time),
    trade: { ...base.trade, expiry: '2025-06-11', entry_time: day(base.trade.entry_time), exit_time: day(base.trade.exit_time), synthetic: true },
  };
}
