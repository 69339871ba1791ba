import { createHash, randomBytes } from 'node:crypto';
import { link, mkdir, open, readdir, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { nodeFs } from './fsOps.ts';
import { LOCK_FILE } from './layout.ts';

/** A second writer on the same data directory (another app window, a CLI run, a bridge). */
export class JournalLockedError extends Error {
  readonly kind = 'conflict';
  constructor(
    readonly dataDir: string,
    /** The holder's pid; null while its lock file cannot be read yet (being written, or damaged and young). */
    readonly pid: number | null,
    readonly host: string | null = null,
  ) {
    const holder = pid === null ? 'another QThink process' : `process ${pid}${host !== null && host !== hostname() ? ` on ${host}` : ''}`;
    super(`the journal in ${dataDir} is in use by ${holder} (another QThink app or command); close it first, or remove ${join(dataDir, LOCK_FILE)} if that process is gone`);
    this.name = 'JournalLockedError';
  }
}

/**
 * A lock file that cannot be read (empty, half-written by an older QThink, or damaged) counts as held until
 * it is this old; after that it is stale. QThink itself never shows a half-written lock: the content is
 * written and fsynced before the file is linked into place.
 */
export const UNREADABLE_LOCK_GRACE_MS = 10_000;

/** What a lock file says: who holds the journal. One JSON line; a bare pid line is read too (older QThink). */
type LockRecord = { readonly pid: number; readonly host: string; readonly token: string; readonly since: string };

/** A lock file as read: its bytes and the identity of the file they came from (inode and mtime). */
type SeenLock = { readonly text: string; readonly identity: string; readonly ageMs: number };

/** Tokens of the locks this process holds or is claiming right now. */
const heldHere = new Set<string>();

export type JournalLock = { readonly release: () => Promise<void> };

const MAX_ATTEMPTS = 200;
const MAX_BREAK_DEPTH = 4;

/**
 * Makes this process the one writer of `dataDir`, or throws JournalLockedError naming the writer that is.
 *
 * Of any number of processes racing, exactly one wins, stale lock or not:
 *  - the claim is atomic: the lock's content is written and fsynced into a unique claim file, which is then
 *    hard-linked to `qthink.lock`; `link` fails when the lock exists, so no one ever replaces a lock, and no
 *    one ever sees it empty;
 *  - a stale lock (its process is gone, or unreadable for longer than the grace period) is removed only by
 *    the racer that wins a second exclusive link, `qthink.lock.break-<id>`, named after that very lock file
 *    (its bytes, inode and mtime); the winner re-reads the lock and removes it only if it is still that file.
 *    Every racer then tries the claim link again, and only one of them can succeed.
 * A break file left by a racer that died mid-break is itself broken the same way.
 */
export async function acquireLock(dataDir: string): Promise<JournalLock> {
  const dir = resolve(dataDir);
  const path = join(dir, LOCK_FILE);
  await mkdir(dir, { recursive: true });
  const record: LockRecord = { pid: process.pid, host: hostname(), token: randomBytes(12).toString('hex'), since: new Date().toISOString() };
  const claim = join(dir, `${LOCK_FILE}.${process.pid}.${record.token}.claim`);
  const recordText = `${JSON.stringify(record)}\n`;
  await nodeFs.writeDurable(claim, recordText);
  heldHere.add(record.token);
  let acquired = false;
  try {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      if (await claimInto(claim, path, recordText)) {
        acquired = true;
        break;
      }
      const seen = await readLock(path);
      if (seen === null) continue;
      const holder = judge(seen);
      if (holder.held) throw new JournalLockedError(dir, holder.pid, holder.host);
      if ((await breakStale(path, seen, 0)) === 'busy') await pause();
    }
  } finally {
    await rm(claim, { force: true });
    if (!acquired) heldHere.delete(record.token);
  }
  if (!acquired) throw new Error(`could not take the lock ${path} after ${MAX_ATTEMPTS} attempts`);
  await removeLeftovers(dir);
  let released = false;
  return {
    release: async () => {
      if (released) return;
      released = true;
      heldHere.delete(record.token);
      const seen = await readLock(path);
      // Never remove a lock that is not ours (ours was judged stale and replaced: another writer holds it now).
      if (seen !== null && parseRecord(seen.text)?.token === record.token) await rm(path, { force: true });
    },
  };
}

/** Links the claim (holding `text`) to the lock path; false when a lock is already there. */
async function claimInto(claim: string, path: string, text: string): Promise<boolean> {
  try {
    await link(claim, path);
    return true;
  } catch (error) {
    if (codeOf(error) === 'EEXIST') return false;
    if (!NO_HARD_LINKS.has(codeOf(error) ?? '')) throw error;
  }
  // A file system without hard links (FAT, some network shares): an exclusive create, then the content.
  // A reader may see it empty for a moment; an unreadable lock counts as held during the grace period.
  let handle;
  try {
    handle = await open(path, 'wx');
  } catch (error) {
    if (codeOf(error) === 'EEXIST') return false;
    throw error;
  }
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  return true;
}

