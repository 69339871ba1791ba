import { createHash } from 'node:crypto';
import { APPEND_ONLY_FILES, derivationStateText, parseDerivationState, type AppendOnlyFile, type DerivationState } from '../../shared/journal/index.ts';
import { full } from './commitProtocol.ts';
import type { JournalFs } from './fsOps.ts';
import { DERIVATION_STATE, SYNC_LOG } from './layout.ts';

/**
 * What a saved derivation state was folded from: sync_log.jsonl's size, line count and last line, and the
 * sizes of the append-only derived files it was appended to. A state is used only when all of them still
 * hold, so a log or derived file changed behind the journal's back (a hand edit, a restore from a backup)
 * sends the next commit down the full path instead of folding onto the wrong state.
 */
export type StateKey = {
  readonly sync_log_bytes: number;
  readonly entries: number;
  /** SHA-256 (hex) of the log's last line with its newline; null for an empty log. */
  readonly last_line_sha256: string | null;
  readonly appended: Readonly<Record<AppendOnlyFile, number>>;
};

/** SHA-256 (hex) of one log line, newline included, as it is stored. */
export function lineHash(lineWithNewline: string | Uint8Array): string {
  return createHash('sha256').update(lineWithNewline).digest('hex');
}

const TAIL_BYTES = 1 << 16;

/** The hash of a file's last line, read from its end (a line longer than the window widens it). */
export async function lastLineHash(fs: JournalFs, path: string): Promise<string | null> {
  for (let window = TAIL_BYTES; ; window *= 4) {
    const tail = await fs.readTail(path, window);
    if (tail === null || tail.length === 0) return null;
    // The last line ends at the last byte; it starts after the newline before that one.
    const start = tail.lastIndexOf(0x0a, tail.length - 2);
    if (start >= 0) return lineHash(tail.subarray(start + 1));
    if (tail.length < window) return lineHash(tail);
  }
}

/** The key of the journal as it is on disk now; `entries` is the line count the store already knows. */
export async function currentKey(fs: JournalFs, dataDir: string, entries: number): Promise<StateKey> {
  const appended = {} as Record<AppendOnlyFile, number>;
  for (const name of APPEND_ONLY_FILES) appended[name] = (await fs.size(full(dataDir, name))) ?? 0;
  const path = full(dataDir, SYNC_LOG);
  return { sync_log_bytes: (await fs.size(path)) ?? 0, entries, last_line_sha256: await lastLineHash(fs, path), appended };
}

export function sameKey(a: StateKey, b: StateKey): boolean {
  return (
    a.sync_log_bytes === b.sync_log_bytes &&
    a.entries === b.entries &&
    a.last_line_sha256 === b.last_line_sha256 &&
    APPEND_ONLY_FILES.every((name) => a.appended[name] === b.appended[name])
  );
}

/** The state file's text: its key, then the state (a single JSON object, one line). */
export function derivationFileText(key: StateKey, state: DerivationState): string {
  return `{"key":${JSON.stringify(key)},"state":${derivationStateText(state)}}\n`;
}

/** The saved state when its key matches `key`, else null (missing, another version, or stale). */
export async function readDerivationState(fs: JournalFs, dataDir: string, key: StateKey): Promise<DerivationState | null> {
  const text = await fs.readText(full(dataDir, DERIVATION_STATE));
  if (text === null) return null;
  let value: { key?: StateKey; state?: unknown };
  try {
    value = JSON.parse(text) as { key?: StateKey; state?: unknown };
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || !value.key || typeof value.key !== 'object' || !value.key.appended) return null;
  if (!sameKey(value.key, key)) return null;
  const state = parseDerivationState(value.state);
  return state !== null && state.entries === key.entries ? state : null;
}
