import type { z } from 'zod';
import type { RowError } from './errors.ts';

/** The value at a zod issue's path inside the raw input, for quoting it back to the trader. */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = input;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function quote(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return String(value);
}

const TYPE_NAMES: Readonly<Record<string, string>> = {
  number: 'a number',
  string: 'text',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
};

/**
 * A zod issue in words a trader can act on, quoting the value that was rejected: `missing (required)`,
 * `"X" is not one of "C", "P"`, `-2 must be greater than 0`, rather than zod's generic wording.
 */
export function issueReason(issue: z.core.$ZodIssue, input: unknown): string {
  const value = valueAt(input, issue.path);
  switch (issue.code) {
    case 'invalid_type':
      if (value === undefined) return 'missing (required)';
      return `${quote(value)} is not ${TYPE_NAMES[issue.expected] ?? issue.expected}`;
    case 'invalid_value':
      return `${quote(value)} is not one of ${issue.values.map((allowed) => quote(allowed)).join(', ')}`;
    case 'too_small':
      if (issue.origin === 'array' || issue.origin === 'string') return `${quote(value)} is too short (${issue.message})`;
      return `${quote(value)} must be ${issue.inclusive ? 'at least' : 'greater than'} ${String(issue.minimum)}`;
    case 'too_big':
      if (issue.origin === 'array' || issue.origin === 'string') return `${quote(value)} is too long (${issue.message})`;
      return `${quote(value)} must be ${issue.inclusive ? 'at most' : 'less than'} ${String(issue.maximum)}`;
    case 'invalid_format':
      return `${quote(value)}: ${issue.message}`;
    case 'invalid_union': {
      if (value === undefined) return 'missing (required)';
      // Each branch's own first complaint, e.g. "must be ISO 8601 with an offset … or must be a date YYYY-MM-DD".
      const options = [...new Set(issue.errors.map((branch) => branch[0]?.message).filter((message): message is string => Boolean(message)))];
      return options.length > 0 ? `${quote(value)}: ${options.join(', or ')}` : `${quote(value)}: ${issue.message}`;
    }
    case 'unrecognized_keys':
      return `unknown fields ${issue.keys.join(', ')}`;
    default:
      return value === undefined ? issue.message : `${quote(value)}: ${issue.message}`;
  }
}

/** Every issue of a failed parse as a RowError on one line; `fieldPrefix` is put before each issue's path. */
export function issuesToRowErrors(error: z.ZodError, input: unknown, file: string, line: number, fieldPrefix = ''): RowError[] {
  return error.issues.map((issue) => ({
    file,
    line,
    field: fieldPrefix + issue.path.map(String).join('.'),
    reason: issueReason(issue, input),
  }));
}