const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV']);

type Holder = { readonly held: true; readonly pid: number | null; readonly host: string | null } | { readonly held: false };

function judge(seen: SeenLock): Holder {
  const record = parseRecord(seen.text);
  if (record === null) return seen.ageMs < UNREADABLE_LOCK_GRACE_MS ? { held: true, pid: null, host: null } : { held: false };
  // Another machine's process (a shared folder) cannot be checked from here: it holds the journal.
  if (record.host !== hostname()) return { held: true, pid: record.pid, host: record.host };
  if (record.pid === process.pid) return heldHere.has(record.token) ? { held: true, pid: record.pid, host: null } : { held: false };
  return isAlive(record.pid) ? { held: true, pid: record.pid, host: null } : { held: false };
}

/**
 * Removes the stale lock file `path` if it is still the file `seen` was read from and this racer wins the
 * right to remove it. 'busy': another racer is removing it; 'done': it is gone or changed, try again.
 */
async function breakStale(path: string, seen: SeenLock, depth: number): Promise<'done' | 'busy'> {
  const breakPath = breakPathOf(path, seen);
  const token = randomBytes(12).toString('hex');
  const claim = `${breakPath}.${process.pid}.${token}.claim`;
  const breakText = `${JSON.stringify({ pid: process.pid, host: hostname(), token, since: new Date().toISOString() })}\n`;
  await nodeFs.writeDurable(claim, breakText);
  heldHere.add(token);
  try {
    if (!(await claimInto(claim, breakPath, breakText))) {
      heldHere.delete(token);
      const breaker = await readLock(breakPath);
      if (breaker !== null && !judge(breaker).held && depth < MAX_BREAK_DEPTH) await breakStale(breakPath, breaker, depth + 1);
      return 'busy';
    }
  } finally {
    await rm(claim, { force: true });
  }
  try {
    const again = await readLock(path);
    if (again !== null && again.identity === seen.identity) await rm(path, { force: true });
    return 'done';
  } finally {
    await rm(breakPath, { force: true });
    heldHere.delete(token);
  }
}

function breakPathOf(path: string, seen: SeenLock): string {
  return `${join(path, '..', LOCK_FILE)}.break-${seen.identity}`;
}

/** The break file a racer would claim to remove the lock file now at `path` (for tests that plant one); null when none. */
export async function breakFileFor(path: string): Promise<string | null> {
  const seen = await readLock(path);
  return seen === null ? null : breakPathOf(path, seen);
}

/** Claim and break files of writers that are gone; called by the lock's holder, when no break can be under way. */
async function removeLeftovers(dir: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(`${LOCK_FILE}.`)) continue;
    if (name.startsWith(`${LOCK_FILE}.break-`) && !name.endsWith('.claim')) {
      await rm(join(dir, name), { force: true });
      continue;
    }
    const pid = Number(/\.(\d+)\.[0-9a-f]+\.claim$/.exec(name)?.[1]);
    if (Number.isInteger(pid) && pid !== process.pid && !isAlive(pid)) await rm(join(dir, name), { force: true });
  }
}

function parseRecord(text: string): LockRecord | null {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) {
    const pid = Number(trimmed);
    return pid > 0 ? { pid, host: hostname(), token: `pid:${pid}`, since: '' } : null;
  }
  try {
    const value = JSON.parse(trimmed) as Partial<LockRecord>;
    if (typeof value.pid !== 'number' || !Number.isInteger(value.pid) || value.pid <= 0 || typeof value.host !== 'string' || typeof value.token !== 'string') return null;
    return { pid: value.pid, host: value.host, token: value.token, since: typeof value.since === 'string' ? value.since : '' };
  } catch {
    return null;
  }
}

/** The lock file's bytes and identity, read through one handle so both describe the same file; null when absent. */
async function readLock(path: string): Promise<SeenLock | null> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return null;
    throw error;
  }
  try {
    const stats = await handle.stat({ bigint: true });
    const text = await handle.readFile('utf8');
    const identity = createHash('sha256').update(`${String(stats.ino)}\0${String(stats.mtimeNs)}\0${text}`).digest('hex').slice(0, 16);
    return { text, identity, ageMs: Date.now() - Number(stats.mtimeMs) };
  } finally {
    await handle.close();
  }
}

/** A short random wait while another racer finishes removing a stale lock. */
function pause(): Promise<void> {
  return new Promise((done) => setTimeout(done, 2 + Math.random() * 8));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else, so it is alive.
    return codeOf(error) === 'EPERM';
  }
}

function codeOf(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string' ? (error as { code: string }).code : undefined;
}
