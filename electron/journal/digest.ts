import { createHash, type Hash } from 'node:crypto';
import type { JournalFs } from './fsOps.ts';

/** A file's size and the SHA-256 (hex) of its bytes. */
export type FileDigest = { readonly bytes: number; readonly sha256: string };

/**
 * A running SHA-256 of a journal file's bytes that can be copied, so a commit extends the digest of the log
 * it opened with its new lines only, and never reads the years before them again.
 */
export type LineDigest = {
  /** Adds one line and its '\n' (how the journal writes every line). */
  readonly update: (line: string) => void;
  readonly updateBytes: (bytes: Uint8Array) => void;
  readonly copy: () => LineDigest;
  readonly digest: () => FileDigest;
};

export function createLineDigest(): LineDigest {
  return wrap(createHash('sha256'), 0);
}

function wrap(hash: Hash, startBytes: number): LineDigest {
  let bytes = startBytes;
  return {
    update: (line) => {
      const withEnd = `${line}\n`;
      hash.update(withEnd, 'utf8');
      bytes += Buffer.byteLength(withEnd, 'utf8');
    },
    updateBytes: (chunk) => {
      hash.update(chunk);
      bytes += chunk.length;
    },
    copy: () => wrap(hash.copy(), bytes),
    digest: () => ({ bytes, sha256: hash.copy().digest('hex') }),
  };
}

/** The running digest of a whole file; null when it does not exist. */
export async function fileLineDigest(fs: JournalFs, path: string): Promise<LineDigest | null> {
  if (!(await fs.exists(path))) return null;
  const digest = createLineDigest();
  for await (const chunk of fs.readChunks(path)) digest.updateBytes(chunk);
  return digest;
}

/** The digest of a file's bytes; null when it does not exist. */
export async function fileDigest(fs: JournalFs, path: string): Promise<FileDigest | null> {
  return (await fileLineDigest(fs, path))?.digest() ?? null;
}

export function sameDigest(a: FileDigest | null, b: FileDigest | null): boolean {
  return a === null || b === null ? a === b : a.bytes === b.bytes && a.sha256 === b.sha256;
}

/** The digest of a text as it is written (UTF-8). */
export function digestOfText(text: string): FileDigest {
  const bytes = Buffer.from(text, 'utf8');
  return { bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
}
