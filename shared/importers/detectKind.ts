import Papa from 'papaparse';
import { detectBarsLayout } from './barsLayout.ts';
import { isJournalCsvHeader, journalJsonItems } from './journalExport.ts';
import { normalizeHeader, readCsvLines } from './marketCsv.ts';
import { detectChainLayout } from './chainLayout.ts';

export const FILE_KINDS = ['trades', 'bars', 'context', 'chain', 'signals'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

/** What a file holds and, where the sniffing already knows it, its layout. */
export type DetectedKind = { readonly kind: FileKind; readonly format: string | null };

/** Lines looked at to find a header past a vendor's preamble (CBOE writes 3, brokers more). */
export const SNIFF_LINES = 40;

/**
 * Picks the kind of a file from its name and first lines, for files dropped without a kind:
 * JSONL with `entry_time` is trades, with `agent` and `time` signals; JSON with day fields is a context;
 * a CSV is an option chain when a header has `Strike` with calls/puts or open interest, bars when it has
 * open/high/low/close, QThink's own export when it has `trade.id`, and otherwise a broker export.
 */
export function detectKind(name: string, text: string): DetectedKind {
  const lower = name.toLowerCase();
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const first = body.trimStart().charAt(0);
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson')) return detectJsonLines(body);
  if (lower.endsWith('.json')) return detectJson(body);
  if (!lower.endsWith('.csv') && !lower.endsWith('.tsv') && (first === '{' || first === '[') && looksLikeJson(body)) return detectJson(body);
  return detectCsv(body);
}

/** A whole JSON value, or JSON lines; a bracketed CSV header such as OptionsDX's `[QUOTE_DATE], …` is neither. */
function looksLikeJson(body: string): boolean {
  try {
    JSON.parse(body);
    return true;
  } catch {
    const firstLine = body.split(/\r?\n/).find((line) => line.trim() !== '') ?? '';
    try {
      JSON.parse(firstLine);
      return true;
    } catch {
      return false;
    }
  }
}

function detectJson(body: string): DetectedKind {
  try {
    const value: unknown = JSON.parse(body);
    if (journalJsonItems(value) !== null) return { kind: 'trades', format: 'qthink-json' };
    return { kind: 'context', format: 'context-json' };
  } catch {
    // Not one JSON value: one object a line, like a .jsonl.
    return detectJsonLines(body);
  }
}

function detectJsonLines(body: string): DetectedKind {
  const firstLine = body.split(/\r?\n/).find((line) => line.trim() !== '') ?? '';
  let value: unknown = null;
  try {
    value = JSON.parse(firstLine);
  } catch {
    return { kind: 'trades', format: 'native-jsonl' };
  }
  if (isObject(value)) {
    if ('entry_time' in value || 'exit_time' in value) return { kind: 'trades', format: 'native-jsonl' };
    if ('agent' in value && 'time' in value) return { kind: 'signals', format: 'signals-jsonl' };
    if ('date' in value && CONTEXT_FIELDS.some((field) => field in value)) return { kind: 'context', format: 'context-jsonl' };
  }
  return { kind: 'trades', format: 'native-jsonl' };
}

const CONTEXT_FIELDS = ['max_pain', 'gex_flip', 'call_wall', 'put_wall', 'atm_iv', 'events', 'regime_tags'];

function detectCsv(body: string): DetectedKind {
  const head = headOf(body, SNIFF_LINES);
  // QThink's own export is always comma-separated; its cells may hold any character, so no delimiter guessing.
  const firstLine = head.split(/\r?\n/, 1)[0] ?? '';
  if (isJournalCsvHeader(Papa.parse<string[]>(firstLine, { delimiter: ',' }).data[0] ?? [])) return { kind: 'trades', format: 'qthink-csv' };
  const lines = readCsvLines(head);
  // The chain importer's own layout detection decides, so every chain layout it reads is also recognised here.
  if (lines.some((line) => detectChainLayout(line) !== null || isSideBySideOrOpenInterestChain(line.fields))) {
    return { kind: 'chain', format: 'chain-csv' };
  }
  if (detectBarsLayout(lines) !== null) return { kind: 'bars', format: 'bars-csv' };
  return { kind: 'trades', format: null };
}

/** A strike column with calls and puts side by side, or with open interest per contract. */
function isSideBySideOrOpenInterestChain(fields: readonly string[]): boolean {
  const headers = fields.map(normalizeHeader);
  if (!headers.includes('strike')) return false;
  return (headers.includes('calls') && headers.includes('puts')) || headers.includes('openinterest') || headers.includes('oi');
}

/** The first `count` lines of a text, without splitting the whole file. */
export function headOf(text: string, count: number): string {
  let index = -1;
  for (let line = 0; line < count; line += 1) {
    index = text.indexOf('\n', index + 1);
    if (index < 0) return text;
  }
  return text.slice(0, index + 1);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
