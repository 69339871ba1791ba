import { create } from 'zustand';
import type { JournalEntry } from '../../shared/domain/journal.ts';
import type { TradeRecordInput } from '../../shared/domain/trade.ts';
import { tradingDay } from '../../shared/ipc/views.ts';
import type { Api } from '../../shared/ipc/contract.ts';
import type { ApiError, FileKind, ImportOutcome, ImportProgress, StagedBatch } from '../../shared/ipc/schemas.ts';

/**
 * The import slice: files waiting to be imported (with the kind the trader chose or 'auto'), the import in
 * flight with its progress, and the last outcome with its per-row errors.
 */

export type KindChoice = FileKind | 'auto';

export type PendingFile = {
  readonly key: string;
  readonly name: string;
  readonly size: number;
  readonly text: string;
  readonly kind: KindChoice;
  /** What the file looks like from its name and first lines; the importer decides for real. */
  readonly guess: FileKind | null;
};

/** How an import merged into the staged batch, by trade id. */
export type MergeSummary = { readonly added: number; readonly updated: number; readonly alreadyCommitted: number };

export type ImportState = {
  readonly files: readonly PendingFile[];
  readonly status: 'idle' | 'importing' | 'done' | 'error';
  readonly progress: ImportProgress | null;
  readonly outcome: ImportOutcome | null;
  readonly merge: MergeSummary | null;
  readonly error: ApiError | null;
  /** Show only the row errors of this file; null for all. */
  readonly errorFile: string | null;
  /** The example day is already in the journal; null until checked. */
  readonly exampleCommitted: boolean | null;
};

export function emptyImportState(): ImportState {
  return { files: [], status: 'idle', progress: null, outcome: null, merge: null, error: null, errorFile: null, exampleCommitted: null };
}

export const useImportStore = create<ImportState>()(() => emptyImportState());

export function resetImportState(): void {
  useImportStore.setState(emptyImportState(), true);
}

const set = (patch: Partial<ImportState> | ((state: ImportState) => Partial<ImportState>)) => useImportStore.setState(patch);
const get = () => useImportStore.getState();

// ---------- pure helpers ----------

/**
 * A first guess at a file's kind from its name and first lines, shown as "auto (trades)". Only a hint for
 * the trader: the main process's detector reads the whole header and has the last word.
 */
export function guessKind(name: string, text: string): FileKind | null {
  const lower = name.toLowerCase();
  const head = text.slice(0, 4000).toLowerCase();
  const firstLine = head.split(/\r?\n/).find((line) => line.trim() !== '') ?? '';
  if (/\bsignal|timeline/.test(lower) || (/"agent"\s*:/.test(firstLine) && /"polarity"\s*:/.test(firstLine) && !/"strike"/.test(firstLine))) return 'signals';
  if (/"entry_time"|"strike"/.test(firstLine)) return 'trades';
  if (lower.endsWith('.json') && /max_pain|gex_flip|call_wall|put_wall|atm_iv/.test(head)) return 'context';
  if (/\bchain|quotedata|option[-_]?chain/.test(lower) || (/strike/.test(head) && /open ?int/.test(head))) return 'chain';
  if (/\bopen\b/.test(firstLine) && /\bhigh\b/.test(firstLine) && /\blow\b/.test(firstLine) && /\bclose\b/.test(firstLine)) return 'bars';
  if (/\bbars?\b|1m|1min|minute/.test(lower) && /open/.test(head)) return 'bars';
  if (/symbol|qty|quantity|price|fill|trade|exec|description/.test(head)) return 'trades';
  return null;
}

/** new = ids not staged before; updated = the rest of what this import proposed (merged by trade id). */
export function mergeSummary(previousIds: ReadonlySet<string>, outcome: ImportOutcome): MergeSummary {
  const added = outcome.batch.entries.filter((entry) => !previousIds.has(entry.id)).length;
  return {
    added,
    updated: Math.max(0, outcome.report.staged - added),
    alreadyCommitted: outcome.report.already_committed,
  };
}

/**
 * The bundled example day (examples/example-day, its day given by app.info): every trade carries
 * `"synthetic": true`. Loading it again once it is staged or committed would only merge the same trades.
 */
export function isExampleEntry(entry: JournalEntry, exampleDay: string | null): boolean {
  // Other synthetic data (the benchmark's) is marked too, so the day must match as well.
  return exampleDay !== null && (entry.trade as { readonly synthetic?: unknown }).synthetic === true && tradingDay(entry) === exampleDay;
}

export type ExampleDayStatus = 'available' | 'staged' | 'committed';

/** Staged wins over committed: the trader's next step is then to review it. */
export function exampleDayStatus(staged: readonly JournalEntry[], committed: boolean | null, exampleDay: string | null): ExampleDayStatus {
  if (staged.some((entry) => isExampleEntry(entry, exampleDay))) return 'staged';
  return committed ? 'committed' : 'available';
}

