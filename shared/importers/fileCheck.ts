/**
 * What is wrong with a dropped file as a whole, before any row is read: it is empty, it is not text at all
 * (an image, a PDF, a spreadsheet), or it ends in the middle of a row (a download or a save cut short).
 * Each gets a message naming the file and what to do, instead of row errors quoting raw bytes.
 */
export type FileProblem =
  | { readonly kind: 'empty'; readonly message: string }
  | { readonly kind: 'not_text'; readonly message: string }
  | { readonly kind: 'cut_off'; readonly message: string; readonly line: number; /** The text without the cut-off row. */ readonly complete: string };

/** Magic numbers of the binary files traders drop by mistake. */
const SIGNATURES: readonly { readonly prefix: readonly number[]; readonly what: string }[] = [
  { prefix: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image' },
  { prefix: [0xff, 0xd8, 0xff], what: 'a JPEG image' },
  { prefix: [0x47, 0x49, 0x46, 0x38], what: 'a GIF image' },
  { prefix: [0x25, 0x50, 0x44, 0x46], what: 'a PDF document' },
  { prefix: [0x50, 0x4b, 0x03, 0x04], what: 'a zip archive (an .xlsx spreadsheet is one)' },
  { prefix: [0xd0, 0xcf, 0x11, 0xe0], what: 'an old Excel or Word file' },
  { prefix: [0x1f, 0x8b], what: 'a gzip archive' },
];

const WHAT_WE_READ = 'QThink reads text exports: CSV, JSON and JSON lines (export the trades as CSV from the broker, or unzip the file first)';

/** The file's text as decoded (UTF-8, invalid bytes as U+FFFD, as a browser's File.text() and Node's readFile do). */
export function fileProblem(name: string, text: string): FileProblem | null {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') return { kind: 'empty', message: `${name} is empty: there is nothing to import. Export the file again, or pick the file the export saved` };
  const binary = binaryKind(body);
  if (binary !== null) return { kind: 'not_text', message: `${name} is not a text file (it looks like ${binary}). ${WHAT_WE_READ}` };
  return cutOffRow(name, text);
}

function binaryKind(body: string): string | null {
  // A binary file decoded as UTF-8: its magic bytes survive as code units ≤ 0xFF, or as U+FFFD.
  for (const { prefix, what } of SIGNATURES) {
    if (prefix.every((byte, index) => body.charCodeAt(index) === byte || (byte >= 0x80 && body.charCodeAt(index) === 0xfffd))) return what;
  }
  const sample = body.slice(0, 4096);
  let odd = 0;
  for (let index = 0; index < sample.length; index += 1) {
    const code = sample.charCodeAt(index);
    if (code === 0) return 'binary data (it holds NUL bytes)';
    if (code === 0xfffd || (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d && code !== 0x0c)) odd += 1;
  }
  return odd > Math.max(8, sample.length * 0.1) ? 'binary data (most of it is not readable text)' : null;
}

/** Fields of one CSV line, quotes respected (a quoted comma is not a separator). */
function csvFieldCount(line: string): number {
  let fields = 1;
  let quoted = false;
  for (let index = 0; index < line.length; index += 1) {
    const char = line[index];
    if (char === '"') quoted = !quoted;
    else if (char === ',' && !quoted) fields += 1;
  }
  return fields;
}

/**
 * The last row is cut off when the file does not end in a line break and that row is shorter than the rows
 * before it: fewer CSV fields than most of the last lines have, or (JSON lines) not a whole JSON value. A
 * complete last row without a final line break, which many exporters write, is fine.
 */
function cutOffRow(name: string, body: string): FileProblem | null {
  if (body.endsWith('\n') || body.endsWith('\r')) return null;
  const lines = body.split(/\r?\n/);
  const last = lines[lines.length - 1] ?? '';
  const lineNumber = lines.length;
  const before = lines.slice(0, -1).filter((line) => line.trim() !== '');
  if (before.length === 0) return null;
  const complete = body.slice(0, body.length - last.length);
  const trimmed = last.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    if ((before[before.length - 1] ?? '').trim().startsWith('{') && !parses(trimmed)) {
      return { kind: 'cut_off', line: lineNumber, complete, message: cutOffMessage(name, lineNumber, 'is not a whole JSON value') };
    }
    return null;
  }
  const counts = before.slice(-20).map(csvFieldCount);
  const usual = mode(counts);
  const fields = csvFieldCount(last);
  const openQuote = (last.match(/"/g)?.length ?? 0) % 2 === 1;
  if (usual > 1 && (fields < usual || openQuote)) {
    return { kind: 'cut_off', line: lineNumber, complete, message: cutOffMessage(name, lineNumber, openQuote ? 'stops inside a quoted value' : `has ${fields} of the ${usual} columns the rows before it have`) };
  }
  return null;
}

function cutOffMessage(name: string, line: number, what: string): string {
  return `${name} ends in the middle of a row: line ${line} ${what}, so the file was probably cut off while it was saved or downloaded. That row was left out; export the file again to import it`;
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function mode(values: readonly number[]): number {
  const counts = new Map<number, number>();
  let best = 0;
  let bestCount = 0;
  for (const value of values) {
    const count = (counts.get(value) ?? 0) + 1;
    counts.set(value, count);
    if (count > bestCount || (count === bestCount && value > best)) {
      best = value;
      bestCount = count;
    }
  }
  return best;
}
