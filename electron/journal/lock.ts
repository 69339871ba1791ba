import { open, readFile, rm } from 'node:fs/promises';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { LOCK_FILE } from './layout.ts';

/** A second writer on the same data directory (another app window, a CLI run, a bridge). */
export class JournalLockedError extends Error {
  readonly kind = 'conflict';
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(`the journal in ${dataDir} is in use by another QThink process (pid ${pid}); close it first, or remove ${join(dataDir, LOCK_FILE)} if that process is gone`);
    this.name = 'JournalLockedError';
  }
}

/** Directories this process holds: a lock with our own pid that is not in here was left by a crashed store. */
const heldHere = new Set<string>();

export type JournalLock = { readonly release: () => Promise<void> };

/**
 * Takes the pid lock file with an exclusive create. A lock whose process is gone is stale and taken over;
 * a live one refuses with JournalLockedError.
 */
export async function acquireLock(dataDir: string): Promise<JournalLock> {
  const dir = resolve(dataDir);
  const path = join(dir, LOCK_FILE);
  await mkdir(dir, { recursive: true });
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      const handle = await open(path, 'wx');
      try {
        await handle.writeFile(`${process.pid}\n`, 'utf8');
      } finally {
        await handle.close();
      }
      heldHere.add(dir);
      let released = false;
      return {
        release: async () => {
          if (released) return;
          released = true;
          heldHere.delete(dir);
          await rm(path, { force: true });
        },
      };
    } catch (error) {
      if (!isExists(error)) throw error;
      const owner = await lockOwner(path);
      if (owner !== null && isAlive(owner) && (owner !== process.pid || heldHere.has(dir))) throw new JournalLockedError(dir, owner);
      await rm(path, { force: true });
    }
  }
  throw new Error(`could not take the lock ${path}`);
}

async function lockOwner(path: string): Promise<number | null> {
  try {
    const pid = Number.parseInt((await readFile(path, 'utf8')).trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else, so it is alive.
    return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'EPERM';
  }
}

function isExists(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'EEXIST';
}
