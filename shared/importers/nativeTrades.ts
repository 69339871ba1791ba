import { tradeRecordSchema, type TradeRecord } from '../domain/trade.ts';
import type { ImportResult, RowError } from '../domain/errors.ts';
import { issuesToRowErrors } from '../domain/issueReason.ts';
import { TRADE_RECORD_RANGES, rangeRowErrors } from '../domain/bounds.ts';

/** Trades read from a file, with the line each came from (`lines[i]` is the line of `records[i]`). */
export type TradesImportResult = ImportResult<TradeRecord> & { readonly lines: number[] };

/**
 * Native trade JSONL: one trade record per line. Blank lines are ignored; a line that is not JSON, or
 * that breaks the schema, becomes one RowError per problem and the other lines go on. Unknown fields are
 * kept (the schema passes them through) so a trader's own annotations survive the journal. Numbers
 * outside their documented range (TRADE_RECORD_RANGES) reject the line.
 */
export function importNativeTrades(text: string, file: string): TradesImportResult {
  const records: TradeRecord[] = [];
  const recordLines: number[] = [];
  const errors: RowError[] = [];
  const firstLineOfId = new Map<string, number>();
  const lines = splitLines(text);
  for (let index = 0; index < lines.length; index += 1) {
    const raw = lines[index] ?? '';
    const line = index + 1;
    if (raw.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      errors.push({ file, line, field: '', reason: `not valid JSON (${jsonReason(error)})` });
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      errors.push({ file, line, field: '', reason: 'expected a JSON object with one trade' });
      continue;
    }
    const parsed = tradeRecordSchema.safeParse(value);
    if (!parsed.success) {
      errors.push(...issuesToRowErrors(parsed.error, value, file, line));
      continue;
    }
    const outOfRange = rangeRowErrors(parsed.data, TRADE_RECORD_RANGES, file, line);
    if (outOfRange.length > 0) {
      errors.push(...outOfRange);
      continue;
    }
    const first = firstLineOfId.get(parsed.data.id);
    if (first !== undefined) {
      errors.push({ file, line, field: 'id', reason: `duplicate id ${parsed.data.id} (first on line ${first})` });
      continue;
    }
    firstLineOfId.set(parsed.data.id, line);
    records.push(parsed.data);
    recordLines.push(line);
  }
  return { records, errors, lines: recordLines };
}

/** Physical lines, whatever the line ending; a leading byte-order mark is not part of the first line. */
export function splitLines(text: string): string[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines = body.split(/\r\n|\n|\r/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function jsonReason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
