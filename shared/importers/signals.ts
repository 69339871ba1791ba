import { TIMELINE_SIGNAL_RANGES, rangeRowErrors } from '../domain/bounds.ts';
import type { RowError } from '../domain/errors.ts';
import { type TimelineSignal, timelineSignalSchema } from '../domain/market.ts';
import { parseJsonLines, zodIssuesToErrors } from './jsonLines.ts';

export type SignalsImportResult = {
  readonly records: TimelineSignal[];
  readonly errors: RowError[];
};

/**
 * A signal timeline: JSONL, one `{time, agent, polarity, score, weight?}` a line, time ISO 8601 with
 * offset, score a signed confidence in −1 … 1 (TIMELINE_SIGNAL_RANGES). Bad lines are RowErrors with their
 * line and field; the other lines go on.
 */
export function importSignals(text: string, file: string): SignalsImportResult {
  const { items, errors } = parseJsonLines(text, file);
  const records: TimelineSignal[] = [];
  for (const item of items) {
    const parsed = timelineSignalSchema.safeParse(item.value);
    if (!parsed.success) {
      errors.push(...zodIssuesToErrors(parsed.error, file, item.line, item.value));
      continue;
    }
    const outOfRange = rangeRowErrors(parsed.data, TIMELINE_SIGNAL_RANGES, file, item.line);
    if (outOfRange.length > 0) errors.push(...outOfRange);
    else records.push(parsed.data);
  }
  errors.sort((a, b) => a.line - b.line);
  return { records, errors };
}
