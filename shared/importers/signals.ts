import type { RowError } from '../domain/errors.ts';
import { type TimelineSignal, timelineSignalSchema } from '../domain/market.ts';
import { parseJsonLines, zodIssuesToErrors } from './jsonLines.ts';

export type SignalsImportResult = {
  readonly records: TimelineSignal[];
  readonly errors: RowError[];
};

/**
 * A signal timeline: JSONL, one `{time, agent, polarity, score, weight?}` a line, time ISO 8601 with
 * offset. Bad lines are RowErrors with their line and field; the other lines go on.
 */
export function importSignals(text: string, file: string): SignalsImportResult {
  const { items, errors } = parseJsonLines(text, file);
  const records: TimelineSignal[] = [];
  for (const item of items) {
    const parsed = timelineSignalSchema.safeParse(item.value);
    if (parsed.success) records.push(parsed.data);
    else errors.push(...zodIssuesToErrors(parsed.error, file, item.line, item.value));
  }
  errors.sort((a, b) => a.line - b.line);
  return { records, errors };
}
