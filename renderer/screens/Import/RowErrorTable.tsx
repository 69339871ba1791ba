import { useMemo } from 'react';
import type { RowError } from '../../../shared/domain/errors.ts';
import { formatRowError } from '../../../shared/domain/errors.ts';
import { count, plural } from '../../format.ts';
import { rejectedRowCount, setErrorFile } from '../../state/import.ts';

/** Rows rendered at once; beyond that the trader filters by file (or copies the whole list). */
export const MAX_ERROR_ROWS = 1000;

export type RowErrorTableProps = {
  readonly errors: readonly RowError[];
  readonly fileFilter: string | null;
};

/** Every rejected row as `file:line: field: reason`, filterable by file. */
export function RowErrorTable({ errors, fileFilter }: RowErrorTableProps) {
  const files = useMemo(() => [...new Set(errors.map((error) => error.file))], [errors]);
  const rows = useMemo(() => rejectedRowCount(errors), [errors]);
  const shown = useMemo(() => (fileFilter ? errors.filter((error) => error.file === fileFilter) : errors), [errors, fileFilter]);
  const copy = () => {
    void navigator.clipboard?.writeText(shown.map(formatRowError).join('\n'));
  };

  return (
    <div className="row-errors" data-testid="row-errors">
      <div className="toolbar">
        <strong className="bad">
          {plural(rows, 'rejected row')}
          {errors.length > rows ? ` (${count(errors.length)} problems)` : ''}
        </strong>
        <span className="muted">— the other rows were imported.</span>
        <span className="topbar-spacer" />
        {files.length > 1 ? (
          <label className="toolbar">
            <span className="field-label">File</span>
            <select className="select" value={fileFilter ?? ''} onChange={(event) => setErrorFile(event.target.value || null)} data-testid="row-error-filter">
              <option value="">All files ({count(errors.length)})</option>
              {files.map((file) => (
                <option key={file} value={file}>
                  {file} ({count(errors.filter((error) => error.file === file).length)})
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <button type="button" className="btn btn-small" onClick={copy}>
          Copy list
        </button>
      </div>
      <div className="table-wrap">
        <table className="table row-error-table">
          <thead>
            <tr>
              <th>File:line</th>
              <th>Field</th>
              <th>Reason</th>
            </tr>
          </thead>
          <tbody>
            {shown.slice(0, MAX_ERROR_ROWS).map((error, index) => (
              <tr key={`${error.file}:${error.line}:${error.field}:${index}`} data-testid="row-error" title={formatRowError(error)}>
                <td className="mono">
                  {error.file}:{error.line}:
                </td>
                <td className="mono">{error.field ? `${error.field}:` : '—'}</td>
                <td className="row-error-reason">{error.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {shown.length > MAX_ERROR_ROWS ? (
        <p className="muted">
          Showing the first {count(MAX_ERROR_ROWS)} of {count(shown.length)}; filter by file or copy the whole list.
        </p>
      ) : null}
    </div>
  );
}
