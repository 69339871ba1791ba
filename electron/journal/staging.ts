import { JournalRequestError } from './requestError.ts';
import { applyLegChoices, groupingProblem, groupTrades, LEG_ID_SEPARATOR, legIdsOf, NO_LEG_CHOICES, splitTrade } from '../../shared/domain/multiLeg.ts';
import { marketCoverage, type CoverageRow } from '../../shared/importers/coverage.ts';
import type { JournalEntry } from '../../shared/domain/journal.ts';
import type { Bar, BarSeries, DayContext } from '../../shared/domain/market.ts';
import type { TradeRecord } from '../../shared/domain/trade.ts';
import { assessBatch } from '../../shared/engine/assessBatch.ts';
import { occSymbol } from '../../shared/engine/regret/premiumPath.ts';
import { normalizeSymbol, tradeDay } from '../../shared/engine/marketIndex.ts';
import { PRIOR_SESSION_LOOKBACK_DAYS } from '../../shared/market/sessionLevels.ts';
import type { ImportBundle } from '../../shared/importers/importBundle.ts';
import { writeAtomicPieces, type JournalFs } from './fsOps.ts';
import { full } from './commitProtocol.ts';
import { keepCommittableProposals } from './finiteCheck.ts';
import { STAGING_BATCH } from './layout.ts';
import type { MarketStore } from './marketStore.ts';
import { issueText, stagedFilePieces, stagedUnreadable } from './stagedFile.ts';
import { appendUnique, emptyStagedFile, rowErrorKey, stagedFileSchema, type StagedFile } from './stagedState.ts';

export { stagedFileText } from './stagedFile.ts';

/** Calendar days of bars loaded before a trade's day: the engine looks back this far for prior sessions. */
export const BARS_LOOKBACK_DAYS = PRIOR_SESSION_LOOKBACK_DAYS + 1;
/** A trade held longer than this many days is assessed with bars up to this far after its entry. */
export const BARS_MAX_SPAN_DAYS = 31;

export type ProgressPhase = 'reading' | 'scoring' | 'writing';
export type ProgressCallback = (progress: { readonly phase: ProgressPhase; readonly done: number; readonly total: number }) => void;

export async function readStagedFile(fs: JournalFs, dataDir: string): Promise<StagedFile> {
  const text = await fs.readText(full(dataDir, STAGING_BATCH));
  if (text === null) return emptyStagedFile();
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw stagedUnreadable(error instanceof Error ? error.message : String(error));
  }
  const parsed = stagedFileSchema.safeParse(value);
  if (!parsed.success) throw stagedUnreadable(issueText(parsed.error.issues[0]));
  return parsed.data;
}

export async function writeStagedFile(fs: JournalFs, dataDir: string, file: StagedFile): Promise<void> {
  await writeAtomicPieces(fs, full(dataDir, STAGING_BATCH), stagedFilePieces(file));
}

/**
 * Merges an import into the staged batch. Trades already committed are listed and left out; a trade already
 * staged is replaced by its new version (a corrected file, a second account's export). Then every staged
 * trade is assessed again against the market data now on disk, so a late bars or context file improves the
 * proposals already under review. Overrides stay attached to their trade ids.
 */
