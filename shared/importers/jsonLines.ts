import type { z } from 'zod';
import type { RowError } from '../domain/errors.ts';
import { issuesToRowErrors } from '../domain/issueReason.ts';

/** One JSON value of a file and the physical line it starts on. */
export type JsonItem = { readonly line: number; readonly value: unknown };

/** The zod issues of one value as RowErrors on its line, the field being the issue's path. */
export function zodIssuesToErrors(error: z.ZodError, file: string, line: number, input?: unknown): RowError[] {
  return issuesToRowErrors(error, input, file, line);
}

/** Each non-blank line parsed as JSON; unreadable lines become RowErrors and the others go on. */
export function parseJsonLines(text: string, file: string): { items: JsonItem[]; errors: RowError[] } {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const items: JsonItem[] = [];
  const errors: RowError[] = [];
  body.split(/\r?\n/).forEach((raw, index) => {
    const content = raw.trim();
    if (content === '') return;
    try {
      items.push({ line: index + 1, value: JSON.parse(content) as unknown });
    } catch (error) {
      errors.push({ file, line: index + 1, field: '', reason: `not valid JSON: ${error instanceof Error ? error.message : String(error)}` });
    }
  });
  return { items, errors };
}

/** 1-based line of a character offset. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let index = 0; index < offset && index < text.length; index += 1) if (text.charCodeAt(index) === 10) line += 1;
  return line;
}

/**
 * Start offsets of the top-level elements of a JSON array text, found by a scan that skips strings, so an
 * error in the third object names the line that object starts on.
 */
function arrayElementOffsets(text: string): number[] {
  const offsets: number[] = [];
  let depth = 0;
  let inString = false;
  let expectElement = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (inString) {
      if (char === '\\') index += 1;
      else if (char === '"') inString = false;
      continue;
    }
    if (depth === 1 && expectElement && char !== undefined && !/\s/.test(char) && char !== ']') {
      offsets.push(index);
      expectElement = false;
    }
    if (char === '"') inString = true;
    else if (char === '[' || char === '{') {
      depth += 1;
      if (depth === 1) expectElement = true;
    } else if (char === ']' || char === '}') depth -= 1;
    else if (char === ',' && depth === 1) expectElement = true;
  }
  return offsets;
}

/** The top-level elements of an array text as separate texts (for reporting a broken one on its own line). */
function arrayElementTexts(text: string): { offset: number; text: string }[] {
  const offsets = arrayElementOffsets(text);
  const end = text.lastIndexOf(']');
  return offsets.map((offset, index) => {
    const stop = offsets[index + 1] ?? (end > offset ? end : text.length);
    return { offset, text: text.slice(offset, stop).trim().replace(/,$/, '') };
  });
}

function jsonErrorReason(error: unknown): string {
  return `not valid JSON: ${error instanceof Error ? error.message : String(error)}`;
}

/**
 * A JSON file holding one object, an array of objects, or one object a line (JSONL): its values with the
 * line each starts on. In a broken array each element is read on its own, so one bad element is reported on
 * its line and the others still go on.
 */
export function parseJsonDocument(text: string, file: string): { items: JsonItem[]; errors: RowError[] } {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const trimmed = body.trim();
  if (trimmed === '') return { items: [], errors: [] };
  const start = body.indexOf(trimmed);
  let whole: unknown;
  try {
    whole = JSON.parse(trimmed) as unknown;
  } catch (error) {
    // Several objects on their own lines are not one JSON document: read them as JSONL.
    if (trimmed.startsWith('{')) return parseJsonLines(body, file);
    if (!trimmed.startsWith('[')) return { items: [], errors: [{ file, line: lineAt(body, start), field: '', reason: jsonErrorReason(error) }] };
    const items: JsonItem[] = [];
    const errors: RowError[] = [];
    for (const element of arrayElementTexts(trimmed)) {
      const line = lineAt(body, start + element.offset);
      try {
        items.push({ line, value: JSON.parse(element.text) as unknown });
      } catch (elementError) {
        errors.push({ file, line, field: '', reason: jsonErrorReason(elementError) });
      }
    }
    if (items.length === 0 && errors.length === 0) errors.push({ file, line: lineAt(body, start), field: '', reason: jsonErrorReason(error) });
    return { items, errors };
  }
  if (!Array.isArray(whole)) return { items: [{ line: lineAt(body, start), value: whole }], errors: [] };
  const offsets = arrayElementOffsets(trimmed);
  return { items: whole.map((value, index) => ({ line: lineAt(body, start + (offsets[index] ?? 0)), value })), errors: [] };
}
