import { journalEntrySchema, type JournalEntry } from '../../shared/domain/journal.ts';
import { compareEntries } from '../../shared/engine/assessBatch.ts';
import { createLineDigest, type LineDigest } from './digest.ts';
import type { JournalFs } from './fsOps.ts';

/** sync_log.jsonl cannot be read: a hand edit or a disk fault. Nothing is written until it is fixed. */
export class JournalCorruptError extends Error {
  readonly kind = 'io';
  constructor(
    readonly file: string,
    readonly line: number,
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${file}:${line}:${field ? ` ${field}:` : ''} ${reason}`);
    this.name = 'JournalCorruptError';
  }
}

/** One committed entry as one line: the schema's field order, so the same entry is always the same bytes. */
export function serializeEntry(entry: unknown): string {
  return JSON.stringify(journalEntrySchema.parse(entry));
}

export type LogLine = { readonly line: number; readonly text: string; readonly entry: JournalEntry };

export type ReadLogOptions = {
  /**
   * The lines were written by this journal (its stamp vouches for the file): JSON.parse only, no schema
   * walk. Every line was validated when it was committed; this is what makes reading years of log cheap.
   */
  readonly trusted?: boolean;
  /** A cheap test on the raw line: lines it rejects are skipped without being parsed. */
  readonly keep?: (text: string) => boolean;
  /** Sees every raw chunk as it is read (to digest the file in the same pass). */
  readonly onChunk?: (chunk: Uint8Array) => void;
};

/** Streams sync_log.jsonl line by line (readline), each line checked against the journal schema unless trusted. */
export async function* readSyncLog(fs: JournalFs, path: string, name = 'sync_log.jsonl', options: ReadLogOptions = {}): AsyncIterable<LogLine> {
  let line = 0;
  for await (const text of fs.readLines(path, options.onChunk ? { onChunk: options.onChunk } : undefined)) {
    line += 1;
    if (text.trim() === '') continue;
    if (options.keep && !options.keep(text)) continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new JournalCorruptError(name, line, '', `not valid JSON (${error instanceof Error ? error.message : String(error)})`);
    }
    if (options.trusted) {
      yield { line, text, entry: value as JournalEntry };
      continue;
    }
    const parsed = journalEntrySchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new JournalCorruptError(name, line, issue?.path.map(String).join('.') ?? '', issue?.message ?? 'not a journal entry');
    }
    yield { line, text, entry: parsed.data };
  }
}

/**
 * A new line read back as a rebuild will read it, so commit and rebuild derive the same bytes. The line
 * came out of the schema a moment ago, and the schema gives the same value for its own output, so
 * JSON.parse alone is that value: no second schema walk.
 */
export function reread(text: string): JournalEntry {
  return JSON.parse(text) as JournalEntry;
}

const ID_PREFIX = /^\{"id":("(?:[^"\\]|\\.)*")/;

/** A last line without its newline that cannot be read: a write cut short (a disk fault, a copy interrupted). */
export type TornTail = {
  /** Its line number. */
  readonly line: number;
  /** Where it starts, in bytes: the log's length without it. */
  readonly offset: number;
  readonly bytes: number;
};

export type LogScan = {
  readonly ids: Set<string>;
  readonly lines: number;
  /** Digest of the file's bytes as read (a torn tail included: cut it, then digest the file again). */
  readonly digest: LineDigest;
  readonly torn: TornTail | null;
};

/**
 * One fast pass over sync_log.jsonl (the id is the first field of every line, so whole entries are not
 * parsed): the committed ids, the log's digest, and a torn last line. A line whose id cannot be read, or an
 * id seen twice, is a JournalCorruptError naming the line (both lines, for a duplicate).
 */
export async function scanLog(fs: JournalFs, path: string, name = 'sync_log.jsonl'): Promise<LogScan> {
  const ids = new Map<string, number>();
  const digest = createLineDigest();
  let line = 0;
  let lines = 0;
  const take = (text: string): void => {
    if (text.trim() === '') return;
    lines += 1;
    const id = entryId(text);
    if (id === null) throw new JournalCorruptError(name, line, 'id', 'the line is not a journal entry (no readable id)');
    const first = ids.get(id);
    if (first !== undefined) throw new JournalCorruptError(name, line, 'id', `duplicate id ${JSON.stringify(id)}: line ${first} has it too`);
    ids.set(id, line);
  };
  // Each line is taken once the next one is seen, so the last one is known to be the last.
  let pending: string | null = null;
  for await (const text of fs.readLines(path, { onChunk: digest.updateBytes })) {
    if (pending !== null) take(pending);
    line += 1;
    pending = text;
  }
  let torn: TornTail | null = null;
  if (pending !== null) {
    const tail = await tornTailOffset(fs, path);
    if (tail !== null && !completeEntry(pending)) torn = { line, offset: tail, bytes: ((await fs.size(path)) ?? tail) - tail };
    else take(pending);
  }
  return { ids: new Set(ids.keys()), lines, digest, torn };
}

function entryId(text: string): string | null {
  const match = ID_PREFIX.exec(text);
  try {
    const id = match?.[1] !== undefined ? (JSON.parse(match[1]) as unknown) : (JSON.parse(text) as { id?: unknown }).id;
    return typeof id === 'string' && id !== '' ? id : null;
  } catch {
    return null;
  }
}

function completeEntry(text: string): boolean {
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === 'object' && value !== null && typeof (value as { id?: unknown }).id === 'string';
  } catch {
    return false;
  }
}

/** Where the last line starts when the log does not end in a newline; null when it does (or is empty). */
async function tornTailOffset(fs: JournalFs, path: string): Promise<number | null> {
  const size = await fs.size(path);
  if (size === null || size === 0) return null;
  for (let window = 1 << 16; ; window *= 4) {
    const tail = await fs.readTail(path, window);
    if (tail === null || tail.length === 0) return null;
    if (tail[tail.length - 1] === 0x0a) return null;
    const newline = tail.lastIndexOf(0x0a);
    if (newline >= 0) return size - tail.length + newline + 1;
    if (tail.length >= size) return 0;
  }
}

/** A staged entry on its way into the log: its journal-order key, and its line (validated when asked for). */
export type PendingEntry = {
  readonly id: string;
  readonly exit_time: string;
  /** The entry's sync_log.jsonl line (no newline), through the schema: throws when the entry is not valid. */
  readonly line: () => string;
};

export type MergedLog = { readonly entries: number; readonly bytes: number; readonly lastLine: string | null; readonly digest: LineDigest };

/**
 * Writes the merge of the existing log and the new entries (both in journal order: exit time, then id)
 * to `target`, copying existing lines byte for byte, and hands every entry, old and new, to `onEntry`
 * in that order. Linear in the size of the log. `fresh` must already be in journal order.
 */
export async function writeMergedLog(
  fs: JournalFs,
  source: string,
  target: string,
  fresh: readonly PendingEntry[],
  onEntry: (entry: JournalEntry) => void,
  options: { readonly trusted?: boolean } = {},
): Promise<MergedLog> {
  const writer = await fs.openDurable(target);
  let next = 0;
  let entries = 0;
  let bytes = 0;
  let lastLine: string | null = null;
  const digest = createLineDigest();
  const emit = async (text: string, entry: JournalEntry): Promise<void> => {
    const line = `${text}\n`;
    await writer.write(line);
    digest.update(text);
    bytes += Buffer.byteLength(line, 'utf8');
    entries += 1;
    lastLine = line;
    onEntry(entry);
  };
  const emitFresh = async (): Promise<void> => {
    const text = (fresh[next] as PendingEntry).line();
    await emit(text, reread(text));
    next += 1;
  };
  try {
    for await (const old of readSyncLog(fs, source, undefined, { trusted: options.trusted === true })) {
      while (next < fresh.length && compareEntries(fresh[next] as PendingEntry, old.entry) < 0) await emitFresh();
      await emit(old.text, old.entry);
    }
    while (next < fresh.length) await emitFresh();
  } finally {
    await writer.close();
  }
  return { entries, bytes, lastLine, digest };
}
