import { journalEntrySchema, type JournalEntry } from '../../shared/domain/journal.ts';
import { compareEntries } from '../../shared/engine/assessBatch.ts';
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
};

/** Streams sync_log.jsonl line by line (readline), each line checked against the journal schema unless trusted. */
export async function* readSyncLog(fs: JournalFs, path: string, name = 'sync_log.jsonl', options: ReadLogOptions = {}): AsyncIterable<LogLine> {
  let line = 0;
  for await (const text of fs.readLines(path)) {
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

/** The ids in sync_log.jsonl, read fast (the id is the first field of every line) without parsing whole entries. */
export async function readCommittedIds(fs: JournalFs, path: string): Promise<{ ids: Set<string>; lines: number }> {
  const ids = new Set<string>();
  let lines = 0;
  for await (const text of fs.readLines(path)) {
    if (text.trim() === '') continue;
    lines += 1;
    const match = ID_PREFIX.exec(text);
    const id = match?.[1] !== undefined ? (JSON.parse(match[1]) as string) : (JSON.parse(text) as { id?: unknown }).id;
    if (typeof id === 'string') ids.add(id);
  }
  return { ids, lines };
}

/** A staged entry on its way into the log: its journal-order key, and its line (validated when asked for). */
export type PendingEntry = {
  readonly id: string;
  readonly exit_time: string;
  /** The entry's sync_log.jsonl line (no newline), through the schema: throws when the entry is not valid. */
  readonly line: () => string;
};

export type MergedLog = { readonly entries: number; readonly bytes: number; readonly lastLine: string | null };

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
  const emit = async (text: string, entry: JournalEntry): Promise<void> => {
    const line = `${text}\n`;
    await writer.write(line);
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
  return { entries, bytes, lastLine };
}
