import type { ImportOutcome } from '../../../shared/ipc/schemas.ts';
import { Badge } from '../../components/Badge.tsx';
import { Panel } from '../../components/Panel.tsx';
import { count, plural } from '../../format.ts';
import { rejectedRowCount, type MergeSummary } from '../../state/import.ts';
import { RowErrorTable } from './RowErrorTable.tsx';
import { coverageSummary } from '../../../shared/importers/coverage.ts';

export type ImportResultProps = {
  readonly outcome: ImportOutcome;
  readonly merge: MergeSummary | null;
  readonly errorFile: string | null;
  /** Trades staged now: after a commit or a discard the batch of the outcome is gone. */
  readonly staged: number;
  readonly onReview: () => void;
};

/** What the last import did: per file, how it merged into the staged batch, the rejected rows, and the way on. */
export function ImportResult({ outcome, merge, errorFile, staged, onReview }: ImportResultProps) {
  const { report } = outcome;
  const rejected = rejectedRowCount(report.errors);
  const batchGone = staged === 0 && outcome.batch.entries.length > 0;
  const coverage = batchGone ? [] : coverageSummary(outcome.batch.coverage ?? []);
  return (
    <Panel
      title="Last import"
      testId="import-result"
      actions={
        staged > 0 ? (
          <button type="button" className="btn btn-primary" onClick={onReview} data-testid="review-staged">
            Review {plural(staged, 'staged trade')} →
          </button>
        ) : null
      }
    >
      <div className="import-result">
        <div className="import-figures">
          <div className="figure">
            <span className="figure-value num">{count(report.staged)}</span>
            <span className="figure-label">trades staged</span>
          </div>
          <div className="figure">
            <span className={rejected > 0 ? 'figure-value num bad' : 'figure-value num'} data-testid="rejected-count">
              {count(rejected)}
            </span>
            <span className="figure-label">rows rejected</span>
          </div>
          <div className="figure">
            <span className="figure-value num">{count(staged)}</span>
            <span className="figure-label">in the batch</span>
          </div>
          {batchGone ? (
            <p className="merge-line muted" data-testid="batch-gone">
              Since then the batch was committed or discarded; nothing is staged now.
            </p>
          ) : merge ? (
            <p className="merge-line" data-testid="merge-summary">
              merged: <strong>{count(merge.added)}</strong> new, <strong>{count(merge.updated)}</strong> updated,{' '}
              <strong>{count(merge.alreadyCommitted)}</strong> already committed
            </p>
          ) : null}
        </div>

        {report.files.length > 0 ? (
          <table className="table" data-testid="file-reports">
            <thead>
              <tr>
                <th>File</th>
                <th>Kind</th>
                <th>Format</th>
                <th className="num">Records</th>
                <th className="num">Rejected</th>
              </tr>
            </thead>
            <tbody>
              {report.files.map((file) => [
                <tr key={file.name} data-testid="file-report">
                  <td className="file-name" title={file.name}>
                    {file.name}
                  </td>
                  <td>
                    <Badge tone="info">{file.kind}</Badge>
                  </td>
                  <td className="mono">{file.format ?? <span className="muted">unknown</span>}</td>
                  <td className="num">{count(file.records)}</td>
                  <td className={file.errors > 0 ? 'num bad' : 'num muted'}>{count(file.errors)}</td>
                </tr>,
                file.problem === undefined ? null : (
                  <tr key={`${file.name}:problem`} data-testid="file-problem">
                    <td colSpan={5} className="bad" role="alert">
                      {file.problem}
                    </td>
                  </tr>
                ),
              ])}
            </tbody>
          </table>
        ) : null}

        {coverage.length > 0 ? (
          <div className="coverage" data-testid="import-coverage">
            <h3 className="subhead">Market data</h3>
            <ul>
              {coverage.map((line, index) => (
                <li key={line} className={index === 0 ? undefined : 'muted'}>
                  {line}
                </li>
              ))}
            </ul>
          </div>
        ) : null}

        {report.warnings.length > 0 ? (
          <ul className="warnings" data-testid="import-warnings">
            {report.warnings.map((warning) => (
              <li key={warning} className="warn">
                {warning}
              </li>
            ))}
          </ul>
        ) : null}

        {report.errors.length > 0 ? <RowErrorTable errors={report.errors} fileFilter={errorFile} /> : null}
      </div>
    </Panel>
  );
}
