import { relative } from 'node:path';

/**
 * The machine refused a journal file: the folder is read-only or another user's, the disk is full, a file
 * stands where a folder should be. One sentence naming the file, the cause and the remedy; nothing was
 * changed (every write goes to a temp file first).
 */
export class JournalEnvironmentError extends Error {
  readonly kind = 'io';
  constructor(
    readonly dataDir: string,
    readonly file: string,
    readonly code: string,
  ) {
    const { cause, remedy } = ENVIRONMENT_CAUSES[code] ?? { cause: code, remedy: 'check the folder and run the command again' };
    super(`cannot write ${file} in ${dataDir}: ${cause}; nothing was changed; ${remedy}`);
    this.name = 'JournalEnvironmentError';
  }
}

const CHOOSE_ANOTHER = 'choose a data directory you can write to (--data-dir, QTHINK_DATA_DIR, or Settings in the app)';

const ENVIRONMENT_CAUSES: Readonly<Record<string, { cause: string; remedy: string }>> = {
  EACCES: { cause: 'permission denied (the folder belongs to another user or is not writable)', remedy: `${CHOOSE_ANOTHER}, or give yourself write permission on it` },
  EPERM: { cause: 'the operation is not permitted (a locked or protected folder)', remedy: `${CHOOSE_ANOTHER}, or unlock the folder` },
  EROFS: { cause: 'the disk is mounted read-only', remedy: CHOOSE_ANOTHER },
  ENOSPC: { cause: 'the disk is full', remedy: 'free some space on it and run the command again' },
  EDQUOT: { cause: 'your disk quota is used up', remedy: 'free some space and run the command again' },
  ENOTDIR: { cause: 'a file stands where a folder should be', remedy: 'move that file away, or choose another data directory' },
  EISDIR: { cause: 'a folder stands where a file should be', remedy: 'move that folder away, or choose another data directory' },
  EMFILE: { cause: 'too many files are open', remedy: 'close other programs and run the command again' },
  EIO: { cause: 'the disk reported an input/output error', remedy: 'check the disk, then run the command again' },
};

/** The error as a JournalEnvironmentError when it is one of the causes above; null otherwise (a bug: let it be one). */
export function asEnvironmentError(error: unknown, dataDir: string): JournalEnvironmentError | null {
  if (error instanceof JournalEnvironmentError) return error;
  if (typeof error !== 'object' || error === null) return null;
  const { code, path } = error as { code?: unknown; path?: unknown };
  if (typeof code !== 'string' || !(code in ENVIRONMENT_CAUSES)) return null;
  const where = typeof path === 'string' ? relative(dataDir, path) : '';
  const file = where === '' ? '(the folder itself)' : where.startsWith('..') ? (path as string) : where;
  return new JournalEnvironmentError(dataDir, file, code);
}
