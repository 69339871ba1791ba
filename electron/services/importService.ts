import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { TradeRecord } from '../../shared/domain/trade.ts';
import { ServiceError } from '../../shared/ipc/errors.ts';
import type { FileInput, ImportOutcome, ImportProgress } from '../../shared/ipc/schemas.ts';
import { toBatchView, toFileReport, toRowError, toWarning } from './batchView.ts';
import type { JournalHolder } from './journalHolder.ts';
import type { Dialogs, ImportBundleFn } from './ports.ts';
import type { SettingsService } from './settingsService.ts';

/** Files above this size are refused with a message, rather than freezing the app on a wrong pick. */
export const MAX_IMPORT_FILE_BYTES = 200 * 1024 * 1024;

type Progress = (event: ImportProgress) => void;

const STAGE_MESSAGES = {
  reading: 'Reading the stored bars and context of the trades\' days',
  scoring: 'Scoring trades',
  writing: 'Saving the staged batch',
} as const;

export type ImportService = {
  importFiles(files: readonly FileInput[], progress: Progress): Promise<ImportOutcome>;
  importPaths(paths: readonly string[], progress: Progress): Promise<ImportOutcome>;
  pick(progress: Progress): Promise<{ cancelled: boolean; outcome: ImportOutcome | null }>;
  manualTrade(trade: TradeRecord): Promise<ImportOutcome>;
};

export function createImportService(deps: {
  readonly journal: JournalHolder;
  readonly importBundle: ImportBundleFn;
  readonly settings: SettingsService;
  readonly dialogs?: Dialogs;
}): ImportService {
  const importFiles = async (files: readonly FileInput[], progress: Progress): Promise<ImportOutcome> => {
    const total = files.length;
    progress({ phase: 'parsing', done: 0, total, message: `Reading ${describeFiles(files)}` });
    let bundle: unknown;
    // Read inside the journal's turn: the positions a previous import left open are matched with this one's fills.
    const staged = await deps.journal.exclusive(async (store) => {
      const carried = store.openPositions ? await store.openPositions() : [];
      try {
        bundle = deps.importBundle([...files], { carried });
      } catch (error) {
        throw new ServiceError('import_rejected', `Could not read ${describeFiles(files)}: ${messageOf(error)}`);
      }
      return store.stage(bundle as never, {
        onProgress: (step) => progress({ phase: step.phase, done: step.done, total: step.total, message: STAGE_MESSAGES[step.phase] }),
      });
    });
    progress({ phase: 'staging', done: total, total, message: 'Staged for review' });
    const batch = toBatchView(staged);
    const detail = asRecord(bundle);
    const report = {
      files: Array.isArray(detail.files) ? detail.files.map(toFileReport) : batch.files,
      errors: Array.isArray(detail.errors) ? detail.errors.map(toRowError) : [],
      warnings: Array.isArray(detail.warnings) ? detail.warnings.map(toWarning) : [],
      ...tradeCounts(detail, batch.already_committed),
    };
    progress({ phase: 'done', done: total, total, message: `Staged ${report.staged} trade${report.staged === 1 ? '' : 's'}` });
    return { batch, report };
  };

  const importPaths = async (paths: readonly string[], progress: Progress): Promise<ImportOutcome> => {
    const files: FileInput[] = [];
    for (const [index, path] of paths.entries()) {
      progress({ phase: 'reading', done: index, total: paths.length, message: `Reading ${basename(path)}` });
      files.push({ name: basename(path), text: await readText(path) });
    }
    await deps.settings.addRecentFiles(paths);
    return importFiles(files, progress);
  };

  return {
    importFiles,
    importPaths,
    async pick(progress) {
      if (!deps.dialogs) throw new ServiceError('unsupported', 'The file dialog is only in the desktop app; drop the files here or use "Choose files".');
      const paths = await deps.dialogs.openImportFiles();
      if (!paths || paths.length === 0) return { cancelled: true, outcome: null };
      return { cancelled: false, outcome: await importPaths(paths, progress) };
    },
    async manualTrade(trade) {
      // A hand-typed trade goes through the same importer as a file, so it is checked the same way.
      return importFiles([{ name: 'manual entry', text: `${JSON.stringify(trade)}\n`, kind: 'trades' }], () => {});
    },
  };
}

async function readText(path: string): Promise<string> {
  try {
    const info = await stat(path);
    if (info.size > MAX_IMPORT_FILE_BYTES) {
      throw new ServiceError('import_rejected', `${basename(path)} is ${Math.round(info.size / 1e6)} MB; QThink reads files up to 200 MB. Split it by date and import the parts.`);
    }
    return await readFile(path, 'utf8');
  } catch (error) {
    if (error instanceof ServiceError) throw error;
    throw new ServiceError('io', `Could not read ${basename(path)}: ${messageOf(error)}`);
  }
}

/** How many of this import's trades were staged, and how many were already in the journal. */
function tradeCounts(detail: Record<string, unknown>, alreadyCommitted: readonly string[]): { staged: number; already_committed: number } {
  const trades = Array.isArray(detail.trades) ? detail.trades : [];
  const ids = new Set(trades.map((trade) => String(asRecord(trade).id)));
  const committed = new Set(alreadyCommitted);
  const already = [...ids].filter((id) => committed.has(id)).length;
  return { staged: ids.size - already, already_committed: already };
}

function describeFiles(files: readonly { name: string }[]): string {
  if (files.length === 1) return files[0]?.name ?? 'the file';
  return `${files.length} files`;
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
