/**
 * `journal/committed_ids.jsonl`: every committed trade id, one JSON string a line, in journal order. An
 * index beside the log so that opening a journal of years reads a few hundred kilobytes of ids instead of
 * scanning every line of sync_log.jsonl; it is derived like every other file, so rebuild writes it and
 * `rebuild --check` vouches for it.
 */
export const COMMITTED_IDS_FILE = 'journal/committed_ids.jsonl';

export function committedIdLine(id: string): string {
  return `${JSON.stringify(id)}\n`;
}

/** The ids of the index's text; null when a line is not one this module wrote (then scan the log instead). */
export function parseCommittedIds(text: string): string[] | null {
  const ids: string[] = [];
  let start = 0;
  while (start < text.length) {
    const end = text.indexOf('\n', start);
    if (end < 0) return null;
    const line = text.slice(start, end);
    start = end + 1;
    if (line.length < 3 || line.charCodeAt(0) !== 0x22) return null;
    // An id without escapes (the usual case) needs no JSON.parse.
    const plain = line.indexOf('\\') < 0 && line.indexOf('"', 1) === line.length - 1;
    let id: unknown;
    if (plain) id = line.slice(1, -1);
    else {
      try {
        id = JSON.parse(line);
      } catch {
        return null;
      }
    }
    if (typeof id !== 'string' || id === '') return null;
    ids.push(id);
  }
  return ids;
}