export async function mergeIntoStaged(
  staged: StagedFile,
  bundle: ImportBundle,
  committed: ReadonlySet<string>,
  market: MarketStore,
  now: string,
  onProgress?: ProgressCallback,
): Promise<StagedFile> {
  const incoming = applyLegChoices(bundle.trades, staged.leg_choices ?? NO_LEG_CHOICES);
  const isCommitted = committedTest(committed);
  const alreadyCommitted = incoming.filter((trade) => isCommitted(trade.id)).map((trade) => trade.id);
  const byId = new Map<string, TradeRecord>(staged.trades.map((trade) => [trade.id, trade]));
  for (const trade of incoming) if (!isCommitted(trade.id)) byId.set(trade.id, trade);
  const trades = [...byId.values()];
  const { proposals, coverage } = await assessWithStoredMarket(trades, market, onProgress);
  const overrides = Object.fromEntries(Object.entries(staged.overrides).filter(([id]) => byId.has(id)));
  return keepCommittableProposals({
    version: 1,
    trades: proposals.map((entry) => entry.trade),
    proposals,
    overrides,
    errors: appendUnique(staged.errors, bundle.errors, rowErrorKey),
    warnings: appendUnique(staged.warnings, bundle.warnings, (warning) => warning),
    files: [...staged.files.filter((file) => !bundle.files.some((added) => added.name === file.name)), ...bundle.files],
    already_committed: appendUnique(staged.already_committed, alreadyCommitted, (id) => id),
    updated_at: now,
    coverage,
    ...(bundle.openPositions ? { open_positions: bundle.openPositions } : staged.open_positions ? { open_positions: staged.open_positions } : {}),
  }, bundle.sources);
}

/**
 * Whether a trade is in the journal already: its id, or any of its legs' ids, committed as a trade or as a
 * leg of a committed multi-leg trade (so a spread the trader split, committed, and imported again as one
 * trade is not journaled twice, nor a committed spread's leg arriving alone).
 */
export function committedTest(committed: ReadonlySet<string>): (id: string) => boolean {
  let legs: Set<string> | null = null;
  const committedLegs = (): Set<string> => {
    if (legs === null) {
      legs = new Set<string>();
      for (const id of committed) if (id.includes(LEG_ID_SEPARATOR)) for (const leg of legIdsOf(id)) legs.add(leg);
    }
    return legs;
  };
  return (id) => committed.has(id) || legIdsOf(id).some((leg) => committed.has(leg) || committedLegs().has(leg));
}

/** The trader's split of a staged multi-leg trade, or group of staged trades (Review). */
export type Regroup = { readonly split: string } | { readonly group: readonly string[] };

/**
 * Splits a staged multi-leg trade into its legs or groups staged trades into one, re-assesses the batch and
 * remembers the choice (leg_choices), so a later import of the same file keeps it. Overrides of the trades
 * replaced are dropped; the new trades start from the engine's proposal.
 */
export async function regroupStaged(staged: StagedFile, change: Regroup, market: MarketStore, now: string): Promise<StagedFile> {
  const choices = staged.leg_choices ?? NO_LEG_CHOICES;
  let replaced: readonly string[];
  let added: TradeRecord[];
  let next: { split: string[]; grouped: string[][] };
  if ('split' in change) {
    const trade = staged.trades.find((candidate) => candidate.id === change.split);
    if (!trade) throw new JournalRequestError('not_found', `trade ${change.split} is not in the staged batch`);
    if (!trade.legs) throw new JournalRequestError('invalid_request', `trade ${change.split} has one leg: there is nothing to split`);
    replaced = [trade.id];
    added = splitTrade(trade);
    const legIds = new Set(legIdsOf(trade.id));
    next = { split: [...choices.split, trade.id], grouped: choices.grouped.filter((group) => !group.every((id) => legIds.has(id))).map((group) => [...group]) };
  } else {
    const members = change.group.map((id) => staged.trades.find((candidate) => candidate.id === id));
    const missing = change.group.find((_id, index) => members[index] === undefined);
    if (missing !== undefined) throw new JournalRequestError('not_found', `trade ${missing} is not in the staged batch`);
    const present = members as TradeRecord[];
    const problem = groupingProblem(present);
    if (problem !== null) throw new JournalRequestError('invalid_request', `these trades cannot be one trade: ${problem}`);
    const grouped = groupTrades(present);
    replaced = change.group;
    added = [grouped];
    next = { split: choices.split.filter((id) => id !== grouped.id), grouped: [...choices.grouped.map((group) => [...group]), [...change.group]] };
  }
  const gone = new Set(replaced);
  const trades = [...staged.trades.filter((trade) => !gone.has(trade.id)), ...added];
  const { proposals, coverage } = await assessWithStoredMarket(trades, market);
  return {
    ...staged,
    trades: proposals.map((entry) => entry.trade),
    proposals,
    overrides: Object.fromEntries(Object.entries(staged.overrides).filter(([id]) => !gone.has(id))),
    coverage,
    leg_choices: next,
    updated_at: now,
  };
}

