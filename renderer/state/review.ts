import { create } from 'zustand';
import { REGRET_DIMENSIONS, type FinalLabel, type JournalEntry, type SetupArchetype } from '../../shared/domain/journal.ts';
import type { Api } from '../../shared/ipc/contract.ts';
import type { ApiError, CommitPreview, CommitResult, StagedBatch } from '../../shared/ipc/schemas.ts';
import { contractLabel, epochOf } from '../format.ts';

/**
 * The review slice: the staged batch as the main process holds it (it survives restarts there, so this
 * slice only mirrors it), the selected trade, the table's sort, overrides in flight and the commit dialog.
 */

export const SORT_KEYS = ['time', 'block', 'contract', 'side', 'qty', 'pnl', 'regret', 'archetype', 'label', 'source'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type Sort = { readonly key: SortKey; readonly dir: 'asc' | 'desc' };

export type CommitDialog = {
  readonly open: boolean;
  readonly status: 'idle' | 'loading' | 'ready' | 'committing' | 'error';
  readonly preview: CommitPreview | null;
  readonly error: ApiError | null;
};

export type ReviewState = {
  readonly status: 'idle' | 'loading' | 'ready' | 'error';
  readonly error: ApiError | null;
  readonly batch: StagedBatch | null;
  readonly selectedId: string | null;
  readonly sort: Sort;
  /** Ids whose override is on its way to the main process. */
  readonly saving: readonly string[];
  /** Ids the trader confirmed in this session (overrides count as reviewed by themselves). */
  readonly confirmed: readonly string[];
  /** The last override that failed, shown beside the detail pane. */
  readonly overrideError: ApiError | null;
  readonly commit: CommitDialog;
};

export type OverrideChange = { readonly setup_archetype?: SetupArchetype; readonly final_label?: FinalLabel; readonly note?: string };

const closedCommit: CommitDialog = { open: false, status: 'idle', preview: null, error: null };

export function emptyReviewState(): ReviewState {
  return {
    status: 'idle',
    error: null,
    batch: null,
    selectedId: null,
    sort: { key: 'time', dir: 'asc' },
    saving: [],
    confirmed: [],
    overrideError: null,
    commit: closedCommit,
  };
}

export const useReviewStore = create<ReviewState>()(() => emptyReviewState());

export function resetReviewState(): void {
  useReviewStore.setState(emptyReviewState(), true);
}

const set = (patch: Partial<ReviewState> | ((state: ReviewState) => Partial<ReviewState>)) => useReviewStore.setState(patch);
const get = () => useReviewStore.getState();

// ---------- pure helpers ----------

/** Mean of the non-null regret scores; null when none was computed. */
export function meanRegret(entry: JournalEntry): number | null {
  const scores = REGRET_DIMENSIONS.map((d) => entry[d]).filter((v): v is number => v !== null);
  return scores.length === 0 ? null : scores.reduce((sum, v) => sum + v, 0) / scores.length;
}

const BLOCK_ORDER = ['early_open', 'chop_mid', 'setup_mid', 'decay_close', 'outside_session'];

function sortValue(entry: JournalEntry, key: SortKey): number | string | null {
  switch (key) {
    case 'time':
      return epochOf(entry.entry_time) ?? entry.entry_time;
    case 'block':
      return entry.time_block === null ? BLOCK_ORDER.length : BLOCK_ORDER.indexOf(entry.time_block);
    case 'contract':
      return contractLabel(entry.trade);
    case 'side':
      return entry.trade.side;
    case 'qty':
      return entry.trade.qty;
    case 'pnl':
      return entry.pnl;
    case 'regret':
      return meanRegret(entry);
    case 'archetype':
      return entry.setup_archetype;
    case 'label':
      return entry.final_label;
    case 'source':
      return entry.label_source;
  }
}

/** The entries in table order; nulls last whatever the direction, ties by entry time then id (stable). */
export function sortEntries(entries: readonly JournalEntry[], sort: Sort): JournalEntry[] {
  const sign = sort.dir === 'asc' ? 1 : -1;
  const compare = (a: number | string | null, b: number | string | null): number => {
    if (a === b) return 0;
    if (a === null) return 1;
    if (b === null) return -1;
    if (typeof a === 'number' && typeof b === 'number') return (a - b) * sign;
    return String(a).localeCompare(String(b)) * sign;
  };
  // Keys are computed once per row, not per comparison: parsing timestamps dominates on big batches.
  const keyed = entries.map((entry) => ({ entry, value: sortValue(entry, sort.key), time: epochOf(entry.entry_time) ?? 0 }));
  keyed.sort((a, b) => compare(a.value, b.value) || a.time - b.time || a.entry.id.localeCompare(b.entry.id));
  return keyed.map((row) => row.entry);
}

/** The engine's own proposal for an entry: kept beside an override, else the values in force. */
export function engineProposalOf(entry: JournalEntry): { setup_archetype: SetupArchetype; final_label: FinalLabel } {
  return entry.engine_proposal ?? { setup_archetype: entry.setup_archetype, final_label: entry.final_label };
}

/** What an override looks like before the main process answers, so the row changes at once. */
export function applyOverrideLocally(entry: JournalEntry, change: OverrideChange): JournalEntry {
  const proposal = engineProposalOf(entry);
  const setup_archetype = change.setup_archetype ?? entry.setup_archetype;
  const final_label = change.final_label ?? entry.final_label;
  const manual = setup_archetype !== proposal.setup_archetype || final_label !== proposal.final_label;
  const { engine_proposal: _dropped, note: previousNote, ...rest } = entry;
  const note = change.note === undefined ? previousNote : change.note === '' ? undefined : change.note;
  return {
    ...rest,
    setup_archetype,
    final_label,
    label_source: manual ? 'manual' : 'engine',
    ...(manual ? { engine_proposal: proposal } : {}),
    ...(note === undefined ? {} : { note }),
  };
}

function replaceEntry(batch: StagedBatch, entry: JournalEntry): StagedBatch {
  return { ...batch, entries: batch.entries.map((current) => (current.id === entry.id ? entry : current)) };
}

function entryById(id: string): JournalEntry | undefined {
  return get().batch?.entries.find((entry) => entry.id === id);
}

// ---------- actions ----------

/** Reads the staged batch from the main process (on start, and whenever the screen opens). */
export async function loadBatch(api: Api): Promise<void> {
  set((state) => ({ status: state.batch ? state.status : 'loading', error: null }));
  const result = await api.invoke('staging.get', {});
  if (!result.ok) {
    set({ status: 'error', error: result.error });
    return;
  }
  setBatch(result.value);
}

/** A new batch arrived (an import, the example day, a reload): keep the selection when it is still there. */
export function setBatch(batch: StagedBatch): void {
  const state = get();
  const ids = new Set(batch.entries.map((entry) => entry.id));
  const keep = state.selectedId !== null && ids.has(state.selectedId);
  const first = sortEntries(batch.entries, state.sort)[0];
  set({
    status: 'ready',
    error: null,
    batch,
    selectedId: keep ? state.selectedId : (first?.id ?? null),
    confirmed: state.confirmed.filter((id) => ids.has(id)),
  });
}

export function selectTrade(id: string | null): void {
  set({ selectedId: id });
}

/** Moves the selection by `delta` rows in the table's current order (clamped at both ends). */
export function moveSelection(delta: number): void {
  const { batch, sort, selectedId } = get();
  if (!batch || batch.entries.length === 0) return;
  const ordered = sortEntries(batch.entries, sort);
  const index = ordered.findIndex((entry) => entry.id === selectedId);
  const nextIndex = index < 0 ? 0 : Math.max(0, Math.min(ordered.length - 1, index + delta));
  set({ selectedId: ordered[nextIndex]?.id ?? null });
}

/** Clicking a sorted column flips the direction; a new column starts ascending (PnL and regret: descending). */
export function toggleSort(key: SortKey): void {
  const { sort } = get();
  if (sort.key === key) set({ sort: { key, dir: sort.dir === 'asc' ? 'desc' : 'asc' } });
  else set({ sort: { key, dir: key === 'pnl' || key === 'regret' ? 'desc' : 'asc' } });
}

/**
 * Sends an override; the row shows the change at once and is replaced by the main process's answer (which
 * recomputes flags and penalties). A failure puts the row back and keeps the error for the detail pane.
 */
export async function overrideTrade(api: Api, id: string, change: OverrideChange): Promise<boolean> {
  const before = entryById(id);
  const batch = get().batch;
  if (!before || !batch) return false;
  set((state) => ({
    batch: state.batch ? replaceEntry(state.batch, applyOverrideLocally(before, change)) : state.batch,
    saving: [...state.saving, id],
    overrideError: null,
  }));
  const result = await api.invoke('staging.override', { id, ...change });
  set((state) => ({ saving: state.saving.filter((saving) => saving !== id) }));
  if (!result.ok) {
    set((state) => ({ batch: state.batch ? replaceEntry(state.batch, before) : state.batch, overrideError: result.error }));
    return false;
  }
  set((state) => ({ batch: state.batch ? replaceEntry(state.batch, result.value) : state.batch }));
  return true;
}

/** Confirms what the trade shows (the engine's proposal, or the trader's override, which stays): it counts as reviewed. */
export async function confirmProposal(_api: Api, id: string): Promise<boolean> {
  if (!entryById(id)) return false;
  set((state) => ({ confirmed: state.confirmed.includes(id) ? state.confirmed : [...state.confirmed, id] }));
  return true;
}

/** Puts an overridden trade back to the engine's proposal (archetype and label); the note stays. */
export async function restoreProposal(api: Api, id: string): Promise<boolean> {
  const entry = entryById(id);
  if (!entry || entry.label_source !== 'manual') return false;
  return overrideTrade(api, id, engineProposalOf(entry));
}

/**
 * Splits the staged multi-leg trade into its legs, or groups the selected trade with another into one; the
 * selection moves to the first new trade. A refusal (not one position) is kept for the detail pane.
 */
export async function regroupTrades(api: Api, change: { readonly split: string } | { readonly group: readonly string[] }): Promise<boolean> {
  const before = new Set(get().batch?.entries.map((entry) => entry.id) ?? []);
  const result = await api.invoke('staging.regroup', 'split' in change ? { split: change.split } : { group: [...change.group] });
  if (!result.ok) {
    set({ overrideError: result.error });
    return false;
  }
  setBatch(result.value);
  const fresh = result.value.entries.find((entry) => !before.has(entry.id));
  set({ overrideError: null, ...(fresh ? { selectedId: fresh.id } : {}) });
  return true;
}

export async function openCommit(api: Api): Promise<void> {
  set({ commit: { open: true, status: 'loading', preview: null, error: null } });
  const result = await api.invoke('staging.preview', {});
  if (!get().commit.open) return;
  set({
    commit: result.ok
      ? { open: true, status: 'ready', preview: result.value, error: null }
      : { open: true, status: 'error', preview: null, error: result.error },
  });
}

export function closeCommit(): void {
  if (get().commit.status === 'committing') return;
  set({ commit: closedCommit });
}

/** Writes the batch to the journal; on success the batch is empty (the main process cleared it). */
export async function commitBatch(api: Api): Promise<CommitResult | null> {
  const preview = get().commit.preview;
  set({ commit: { open: true, status: 'committing', preview, error: null } });
  const result = await api.invoke('staging.commit', {});
  if (!result.ok) {
    set({ commit: { open: true, status: 'error', preview, error: result.error } });
    return null;
  }
  set({ commit: closedCommit, confirmed: [], selectedId: null });
  await loadBatch(api);
  return result.value;
}

/** Drops the whole staged batch (nothing was written to the journal). */
export async function discardBatch(api: Api): Promise<boolean> {
  const result = await api.invoke('staging.unstage', {});
  if (!result.ok) {
    set({ overrideError: result.error });
    return false;
  }
  set({ confirmed: [] });
  setBatch(result.value);
  return true;
}

// ---------- hooks ----------

export const useReviewStatus = () => useReviewStore((state) => state.status);
export const useReviewError = () => useReviewStore((state) => state.error);
export const useStagedBatch = () => useReviewStore((state) => state.batch);
export const useStagedCount = (): number => useReviewStore((state) => state.batch?.entries.length ?? 0);
export const useSelectedId = () => useReviewStore((state) => state.selectedId);
export const useSort = () => useReviewStore((state) => state.sort);
export const useSaving = () => useReviewStore((state) => state.saving);
export const useConfirmed = () => useReviewStore((state) => state.confirmed);
export const useOverrideError = () => useReviewStore((state) => state.overrideError);
export const useCommitDialog = () => useReviewStore((state) => state.commit);
export const useSelectedEntry = (): JournalEntry | null =>
  useReviewStore((state) => state.batch?.entries.find((entry) => entry.id === state.selectedId) ?? null);
