import { full } from './commitProtocol.ts';
import type { FileDigest } from './digest.ts';
import { sameIdentity, type FileIdentity, type JournalFs } from './fsOps.ts';
import { LOG_SEEN, SYNC_LOG } from './layout.ts';

/**
 * `state/log_seen.json`: sync_log.jsonl's identity (size, modification and change times in ns, inode) when
 * this program last wrote or fully checked it, with its line chain. While the file still has that identity
 * nothing has written it since, so opening can trust the chain the stamp vouches for without reading years
 * of lines. Any write to the log (an editor, a restore, a same-length damage) changes its times, and then
 * open reads and checks every line as before. A cache: when it is missing, torn or stale, nothing is lost
 * but the time of a full check.
 */
export type LogSeen = { readonly version: 1; readonly identity: FileIdentity; readonly chain: FileDigest };

export async function rememberLog(fs: JournalFs, dataDir: string, chain: FileDigest): Promise<void> {
  const identity = await fs.identity(full(dataDir, SYNC_LOG));
  if (identity === null || identity.size !== chain.bytes) {
    await fs.remove(full(dataDir, LOG_SEEN));
    return;
  }
  const seen: LogSeen = { version: 1, identity, chain };
  await fs.writeDurable(full(dataDir, LOG_SEEN), `${JSON.stringify(seen)}\n`);
}

/** The chain of sync_log.jsonl when it is still the file last remembered; null when it may have changed. */
export async function unchangedLogChain(fs: JournalFs, dataDir: string): Promise<FileDigest | null> {
  const text = await fs.readText(full(dataDir, LOG_SEEN));
  if (text === null) return null;
  let seen: Partial<LogSeen>;
  try {
    seen = JSON.parse(text) as Partial<LogSeen>;
  } catch {
    return null;
  }
  const { identity, chain } = seen;
  if (seen.version !== 1 || !isIdentity(identity) || typeof chain?.bytes !== 'number' || typeof chain.sha256 !== 'string') return null;
  const current = await fs.identity(full(dataDir, SYNC_LOG));
  return current !== null && sameIdentity(current, identity) && chain.bytes === current.size ? chain : null;
}

function isIdentity(value: unknown): value is FileIdentity {
  if (typeof value !== 'object' || value === null) return false;
  const identity = value as FileIdentity;
  return typeof identity.size === 'number' && typeof identity.mtime_ns === 'string' && typeof identity.ctime_ns === 'string' && typeof identity.ino === 'string';
}
