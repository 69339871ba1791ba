import { createHash, type Hash } from 'node:crypto';
import type { JournalFs } from './fsOps.ts';

/** A text file's size and SHA-256 (hex), both of its lines as read back, each ended by '\n'. */
export type FileDigest = { readonly bytes: number; readonly sha256: string };

/**
 * A running digest of a journal text file, one line at a time. For a file QThink wrote (LF line ends, UTF-8,
 * a final newline) it is exactly the SHA-256 of the file's bytes. It can be copied, so a commit extends the
 * digest of the log it opened with its new lines only, and never reads the years before them again.
 */
export type LineDigest = {
  readonly update: (line: string) => void;
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
    copy: () => wrap(hash.copy(), bytes),
    digest: () => ({ bytes, sha256: hash.copy().digest('hex') }),
  };
}

/** The digest of a file's lines; null when it does not exist. */
export async function fileDigest(fs: JournalFs, path: string): Promise<FileDigest | null> {
  if (!(await fs.exists(path))) return null;
  const digest = createLineDigest();
  for await (const line of fs.readLines(path)) digest.update(line);
  return digest.digest();
}

export function sameDigest(a: FileDigest | null, b: FileDigest | null): boolean {
  return a === null || b === null ? a === b : a.bytes === b.bytes && a.sha256 === b.sha256;
}

export function digestOfText(text: string): FileDigest {
  const digest = createLineDigest();
  const lines = text.split('\n');
  // A final '\n' ends the last line; it does not start another.
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  for (const line of lines) digest.update(line.endsWith('\r') ? line.slice(0, -1) : line);
  return digest.digest();
}
