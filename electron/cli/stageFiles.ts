import { coverageSummary } from '../../shared/importers/coverage.ts';
import { escapeControlChars } from '../../shared/domain/safeText.ts';
import { importBundle, type ImportBundle } from '../../shared/importers/importBundle.ts';
import type { JournalStore, StagedBatch } from '../journal/index.ts';
import { UsageError, type CliArgs } from './args.ts';
import { printRowErrors, progressLine, readInputFiles, type CliIo } from './io.ts';

export type StageOutcome = { readonly bundle: ImportBundle; readonly staged: StagedBatch; readonly newlyStaged: number };

/** Reads the named files, reports bad rows on stderr, and stages the rest (shared by `import` and `process`). */
export async function stageInputFiles(args: CliArgs, io: CliIo, store: JournalStore): Promise<StageOutcome> {
  const files = await readInputFiles(args);
  if (files.length === 0) throw new UsageError('name at least one file: --trades F (and optionally --bars F, --context F, --chain F, --signals F)');
  const bundle = importBundle(files, {
    ...(args.tz === undefined ? {} : { tz: args.tz }),
    ...(args.format === undefined ? {} : { brokerFormat: args.format }),
    ...(args.window === undefined ? {} : { signalWindowMinutes: args.window }),
    asOf: Date.now(),
    carried: await store.openPositions(),
  });
  printRowErrors(io, bundle.errors);
  // A file at fault as a whole (empty, not text) has no row to name; a cut-off row is among the errors already.
  for (const file of bundle.files) if (file.problem !== undefined && !bundle.errors.some((error) => error.reason === file.problem)) io.err(`${escapeControlChars(file.problem)}\n`);
  for (const warning of bundle.warnings) io.err(`warning: ${warning}\n`);
  const progress = progressLine(io);
  try {
    const staged = await store.stage(bundle, { onProgress: progress.onProgress });
    progress.done();
    for (const line of coverageSummary(staged.coverage)) io.out(`coverage: ${line}\n`);
    const newlyStaged = bundle.trades.filter((trade) => !staged.already_committed.includes(trade.id)).length;
    return { bundle, staged, newlyStaged };
  } finally {
    progress.done();
  }
}

/** One line per file: what it was read as and how many records and rejected rows it gave. */
export function fileReport(bundle: ImportBundle): string {
  return bundle.files
    .map((file) => `  ${file.name}: ${file.kind}${file.format ? ` (${file.format})` : ''}, ${file.records} read${file.rejected > 0 ? `, ${file.rejected} rejected` : ''}\n`)
    .join('');
}
