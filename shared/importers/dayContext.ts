import { DAY_CONTEXT_RANGES, rangeRowErrors } from '../domain/bounds.ts';
import type { RowError } from '../domain/errors.ts';
import { type DayContext, dayContextSchema } from '../domain/market.ts';
import { parseJsonDocument, zodIssuesToErrors } from './jsonLines.ts';

export type DayContextImportResult = {
  readonly records: DayContext[];
  readonly errors: RowError[];
};

/**
 * Day context JSON: one object, an array of objects, or one object a line. Each is checked against
 * dayContextSchema and its levels against DAY_CONTEXT_RANGES; a second context for the same day and
 * symbol is reported and ignored (the first wins, as the file lists it), so a day never silently gets two
 * sets of levels.
 */
export function importDayContexts(text: string, file: string): DayContextImportResult {
  const { items, errors } = parseJsonDocument(text, file);
  const records: DayContext[] = [];
  const firstLine = new Map<string, number>();
  for (const item of items) {
    const parsed = dayContextSchema.safeParse(item.value);
    if (!parsed.success) {
      errors.push(...zodIssuesToErrors(parsed.error, file, item.line, item.value));
      continue;
    }
    const outOfRange = rangeRowErrors(parsed.data, DAY_CONTEXT_RANGES, file, item.line);
    if (outOfRange.length > 0) {
      errors.push(...outOfRange);
      continue;
    }
    const context = parsed.data;
    const key = `${context.date}|${context.symbol}`;
    const earlier = firstLine.get(key);
    if (earlier !== undefined) {
      errors.push({ file, line: item.line, field: 'date', reason: `a context for ${context.symbol} on ${context.date} is already given at line ${earlier}; this one is ignored` });
      continue;
    }
    firstLine.set(key, item.line);
    records.push({ ...context, source: context.source ?? `context file ${file}` });
  }
  errors.sort((a, b) => a.line - b.line);
  return { records, errors };
}
