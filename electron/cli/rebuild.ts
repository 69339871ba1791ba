import type { CliArgs } from './args.ts';
import { EXIT_OK, EXIT_REJECTED, type CliIo } from './io.ts';
import { withStore } from './withStore.ts';

/** `qthink rebuild [--check]`: regenerate every derived file from sync_log.jsonl; --check only compares (exit 1 on a difference). */
export async function rebuildCommand(args: CliArgs, io: CliIo): Promise<number> {
  return withStore(args, io, async (store) => {
    let shown = 0;
    const result = await store.rebuild({
      check: args.check,
      onProgress: (entries) => {
        if (!io.isTTY) return;
        shown = entries;
        io.err(`\r\x1b[2Kreading ${entries} entries`);
      },
    });
    if (shown > 0) io.err('\r\x1b[2K');
    if (result.identical) {
      io.out(`All ${result.files.length} derived files are identical to a rebuild from sync_log.jsonl.\n`);
      return EXIT_OK;
    }
    if (args.check) {
      io.out(`Differ from a rebuild (nothing written): ${result.differences.join(', ')}\n`);
      return EXIT_REJECTED;
    }
    io.out(`Rebuilt from sync_log.jsonl: ${result.differences.join(', ')}\n`);
    return EXIT_OK;
  }, { readOnly: args.check });
}
