import { constants, createReadStream } from 'node:fs';
import { copyFile, link, mkdir, open, readFile, readdir, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';

/** A file opened for a durable streaming write: `close` flushes and fsyncs before it resolves. */
export type DurableWriter = {
  readonly write: (text: string) => Promise<void>;
  readonly close: () => Promise<void>;
};

/**
 * Every file-system step the journal takes, behind one seam so a test can make any single step fail
 * (a crash between two steps) and show that the journal is left as it was before or as it is after.
 */
export type JournalFs = {
  readonly readText: (path: string) => Promise<string | null>;
  /**
   * Lines without their line ending, streamed (never the whole file in memory). `onChunk` sees every raw
   * chunk of the file as it is read, so one pass can both split the lines and hash the bytes.
   */
  readonly readLines: (path: string, options?: { readonly onChunk?: (chunk: Uint8Array) => void }) => AsyncIterable<string>;
  /** The file's bytes in chunks, streamed, nothing decoded (for hashing). Nothing when it does not exist. */
  readonly readChunks: (path: string) => AsyncIterable<Uint8Array>;
  readonly exists: (path: string) => Promise<boolean>;
  readonly size: (path: string) => Promise<number | null>;
  readonly list: (dir: string) => Promise<string[]>;
  readonly mkdirp: (dir: string) => Promise<void>;
  /** Writes the whole file and fsyncs it. */
  readonly writeDurable: (path: string, text: string) => Promise<void>;
  readonly openDurable: (path: string) => Promise<DurableWriter>;
  /**
   * Copies `from` into a new file `to` (the kernel copies, or clones where the file system can) and opens it
   * for a durable append: the copy and the appended text are fsynced together by `close`.
   */
  readonly copyAndAppend: (from: string, to: string) => Promise<DurableWriter>;
  /** The last `bytes` bytes of a file (all of it when shorter); null when it does not exist. */
  readonly readTail: (path: string, bytes: number) => Promise<Uint8Array | null>;
  readonly rename: (from: string, to: string) => Promise<void>;
  /** A second name for a file (a hard link), or a durable copy where the file system has no links. */
  readonly linkOrCopy: (from: string, to: string) => Promise<void>;
  /**
   * Cuts `path` to its first `length` bytes (creating it when it is missing and `length` is 0), copies the
   * bytes of `source` after them and fsyncs: an append in place that can be done again after a crash with
   * the same result (the journal's append-only files).
   */
  readonly appendAt: (path: string, length: number, source: string) => Promise<void>;
  /** Size, modification and change times (ns) and inode: what tells that a file was touched since. */
  readonly identity: (path: string) => Promise<FileIdentity | null>;
  /** Cuts a file to its first `bytes` bytes and fsyncs it. */
  readonly truncate: (path: string, bytes: number) => Promise<void>;
  readonly remove: (path: string) => Promise<void>;
  /** fsync a directory so a rename in it survives a power cut (a no-op where the platform refuses). */
  readonly syncDir: (dir: string) => Promise<void>;
};

/** Strings, so that nanoseconds and 64-bit inodes survive JSON. */
export type FileIdentity = { readonly size: number; readonly mtime_ns: string; readonly ctime_ns: string; readonly ino: string };

export function sameIdentity(a: FileIdentity, b: FileIdentity): boolean {
  return a.size === b.size && a.mtime_ns === b.mtime_ns && a.ctime_ns === b.ctime_ns && a.ino === b.ino;
}

const WRITE_BUFFER_BYTES = 1 << 16;

export const nodeFs: JournalFs = {
  readText: async (path) => {
    try {
      return await readFile(path, 'utf8');
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  },
  readLines: (path, options) => streamLines(path, options?.onChunk),
  readChunks: (path) => streamChunks(path),
  exists: async (path) => (await statOrNull(path)) !== null,
  size: async (path) => (await statOrNull(path))?.size ?? null,
  list: async (dir) => {
    try {
      return (await readdir(dir)).sort();
    } catch (error) {
      if (isNotFound(error)) return [];
      throw error;
    }
  },
  mkdirp: async (dir) => {
    await mkdir(dir, { recursive: true });
  },
  writeDurable: async (path, text) => {
    await mkdir(dirname(path), { recursive: true });
    const handle = await open(path, 'w');
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
  openDurable: async (path) => {
    await mkdir(dirname(path), { recursive: true });
    return bufferedWriter(await open(path, 'w'));
  },
  copyAndAppend: async (from, to) => {
    await mkdir(dirname(to), { recursive: true });
    await copyFile(from, to, constants.COPYFILE_FICLONE);
    return bufferedWriter(await open(to, 'a'));
  },
  readTail: async (path, bytes) => {
    let handle;
    try {
      handle = await open(path, 'r');
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
    try {
      const { size } = await handle.stat();
      const length = Math.min(size, bytes);
      const buffer = Buffer.alloc(length);
      let read = 0;
      while (read < length) {
        const { bytesRead } = await handle.read(buffer, read, length - read, size - length + read);
        if (bytesRead === 0) break;
        read += bytesRead;
      }
      return buffer.subarray(0, read);
    } finally {
      await handle.close();
    }
  },
  rename: async (from, to) => {
    await mkdir(dirname(to), { recursive: true });
    await rename(from, to);
  },
  linkOrCopy: async (from, to) => {
    await mkdir(dirname(to), { recursive: true });
    try {
      await link(from, to);
    } catch (error) {
      if (!isNoLinks(error)) throw error;
      await copyFile(from, to, constants.COPYFILE_FICLONE);
      const handle = await open(to, 'r+');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
    }
  },
  appendAt: async (path, length, source) => {
    let handle: FileHandle;
    try {
      handle = await open(path, 'r+');
    } catch (error) {
      if (!isNotFound(error) || length !== 0) throw error;
      await mkdir(dirname(path), { recursive: true });
      handle = await open(path, 'w');
    }
    try {
      const { size } = await handle.stat();
      if (size < length) throw new Error(`${path} is ${size} bytes, shorter than the ${length} bytes an append was to follow`);
      if (size > length) await handle.truncate(length);
      let position = length;
      for await (const chunk of streamChunks(source)) {
        let written = 0;
        while (written < chunk.length) written += (await handle.write(chunk, written, chunk.length - written, position + written)).bytesWritten;
        position += chunk.length;
      }
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
  identity: async (path) => {
    try {
      const found = await stat(path, { bigint: true });
      return { size: Number(found.size), mtime_ns: String(found.mtimeNs), ctime_ns: String(found.ctimeNs), ino: String(found.ino) };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  },
  truncate: async (path, bytes) => {
    const handle = await open(path, 'r+');
    try {
      await handle.truncate(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
  remove: async (path) => {
    await rm(path, { force: true });
  },
  syncDir: async (dir) => {
    let handle;
    try {
      handle = await open(dir, 'r');
      await handle.sync();
    } catch {
      // Windows cannot open a directory for fsync; its renames are durable on their own (MoveFileEx).
    } finally {
      await handle?.close();
    }
  },
};

function bufferedWriter(handle: FileHandle): DurableWriter {
  let pending: string[] = [];
  let pendingBytes = 0;
  const flush = async (): Promise<void> => {
    if (pending.length === 0) return;
    const chunk = pending.join('');
    pending = [];
    pendingBytes = 0;
    await handle.write(chunk, null, 'utf8');
  };
  return {
    write: async (text) => {
      pending.push(text);
      pendingBytes += text.length;
      if (pendingBytes >= WRITE_BUFFER_BYTES) await flush();
    },
    close: async () => {
      try {
        await flush();
        await handle.sync();
      } finally {
        await handle.close();
      }
    },
  };
}

const READ_CHUNK_BYTES = 1 << 20;

/**
 * Lines of a UTF-8 text file, split on the '\n' byte (a '\r' before it is dropped, as readline does with
 * CRLF) and decoded one line at a time: reading a log of years this way takes half of readline's time.
 */
async function* streamLines(path: string, onChunk?: (chunk: Uint8Array) => void): AsyncIterable<string> {
  if ((await statOrNull(path)) === null) return;
  const input = createReadStream(path, { highWaterMark: READ_CHUNK_BYTES });
  let rest: Buffer | null = null;
  try {
    for await (const raw of input as AsyncIterable<Buffer>) {
      onChunk?.(raw);
      const chunk: Buffer = rest === null ? raw : Buffer.concat([rest, raw]);
      let start = 0;
      for (let end = chunk.indexOf(NEWLINE); end !== -1; end = chunk.indexOf(NEWLINE, start)) {
        yield chunk.toString('utf8', start, end > start && chunk[end - 1] === CARRIAGE_RETURN ? end - 1 : end);
        start = end + 1;
      }
      rest = start < chunk.length ? chunk.subarray(start) : null;
    }
    if (rest !== null) yield rest.toString('utf8', 0, rest[rest.length - 1] === CARRIAGE_RETURN ? rest.length - 1 : rest.length);
  } finally {
    input.destroy();
  }
}

async function* streamChunks(path: string): AsyncIterable<Uint8Array> {
  if ((await statOrNull(path)) === null) return;
  const input = createReadStream(path, { highWaterMark: READ_CHUNK_BYTES });
  try {
    for await (const chunk of input as AsyncIterable<Buffer>) yield chunk;
  } finally {
    input.destroy();
  }
}

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

async function statOrNull(path: string): Promise<{ size: number } | null> {
  try {
    return await stat(path);
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

function isNoLinks(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'ENOSYS' || code === 'EXDEV';
}

export function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && (error as { code?: unknown }).code === 'ENOENT';
}

/** Write to `<path>.tmp` durably, then rename over the target: a reader sees the old file or the new one. */
export async function writeAtomic(fs: JournalFs, path: string, text: string): Promise<void> {
  const temp = `${path}.tmp`;
  await fs.writeDurable(temp, text);
  await fs.rename(temp, path);
  await fs.syncDir(dirname(path));
}

/** writeAtomic for a large text given in pieces, so it is never one string in memory. */
export async function writeAtomicPieces(fs: JournalFs, path: string, pieces: Iterable<string>): Promise<void> {
  const temp = `${path}.tmp`;
  const writer = await fs.openDurable(temp);
  try {
    for (const piece of pieces) await writer.write(piece);
  } finally {
    await writer.close();
  }
  await fs.rename(temp, path);
  await fs.syncDir(dirname(path));
}
