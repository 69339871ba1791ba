import { openJournal, type JournalStore } from '../journal/index.ts';
import type { CliArgs } from './args.ts';
import type { CliIo } from './io.ts';

/** Opens the data directory's journal for one command, says what it repaired, and always releases its lock. */
export async function withStore<T>(args: CliArgs, io: CliIo, task: (store: JournalStore) => Promise<T>, options: { readOnly?: boolean } = {}): Promise<T> {
  const store = await openJournal(args.dataDir, options.readOnly ? { readOnly: true } : {});
  let told = 0;
  const tell = (): void => {
    for (const notice of store.notices.slice(told)) io.err(`qthink: note: ${notice}\n`);
    told = store.notices.length;
  };
  tell();
  try {
    return await task(store);
  } finally {
    // A read during the command can set something aside too (an unreadable staged batch).
    tell();
    await store.close();
  }
}
