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
export function serializeEntry(entry: JournalEntry): string {
  return JSON.stringify(journalEntrySchema.parse(entry));
}

export type LogLine = { readonly line: number; readonly text: string; readonly entry: JournalEntry };

/** Streams sync_log.jsonl line by line (readline), each line checked against the journal schema. */
export async function* readSyncLog(fs: JournalFs, path: string, name = 'sync_log.jsonl'): AsyncIterable<LogLine> {
  let line = 0;
  for await (const text of fs.readLines(path)) {
    line += 1;
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new JournalCorruptError(name, line, '', `not valid JSON (${error instanceof Error ? error.message : String(error)})`);
    }
    const parsed = journalEntrySchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new JournalCorruptError(name, line, issue?.path.map(String).join('.') ?? '', issue?.message ?? 'not a journal entry');
    }
    yield { line, text, entry: parsed.data };
  }
}

/** A new line read back exactly as a rebuild will read it, so commit and rebuild derive the same bytes. */
function reread(text: string): JournalEntry {
  return journalEntrySchema.parse(JSON.parse(text));
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

/**
 * Writes the merge of the existing log and the new entries (both in journal order: exit time, then id)
 * to `target`, copying existing lines byte for byte, and hands every entry, old and new, to `onEntry`
 * in that order. Linear in the size of the log.
 */
export async function writeMergedLog(
  fs: JournalFs,
  source: string,
  target: string,
  added: readonly JournalEntry[],
  onEntry: (entry: JournalEntry) => void,
): Promise<{ entries: number; bytes: number }> {
  const fresh = [...added].sort(compareEntries);
  const writer = await fs.openDurable(target);
  let next = 0;
  let entries = 0;
  let bytes = 0;
  const emit = async (text: string, entry: JournalEntry): Promise<void> => {
    const line = `${text}\n`;
    await writer.write(line);
    bytes += Buffer.byteLength(line, 'utf8');
    entries += 1;
    onEntry(entry);
  };
  try {
    for await (const old of readSyncLog(fs, source)) {
      while (next < fresh.length && compareEntries(fresh[next] as JournalEntry, old.entry) < 0) {
        const text = serializeEntry(fresh[next] as JournalEntry);
        await emit(text, reread(text));
        next += 1;
      }
      await emit(old.text, old.entry);
    }
    for (; next < fresh.length; next += 1) {
      const text = serializeEntry(fresh[next] as JournalEntry);
      await emit(text, reread(text));
    }
  } finally {
    await writer.close();
  }
  return { entries, bytes };
}
