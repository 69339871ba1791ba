import { createHash } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { OPEN_POSITIONS, SYNC_LOG } from './layout.ts';

/**
 * A journal archive: one file that holds everything the journal cannot derive — `sync_log.jsonl` and the
 * market data its scores were computed from (`market/bars/…`, `market/context/…`), and the positions still
 * open (`positions/open_positions.json`, when there are any) — so that restoring it
 * into an empty data directory and opening it gives byte for byte the same journal files (every derived
 * file is rebuilt from the log on open). The staged batch, backups and the store's own state are not in it.
 *
 * Layout: a first line `QTHINK-ARCHIVE 1`, a second line of JSON listing each file's path, size and SHA-256,
 * then the files' bytes one after the other in that order. Each file is copied through a handle opened
 * before its size is read, so a commit running meanwhile cannot mix two versions of the log into it.
 */
export const ARCHIVE_MAGIC = 'QTHINK-ARCHIVE 1';

export type ArchiveFile = { readonly path: string; readonly bytes: number; readonly sha256: string };
export type ArchiveHeader = { readonly created: string; readonly files: readonly ArchiveFile[] };

/** An archive that cannot be restored: not one, damaged, cut short, or a data directory that is not empty. */
export class ArchiveError extends Error {
  readonly kind = 'invalid_request';
  constructor(message: string) {
    super(message);
    this.name = 'ArchiveError';
  }
}

const MARKET_DIR = 'market';
const CHUNK = 1 << 20;

async function filesUnder(dataDir: string, folder: string): Promise<string[]> {
  const root = join(dataDir, folder);
  let names: string[];
  try {
    names = (await readdir(root, { recursive: true })).map(String);
  } catch {
    return [];
  }
  const files: string[] = [];
  for (const name of names.sort()) {
    const path = join(root, name);
    if ((await stat(path)).isFile() && !name.endsWith('.tmp')) files.push(relative(dataDir, path).split(sep).join('/'));
  }
  return files;
}

async function readRange(handle: FileHandle, bytes: number, onChunk: (chunk: Buffer) => Promise<void> | void): Promise<void> {
  let position = 0;
  while (position < bytes) {
    const buffer = Buffer.alloc(Math.min(CHUNK, bytes - position));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
    if (bytesRead === 0) throw new Error('the file became shorter while it was archived');
    await onChunk(buffer.subarray(0, bytesRead));
    position += bytesRead;
  }
}

/** Writes the archive of `dataDir` to `out`; returns its header. */
export async function writeArchive(dataDir: string, out: string, now: Date = new Date()): Promise<ArchiveHeader> {
  const paths = [SYNC_LOG, OPEN_POSITIONS, ...(await filesUnder(dataDir, MARKET_DIR))];
  const handles: { path: string; handle: FileHandle; bytes: number; sha256: string }[] = [];
  try {
    for (const path of paths) {
      let handle: FileHandle;
      try {
        handle = await open(join(dataDir, ...path.split('/')), 'r');
      } catch {
        continue;
      }
      const { size } = await handle.stat();
      const hash = createHash('sha256');
      await readRange(handle, size, (chunk) => void hash.update(chunk));
      handles.push({ path, handle, bytes: size, sha256: hash.digest('hex') });
    }
    if (!handles.some((file) => file.path === SYNC_LOG)) throw new ArchiveError(`${dataDir} has no committed journal (${SYNC_LOG}) to archive`);
    const header: ArchiveHeader = { created: now.toISOString(), files: handles.map(({ path, bytes, sha256 }) => ({ path, bytes, sha256 })) };
    const temp = `${out}.tmp`;
    const target = await open(temp, 'w');
    try {
      await target.write(`${ARCHIVE_MAGIC}\n${JSON.stringify(header)}\n`);
      for (const file of handles) await readRange(file.handle, file.bytes, async (chunk) => void (await target.write(chunk)));
      await target.sync();
    } finally {
      await target.close();
    }
    await rename(temp, out);
    return header;
  } finally {
    for (const file of handles) await file.handle.close();
  }
}