/** Rows rejected: one row can fail on several fields, each listed as its own error. */
export function rejectedRowCount(errors: readonly { readonly file: string; readonly line: number }[]): number {
  return new Set(errors.map((error) => `${error.file}\u0000${error.line}`)).size;
}

let nextKey = 1;

// ---------- actions ----------

/** Reads dropped or picked File objects as text (the renderer never sees paths) and queues them. */
export async function addFiles(files: readonly File[]): Promise<void> {
  const read = await Promise.all(
    files.map(async (file): Promise<PendingFile> => {
      const text = await file.text();
      return { key: `f${nextKey++}`, name: file.name, size: file.size, text, kind: 'auto', guess: guessKind(file.name, text) };
    }),
  );
  set((state) => ({
    // The same name again replaces the queued copy: a re-dropped file is the newer version.
    files: [...state.files.filter((queued) => !read.some((added) => added.name === queued.name)), ...read],
  }));
}

export function setFileKind(key: string, kind: KindChoice): void {
  set((state) => ({ files: state.files.map((file) => (file.key === key ? { ...file, kind } : file)) }));
}

export function removeFile(key: string): void {
  set((state) => ({ files: state.files.filter((file) => file.key !== key) }));
}

export function clearFiles(): void {
  set({ files: [] });
}

export function setErrorFile(name: string | null): void {
  set({ errorFile: name });
}

type Runner = (onProgress: (event: ImportProgress) => void) => Promise<{ ok: true; value: ImportOutcome } | { ok: false; error: ApiError } | null>;

/**
 * Runs one import and records its outcome; `previous` is the staged batch before it, to tell new trades
 * from merged ones. Returns the outcome (null when it failed or the trader cancelled a dialog).
 */
async function run(previous: StagedBatch | null, runner: Runner, clearQueue: boolean): Promise<ImportOutcome | null> {
  const previousIds = new Set(previous?.entries.map((entry) => entry.id) ?? []);
  set({ status: 'importing', progress: null, error: null });
  const result = await runner((event) => set({ progress: event }));
  if (result === null) {
    set({ status: get().outcome ? 'done' : 'idle', progress: null });
    return null;
  }
  if (!result.ok) {
    set({ status: 'error', progress: null, error: result.error });
    return null;
  }
  set({
    status: 'done',
    progress: null,
    outcome: result.value,
    merge: mergeSummary(previousIds, result.value),
    errorFile: null,
    ...(clearQueue ? { files: [] } : {}),
  });
  return result.value;
}

export function importQueued(api: Api, previous: StagedBatch | null): Promise<ImportOutcome | null> {
  const files = get().files.map((file) => (file.kind === 'auto' ? { name: file.name, text: file.text } : { name: file.name, text: file.text, kind: file.kind }));
  if (files.length === 0) return Promise.resolve(null);
  return run(previous, (onProgress) => api.invoke('import.files', { files }, { onProgress }), true);
}

/** Electron's native open dialog, then the same import. */
export function importPicked(api: Api, previous: StagedBatch | null): Promise<ImportOutcome | null> {
  return run(
    previous,
    async (onProgress) => {
      const result = await api.invoke('import.pick', {}, { onProgress });
      if (!result.ok) return result;
      if (result.value.cancelled || !result.value.outcome) return null;
      return { ok: true, value: result.value.outcome };
    },
    false,
  );
}

export function importManual(api: Api, previous: StagedBatch | null, trade: TradeRecordInput): Promise<ImportOutcome | null> {
  return run(previous, () => api.invoke('import.manualTrade', { trade }), false);
}

export function importExample(api: Api, previous: StagedBatch | null): Promise<ImportOutcome | null> {
  return run(previous, (onProgress) => api.invoke('example.load', {}, { onProgress }), false);
}

/** Asks the journal whether the example day's trades are committed (one day's entries, not the journal). */
export async function checkExampleDay(api: Api, exampleDay: string | null): Promise<void> {
  if (exampleDay === null) return;
  const result = await api.invoke('journal.list', { from: exampleDay, to: exampleDay });
  // Unknown stays unknown on failure: the button then stays, and loading again only merges by trade id.
  if (result.ok) set({ exampleCommitted: result.value.entries.some((entry) => isExampleEntry(entry, exampleDay)) });
}

// ---------- hooks ----------

export const useQueuedFiles = () => useImportStore((state) => state.files);
export const useImportStatus = () => useImportStore((state) => state.status);
export const useImportProgress = () => useImportStore((state) => state.progress);
export const useImportOutcome = () => useImportStore((state) => state.outcome);
export const useMergeSummary = () => useImportStore((state) => state.merge);
export const useImportError = () => useImportStore((state) => state.error);
export const useErrorFile = () => useImportStore((state) => state.errorFile);
export const useExampleCommitted = () => useImportStore((state) => state.exampleCommitted);
