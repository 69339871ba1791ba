/**
 * The data directory, relative paths ('/' separated on every platform). The journal logs keep the seed's
 * names; what the store keeps for itself (staging, market data, commit marker) lives in its own folders, so
 * other tools can ignore it.
 */
export const SYNC_LOG = 'sync_log.jsonl';
export const STAGING_BATCH = 'staging/batch.json';
export const LOCK_FILE = 'qthink.lock';
/** Written last before a commit's renames and removed after them: its presence means "roll forward". */
export const COMMIT_MARKER = 'state/commit.json';
/** What the derived files were built from (sync_log size and entry count), to notice stale files on open. */
export const DERIVED_STAMP = 'state/derived.json';
/**
 * The derivation state (shared/journal/derivation.ts) after the last line of sync_log.jsonl: what lets a
 * commit of later trades fold only the new ones. Keyed by the log it was folded from; without a matching
 * one, a commit derives from sync_log.jsonl in full.
 */
export const DERIVATION_STATE = 'state/derivation.json';

/** sync_log.jsonl's identity and line chain when last written or checked (logSeen.ts): lets open skip a full read. */
export const LOG_SEEN = 'state/log_seen.json';

/** Fills of positions still open after the last committed import (openPositions.ts). */
export const OPEN_POSITIONS = 'positions/open_positions.json';

/** Copies the journal keeps of what it replaced or moved aside; nothing reads them but the trader. */
export const BACKUPS_DIR = 'backups';
/** sync_log.jsonl as it was before the last commit. */
export const PREVIOUS_LOG_BACKUP = `${BACKUPS_DIR}/sync_log.before-last-commit.jsonl`;

export function barsPath(symbol: string, date: string): string {
  return `market/bars/${safeSegment(symbol)}/${date}.json`;
}

export function contextPath(symbol: string, date: string): string {
  return `market/context/${safeSegment(symbol)}/${date}.json`;
}

/** A symbol as a folder name: never a path separator or a dot-dot. */
export function safeSegment(symbol: string): string {
  const cleaned = symbol.trim().toUpperCase().replace(/[^A-Z0-9._-]/g, '_');
  return cleaned === '' || cleaned === '.' || cleaned === '..' ? '_' : cleaned;
}

export function isoDay(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text);
}
