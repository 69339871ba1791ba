import type { CliArgs } from './args.ts';
import { EXIT_OK, EXIT_REJECTED, progressLine, type CliIo } from './io.ts';
import { fileReport, stageInputFiles } from './stageFiles.ts';
import { withStore } from './withStore.ts';

/** `qthink process`: import and commit in one step. */
export async function processCommand(args: CliArgs, io: CliIo): Promise<number> {
  return withStore(args, io, async (store) => {
    const { bundle, newlyStaged } = await stageInputFiles(args, io, store);
    io.out(fileReport(bundle));
    const progress = progressLine(io);
    const result = await store.commit({ onProgress: (done, total) => progress.onProgress({ phase: 'writing', done, total }) }).finally(progress.done);
    const skipped = result.skipped + (bundle.trades.length - newlyStaged);
    io.out(`Committed ${result.added} trade${result.added === 1 ? '' : 's'}${skipped > 0 ? `, ${skipped} already in the journal` : ''}; the journal holds ${result.total}.\n`);
    io.out(`Journal files in ${store.dataDir}\n`);
    return bundle.errors.length > 0 ? EXIT_REJECTED : EXIT_OK;
  });
}