/** Assesses trades with the bars and contexts stored for their underlyings and days. */
export async function assessWithStoredMarket(
  trades: readonly TradeRecord[],
  market: MarketStore,
  onProgress?: ProgressCallback,
): Promise<{ proposals: JournalEntry[]; coverage: CoverageRow[] }> {
  const days = new Map<string, Set<string>>();
  const contextDays = new Map<string, Set<string>>();
  for (const trade of trades) {
    const symbol = normalizeSymbol(trade.symbol);
    const entryDay = tradeDay(trade.entry_time);
    if (entryDay === null) continue;
    const exitDay = tradeDay(trade.exit_time) ?? entryDay;
    const wanted = days.get(symbol) ?? new Set<string>();
    for (const day of dayRange(addDays(entryDay, -BARS_LOOKBACK_DAYS), maxDay(exitDay, entryDay), BARS_MAX_SPAN_DAYS + BARS_LOOKBACK_DAYS)) wanted.add(day);
    days.set(symbol, wanted);
    // The option's own bars, when they were imported, for its premium path (loadBars gives none otherwise).
    const option = normalizeSymbol(occSymbol(trade));
    const optionDays = days.get(option) ?? new Set<string>();
    for (const day of dayRange(entryDay, maxDay(exitDay, entryDay), BARS_MAX_SPAN_DAYS)) optionDays.add(day);
    days.set(option, optionDays);
    const contexts = contextDays.get(symbol) ?? new Set<string>();
    contexts.add(entryDay);
    contextDays.set(symbol, contexts);
  }
  let done = 0;
  const total = [...days.values()].reduce((sum, set) => sum + set.size, 0);
  const bars: BarSeries[] = [];
  const barDays = new Set<string>();
  for (const [symbol, wanted] of days) {
    const series: Bar[] = [];
    for (const day of [...wanted].sort()) {
      const loaded = await market.loadBars(symbol, day);
      if (loaded.length > 0) barDays.add(`${symbol} ${day}`);
      series.push(...loaded);
      done += 1;
      onProgress?.({ phase: 'reading', done, total });
    }
    if (series.length > 0) bars.push({ symbol, bars: series });
  }
  const contexts: DayContext[] = [];
  for (const [symbol, wanted] of contextDays) {
    for (const day of [...wanted].sort()) {
      const context = await market.loadContext(symbol, day);
      if (context) contexts.push(context);
    }
  }
  const contextDaysFound = new Set(contexts.map((context) => `${normalizeSymbol(context.symbol)} ${context.date}`));
  const coverage = marketCoverage(trades, {
    bars: (symbol, day) => barDays.has(`${normalizeSymbol(symbol)} ${day}`),
    context: (symbol, day) => contextDaysFound.has(`${normalizeSymbol(symbol)} ${day}`),
  });
  const proposals = assessBatch({ trades, bars, contexts }, { onProgress: (scored, of) => onProgress?.({ phase: 'scoring', done: scored, total: of }) });
  return { proposals, coverage };
}

export function addDays(date: string, days: number): string {
  const utc = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)) + days);
  return new Date(utc).toISOString().slice(0, 10);
}

function maxDay(a: string, b: string): string {
  return a > b ? a : b;
}

/** Calendar days from `from` to `to` inclusive, at most `limit` of them. */
export function dayRange(from: string, to: string, limit: number): string[] {
  const out: string[] = [];
  for (let day = from; day <= to && out.length < limit; day = addDays(day, 1)) out.push(day);
  return out;
}
