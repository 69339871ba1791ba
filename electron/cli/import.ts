import type { CliArgs } from './args.ts';
import { EXIT_OK, EXIT_REJECTED, type CliIo } from './io.ts';
import { fileReport, stageInputFiles } from './stageFiles.ts';
import { withStore } from './withStore.ts';

/** `qthink import`: stage the files for review; nothing is written to the journal logs. */
export async function importCommand(args: CliArgs, io: CliIo): Promise<number> {
  return withStore(args, io, async (store) => {
    const { bundle, staged, newlyStaged } = await stageInputFiles(args, io, store);
    io.out(fileReport(bundle));
    const already = bundle.trades.length - newlyStaged;
    io.out(`Staged ${newlyStaged} trade${newlyStaged === 1 ? '' : 's'}${already > 0 ? ` (${already} already in the journal, left out)` : ''}; the batch now holds ${staged.entries.length}.\n`);
    io.out(`Review with: qthink review --data-dir ${store.dataDir}\nThen commit: qthink commit --data-dir ${store.dataDir}\n`);
    return bundle.errors.length > 0 ? EXIT_REJECTED : EXIT_OK;
  });
}
