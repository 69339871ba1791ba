import { escapeControlChars } from './safeText.ts';

/** A rejected input row. Data, never an exception: the good rows of the same file still go on. */
export type RowError = {
  readonly file: string;
  /** 1-based line in the file (physical line, counting preamble and header). */
  readonly line: number;
  /** Field or column name the problem is in; empty when the whole row is at fault. */
  readonly field: string;
  readonly reason: string;
};

export type ImportResult<T> = {
  readonly records: T[];
  readonly errors: RowError[];
};

/** `file:line: field: reason`, one line, with any control character from the input escaped. */
export function formatRowError(error: RowError): string {
  const field = error.field ? ` ${error.field}:` : '';
  return escapeControlChars(`${error.file}:${error.line}:${field} ${error.reason}`);
}