/** Reads an archive's header; ArchiveError when the file is not an archive or is cut short. */
async function readHeader(handle: FileHandle, name: string): Promise<{ header: ArchiveHeader; offset: number }> {
  const start = Buffer.alloc(Math.min(CHUNK, (await handle.stat()).size));
  const { bytesRead } = await handle.read(start, 0, start.length, 0);
  const head = start.subarray(0, bytesRead);
  const first = head.indexOf(0x0a);
  const second = first < 0 ? -1 : head.indexOf(0x0a, first + 1);
  if (first < 0 || head.subarray(0, first).toString('utf8') !== ARCHIVE_MAGIC) throw new ArchiveError(`${name} is not a QThink journal archive (it does not start with '${ARCHIVE_MAGIC}')`);
  if (second < 0) throw new ArchiveError(`${name} is cut off inside its list of files; export the archive again`);
  let header: ArchiveHeader;
  try {
    header = JSON.parse(head.subarray(first + 1, second).toString('utf8')) as ArchiveHeader;
  } catch {
    throw new ArchiveError(`${name}: its list of files cannot be read; export the archive again`);
  }
  const valid =
    Array.isArray(header.files) &&
    header.files.every((file) => typeof file.path === 'string' && safePath(file.path) && Number.isSafeInteger(file.bytes) && file.bytes >= 0 && /^[0-9a-f]{64}$/.test(file.sha256));
  if (!valid) throw new ArchiveError(`${name}: its list of files is not one QThink wrote`);
  return { header, offset: second + 1 };
}

/** Only the journal's own paths: the log and files under market/, never `..` or an absolute path. */
function safePath(path: string): boolean {
  if (path === SYNC_LOG) return true;
  const parts = path.split('/');
  return parts[0] === MARKET_DIR && parts.length >= 2 && parts.every((part) => part !== '' && part !== '.' && part !== '..' && !part.includes('\\') && !part.includes(':'));
}

/**
 * Restores an archive into `dataDir`, which must hold no journal yet (no sync_log.jsonl, no market data).
 * Every file is checked against its SHA-256 before anything is put in place; each is written to a temp file
 * and renamed, the log last, so an interrupted restore leaves no journal behind (run it again).
 */
export async function restoreArchive(archive: string, dataDir: string): Promise<ArchiveHeader> {
  const name = archive.split(/[\\/]/).pop() ?? archive;
  for (const existing of [SYNC_LOG, MARKET_DIR]) {
    if (await stat(join(dataDir, existing)).then(() => true, () => false)) throw new ArchiveError(`${dataDir} already holds a journal (${existing}); restore into an empty data directory`);
  }
  const handle = await open(archive, 'r');
  try {
    const { header, offset } = await readHeader(handle, name);
    const size = (await handle.stat()).size;
    const expected = offset + header.files.reduce((sum, file) => sum + file.bytes, 0);
    if (size < expected) throw new ArchiveError(`${name} is cut off: it has ${size} bytes, its list of files needs ${expected}; export the archive again`);
    if (size > expected) throw new ArchiveError(`${name} has ${size - expected} bytes more than its list of files: it is not one QThink wrote`);
    // First pass: every file's digest, before anything is written.
    let position = offset;
    for (const file of header.files) {
      const hash = createHash('sha256');
      await readAt(handle, position, file.bytes, (chunk) => void hash.update(chunk));
      if (hash.digest('hex') !== file.sha256) throw new ArchiveError(`${name}: ${file.path} is damaged (its SHA-256 is not the one recorded); export the archive again`);
      position += file.bytes;
    }
    const ordered = [...header.files.filter((file) => file.path !== SYNC_LOG), ...header.files.filter((file) => file.path === SYNC_LOG)];
    const offsets = new Map<string, number>();
    position = offset;
    for (const file of header.files) {
      offsets.set(file.path, position);
      position += file.bytes;
    }
    for (const file of ordered) {
      const target = join(dataDir, ...file.path.split('/'));
      await mkdir(dirname(target), { recursive: true });
      const temp = `${target}.tmp`;
      const out = await open(temp, 'w');
      try {
        await readAt(handle, offsets.get(file.path) ?? 0, file.bytes, async (chunk) => void (await out.write(chunk)));
        await out.sync();
      } finally {
        await out.close();
      }
      await rename(temp, target);
    }
    return header;
  } catch (error) {
    await rm(join(dataDir, `${SYNC_LOG}.tmp`), { force: true });
    throw error;
  } finally {
    await handle.close();
  }
}

async function readAt(handle: FileHandle, start: number, bytes: number, onChunk: (chunk: Buffer) => Promise<void> | void): Promise<void> {
  let done = 0;
  while (done < bytes) {
    const buffer = Buffer.alloc(Math.min(CHUNK, bytes - done));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, start + done);
    if (bytesRead === 0) throw new ArchiveError('the archive ended early');
    await onChunk(buffer.subarray(0, bytesRead));
    done += bytesRead;
  }
}
