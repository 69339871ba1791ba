import type { CliArgs } from './args.ts';
import { EXIT_OK, printRowErrors, type CliIo } from './io.ts';
import { reviewTable } from './tables.ts';
import { withStore } from './withStore.ts';

/** `qthink review [--json]`: the staged batch as a table (or as JSON for other tools). */
export async function reviewCommand(args: CliArgs, io: CliIo): Promise<number> {
  return withStore(args, io, async (store) => {
    const staged = await store.getStaged();
    if (args.json) {
      io.out(JSON.stringify(staged, null, 2) + '\n');
      return EXIT_OK;
    }
    if (staged.entries.length === 0) {
      io.out(`Nothing is staged in ${store.dataDir}. Stage trades with: qthink import --trades F --data-dir ${store.dataDir}\n`);
      return EXIT_OK;
    }
    io.out(`${reviewTable(staged.entries)}\n`);
    io.out(`\n${staged.entries.length} staged trade${staged.entries.length === 1 ? '' : 's'} (* = your override).`);
    if (staged.already_committed.length > 0) io.out(` Already in the journal, left out: ${staged.already_committed.join(', ')}.`);
    io.out('\nOverride and commit with: qthink commit [--set ID:archetype=X] [--set ID:label=Y] [--note ID:text]\n');
    if (staged.errors.length > 0) {
      io.err(`${staged.errors.length} rejected row${staged.errors.length === 1 ? '' : 's'} in the staged files:\n`);
      printRowErrors(io, staged.errors);
    }
    return EXIT_OK;
  }, { readOnly: true });
}
