/**
 * One racing writer of the lock race (lockRace.ts): a separate process that, on `go`, tries to become the
 * journal's writer at an agreed instant and reports whether it did. A winner holds on until told to finish,
 * so every racer's attempt overlaps the winner's hold.
 */
import { acquireLock, JournalLockedError, type JournalLock } from '../../electron/journal/lock.ts';
import { openJournal, type JournalStore } from '../../electron/journal/store.ts';

export type RaceCommand =
  | { readonly type: 'go'; readonly dir: string; readonly at: number; readonly mode: 'lock' | 'commit' }
  | { readonly type: 'finish' }
  | { readonly type: 'exit' };

export type RaceReport =
  | { readonly type: 'ready' }
  | { readonly type: 'acquired' }
  | { readonly type: 'refused'; readonly pid: number | null; readonly message: string }
  | { readonly type: 'failed'; readonly message: string }
  | { readonly type: 'finished'; readonly added: number };

const send = (report: RaceReport): void => {
  process.send?.(report);
};

let held: { lock?: JournalLock; store?: JournalStore } = {};

process.on('message', (command: RaceCommand) => {
  void handle(command).catch((error: unknown) => send({ type: 'failed', message: error instanceof Error ? error.stack ?? error.message : String(error) }));
});

async function handle(command: RaceCommand): Promise<void> {
  if (command.type === 'exit') process.exit(0);
  if (command.type === 'finish') {
    let added = 0;
    if (held.store) {
      added = (await held.store.commit()).added;
      await held.store.close();
    }
    await held.lock?.release();
    held = {};
    send({ type: 'finished', added });
    return;
  }
  while (Date.now() < command.at) {
    // Spin to the agreed instant, so the racers start within a fraction of a millisecond of each other.
  }
  try {
    if (command.mode === 'lock') held = { lock: await acquireLock(command.dir) };
    else held = { store: await openJournal(command.dir) };
    send({ type: 'acquired' });
  } catch (error) {
    if (error instanceof JournalLockedError) send({ type: 'refused', pid: error.pid, message: error.message });
    else send({ type: 'failed', message: error instanceof Error ? error.stack ?? error.message : String(error) });
  }
}

send({ type: 'ready' });
