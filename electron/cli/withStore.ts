import { openJournal, type JournalStore } from '../journal/index.ts';
import type { CliArgs } from './args.ts';
import type { CliIo } from './io.ts';

/** Opens the data directory's journal for one command, says what opening repaired, and always releases its lock. */
export async function withStore<T>(args: CliArgs, io: CliIo, task: (store: JournalStore) => Promise<T>, options: { readOnly?: boolean } = {}): Promise<T> {
  const store = await openJournal(args.dataDir, options.readOnly ? { readOnly: true } : {});
  for (const notice of store.notices) io.err(`qthink: note: ${notice}\n`);
  try {
    return await task(store);
  } finally {
    await store.close();
  }
}
