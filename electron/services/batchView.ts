import { coverageRowSchema } from '../../shared/domain/coverage.ts';
import type { RowError } from '../../shared/domain/errors.ts';
import type { FileReport, StagedBatch } from '../../shared/ipc/schemas.ts';
import type { StoreStagedBatch } from './ports.ts';

/** The store's staged batch in the contract's shape; tolerant of the store's own detail types. */
export function toBatchView(raw: StoreStagedBatch | null | undefined): StagedBatch {
  if (!raw) return { entries: [], errors: [], warnings: [], files: [], already_committed: [], updated_at: null };
  return {
    entries: [...raw.entries],
    errors: (raw.errors ?? []).map(toRowError),
    warnings: (raw.warnings ?? []).map(toWarning),
    files: (raw.files ?? []).map(toFileReport),
    already_committed: Array.isArray(raw.already_committed) ? raw.already_committed.map(String) : [],
    updated_at: raw.updated_at ?? null,
    coverage: (raw.coverage ?? []).flatMap((row) => {
      const parsed = coverageRowSchema.safeParse(row);
      return parsed.success ? [parsed.data] : [];
    }),
  };
}

export function toRowError(value: unknown): RowError {
  const record = asRecord(value);
  return {
    file: stringOf(record.file),
    line: typeof record.line === 'number' && record.line >= 0 ? Math.trunc(record.line) : 0,
    field: stringOf(record.field ?? record.column),
    reason: stringOf(record.reason ?? record.message) || 'rejected',
  };
}

export function toWarning(value: unknown): string {
  if (typeof value === 'string') return value;
  const record = asRecord(value);
  const text = stringOf(record.message ?? record.reason);
  const where = stringOf(record.file);
  if (text) return where ? `${where}: ${text}` : text;
  return JSON.stringify(value);
}

export function toFileReport(value: unknown): FileReport {
  if (typeof value === 'string') return { name: value, kind: 'unknown', format: null, records: 0, errors: 0 };
  const record = asRecord(value);
  return {
    name: stringOf(record.name ?? record.file) || 'file',
    kind: stringOf(record.kind) || 'unknown',
    format: typeof record.format === 'string' ? record.format : null,
    records: countOf(record.records ?? record.count ?? record.rows),
    errors: countOf(record.rejected ?? record.errors),
    ...(typeof record.problem === 'string' ? { problem: record.problem } : {}),
  };
}

function countOf(value: unknown): number {
  if (Array.isArray(value)) return value.length;
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.trunc(value) : 0;
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

function stringOf(value: unknown): string {
  return typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
}
