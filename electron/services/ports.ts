import type { FinalLabel, JournalEntry, SetupArchetype, TimeBlockGroup } from '../../shared/domain/journal.ts';
import type { Bar } from '../../shared/domain/market.ts';
import type { FileInput, Settings } from '../../shared/ipc/schemas.ts';
import type { Logger } from '../logger.ts';

/**
 * What the services need from the outside world, as small interfaces: the journal store (electron/journal),
 * the importer, settings persistence and the native dialogs. Electron and the bridge plug in their own;
 * tests plug in temp directories. Methods may answer synchronously or with a promise.
 */
type MaybePromise<T> = T | Promise<T>;

export type StoreFilter = {
  from?: string;
  to?: string;
  time_block?: TimeBlockGroup;
  setup_archetype?: SetupArchetype;
  final_label?: FinalLabel;
  agent?: string;
};

/** The staged batch as the store keeps it; the services normalise it into the contract's view. */
export type StoreStagedBatch = {
  readonly entries: readonly JournalEntry[];
  readonly errors?: readonly unknown[];
  readonly warnings?: readonly unknown[];
  readonly files?: readonly unknown[];
  readonly already_committed?: readonly unknown[] | number;
  readonly updated_at?: string | null;
  readonly coverage?: readonly unknown[];
};

// Method syntax on purpose: the store's bundle type is its own, and method parameters compare bivariantly.
export type JournalStorePort = {
  stage(bundle: never, options?: { onProgress?: StoreProgress }): MaybePromise<StoreStagedBatch>;
  getStaged(): MaybePromise<StoreStagedBatch | null | undefined>;
  override(id: string, changes: { setup_archetype?: SetupArchetype; final_label?: FinalLabel; note?: string }): MaybePromise<JournalEntry>;
  unstage(ids?: string[]): MaybePromise<unknown>;
  regroup?(change: { readonly split: string } | { readonly group: readonly string[] }): MaybePromise<unknown>;
  /** Fills of positions left open by earlier imports, handed to the next import (absent in test doubles without broker state). */
  openPositions?(): MaybePromise<readonly unknown[]>;
  commit(options?: { onProgress?: (done: number, total: number) => void }): MaybePromise<{ added: number; skipped: number; total: number }>;
  listCommitted(filter?: StoreFilter): MaybePromise<readonly JournalEntry[]>;
  readDerived(name: string): MaybePromise<string | null | undefined>;
  getBars(symbol: string, date: string): MaybePromise<readonly Bar[]>;
  export(format: 'csv' | 'json' | 'md', filter?: StoreFilter): MaybePromise<string>;
  weights(): MaybePromise<unknown>;
  committedCount?(): number;
  /** What opening repaired or set aside by itself (a cut-off last line, stale derived files…), one sentence each. */
  readonly notices?: readonly string[];
  close?(): MaybePromise<void>;
};

/** electron/journal/repair.ts's answer: what `qthink repair` kept, moved and set aside (paths relative to the data directory). */
export type StoreRepairResult = {
  readonly kept: number;
  readonly moved: readonly { readonly line: number; readonly reason: string }[];
  readonly movedTo: string | null;
  readonly backup: string | null;
  readonly setAsideCommit: string | null;
};

/** The store's progress while staging: reading market data, scoring trades, writing the batch. */
export type StoreProgress = (progress: { readonly phase: 'reading' | 'scoring' | 'writing'; readonly done: number; readonly total: number }) => void;

/** shared/importers/importBundle: text in, a bundle the store can stage out (bad rows as data inside). */
export type ImportBundleFn = (files: FileInput[], options?: { readonly carried?: readonly unknown[] }) => unknown;

export type SettingsStore = {
  load(): Promise<Partial<Settings>>;
  save(settings: Settings): Promise<void>;
};

/** Native dialogs (Electron only); absent in browser mode, where the renderer uses file inputs and downloads. */
export type Dialogs = {
  /** Paths the trader chose, or null when they cancelled. */
  openImportFiles(): Promise<string[] | null>;
  /** The path to save to, or null when they cancelled. */
  saveFile(defaultName: string): Promise<string | null>;
};

export type ServiceDeps = {
  readonly version: string;
  readonly mode: 'electron' | 'browser';
  readonly dataDir: string;
  readonly openJournal: (dataDir: string) => Promise<JournalStorePort>;
  /** Moves what a rebuild would reject to backups/ and rebuilds; takes the writer lock, so the store must be closed. */
  readonly repairJournal: (dataDir: string) => Promise<StoreRepairResult>;
  readonly importBundle: ImportBundleFn;
  readonly settings: SettingsStore;
  readonly dialogs?: Dialogs;
  /** Folder of the bundled example day (trades, bars, context files). */
  readonly exampleDir: string;
  readonly logger: Logger;
};
