import { full } from './commitProtocol.ts';
import { lastLineHash } from './derivationStore.ts';
import type { JournalFs } from './fsOps.ts';
import { SYNC_LOG } from './layout.ts';

/** sync_log.jsonl's size and the SHA-256 of its last line: enough to tell that another writer touched it. */
export type LogFingerprint = { readonly bytes: number; readonly last_line_sha256: string | null };

/** The journal on disk changed behind this store's back: committing now could drop or double trades. */
export class JournalChangedError extends Error {
  readonly kind = 'conflict';
  constructor(
    readonly dataDir: string,
    readonly expected: LogFingerprint,
    readonly found: LogFingerprint,
  ) {
    super(
      `${SYNC_LOG} in ${dataDir} changed since this journal was opened (${expected.bytes} bytes then, ${found.bytes} now): another program wrote it; nothing was committed, reopen the journal and commit again`,
    );
    this.name = 'JournalChangedError';
  }
}

export async function logFingerprint(fs: JournalFs, dataDir: string): Promise<LogFingerprint> {
  const path = full(dataDir, SYNC_LOG);
  return { bytes: (await fs.size(path)) ?? 0, last_line_sha256: await lastLineHash(fs, path) };
}

/** Throws JournalChangedError unless sync_log.jsonl is still the file `known` describes. */
export async function checkUnchanged(fs: JournalFs, dataDir: string, known: LogFingerprint): Promise<void> {
  const found = await logFingerprint(fs, dataDir);
  if (found.bytes !== known.bytes || found.last_line_sha256 !== known.last_line_sha256) throw new JournalChangedError(dataDir, known, found);
}
