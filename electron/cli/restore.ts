import { restoreArchive } from '../journal/archive.ts';
import { UsageError, type CliArgs } from './args.ts';
import { EXIT_OK, type CliIo } from './io.ts';
import { withStore } from './withStore.ts';

/** `qthink restore ARCHIVE [--data-dir D]`: a journal archive into an empty data directory, then opened and checked. */
export async function restoreCommand(args: CliArgs, io: CliIo): Promise<number> {
  const archive = args.rest[0];
  if (archive === undefined) throw new UsageError('restore needs the archive file: qthink restore FILE.qthink --data-dir DIR');
  const header = await restoreArchive(archive, args.dataDir);
  return withStore(args, io, async (store) => {
    const check = await store.rebuild({ check: true });
    io.out(`Restored ${store.committedCount()} trades and ${header.files.filter((file) => file.path.startsWith('market/')).length} market files into ${store.dataDir}; derived files ${check.identical ? 'rebuilt and checked' : `differ: ${check.differences.join(', ')}`}\n`);
    return check.identical ? EXIT_OK : 1;
  });
}
