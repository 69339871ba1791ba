import { createHash } from 'node:crypto';
import type { JournalFs } from './fsOps.ts';

/** A file's size and the SHA-256 (hex) of its bytes. */
export type FileDigest = { readonly bytes: number; readonly sha256: string };

/**
 * A hash chain over sync_log.jsonl's lines: after each line, `chain = SHA-256(chain ‖ line ‖ '\n')`. A
 * change to any line changes the chain, and unlike a SHA-256 of the whole file it continues from its saved
 * value: a commit extends it with its new lines only, in a new process, without reading the years before
 * them. `sha256` of its digest is the chain (hex), `bytes` the bytes hashed.
 */
export type LineDigest = {
  /** Adds one line and its '\n' (how the journal writes every line). */
  readonly update: (line: string) => void;
  /** Adds raw bytes of the file as read; lines may span chunks. */
  readonly updateBytes: (bytes: Uint8Array) => void;
  readonly copy: () => LineDigest;
  /** The chain so far; bytes after the last '\n' (a torn tail) are chained as one more line. */
  readonly digest: () => FileDigest;
};

const EMPTY_CHAIN = createHash('sha256').digest('hex');

/** A chain from nothing (an empty log), or continuing from a saved digest of the lines before. */
export function createLineDigest(from?: FileDigest): LineDigest {
  return chainFrom(from?.bytes ?? 0, Buffer.from(from?.sha256 ?? EMPTY_CHAIN, 'hex'), []);
}

function link(chain: Buffer, pieces: readonly Uint8Array[] | string): Buffer {
  const hash = createHash('sha256').update(chain);
  if (typeof pieces === 'string') hash.update(pieces, 'utf8');
  else for (const piece of pieces) hash.update(piece);
  return hash.digest();
}

function chainFrom(startBytes: number, startChain: Buffer, startPartial: readonly Uint8Array[]): LineDigest {
  let bytes = startBytes;
  let chain = startChain;
  // The bytes of an unfinished line, across chunks.
  let partial: Uint8Array[] = [...startPartial];
  return {
    update: (line) => {
      const withEnd = `${line}\n`;
      chain = link(chain, partial.length > 0 ? [...partial, Buffer.from(withEnd, 'utf8')] : withEnd);
      partial = [];
      bytes += Buffer.byteLength(withEnd, 'utf8');
    },
    updateBytes: (chunk) => {
      bytes += chunk.length;
      let start = 0;
      for (let end = chunk.indexOf(0x0a); end >= 0; end = chunk.indexOf(0x0a, start)) {
        chain = link(chain, [...partial, chunk.subarray(start, end + 1)]);
        partial = [];
        start = end + 1;
      }
      if (start < chunk.length) partial.push(Buffer.from(chunk.subarray(start)));
    },
    copy: () => chainFrom(bytes, chain, partial),
    digest: () => ({ bytes, sha256: (partial.length > 0 ? link(chain, partial) : chain).toString('hex') }),
  };
}

/** The line chain of a whole file; null when it does not exist. */
export async function fileLineDigest(fs: JournalFs, path: string): Promise<LineDigest | null> {
  if (!(await fs.exists(path))) return null;
  const digest = createLineDigest();
  for await (const chunk of fs.readChunks(path)) digest.updateBytes(chunk);
  return digest;
}

/** The plain SHA-256 of a file's bytes; null when it does not exist. */
export async function fileDigest(fs: JournalFs, path: string): Promise<FileDigest | null> {
  if (!(await fs.exists(path))) return null;
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of fs.readChunks(path)) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { bytes, sha256: hash.digest('hex') };
}

export function sameDigest(a: FileDigest | null, b: FileDigest | null): boolean {
  return a === null || b === null ? a === b : a.bytes === b.bytes && a.sha256 === b.sha256;
}

/** The plain SHA-256 of a text as it is written (UTF-8). */
export function digestOfText(text: string): FileDigest {
  const bytes = Buffer.from(text, 'utf8');
  return { bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
}
