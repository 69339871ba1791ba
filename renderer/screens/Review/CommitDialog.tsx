import { useEffect, useRef } from 'react';
import { Dialog } from '../../components/Dialog.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { count, humanize, money, plural, pnlTone } from '../../format.ts';
import { engineNameLabel } from '../../labels.ts';
import type { CommitDialog as CommitDialogState } from '../../state/review.ts';

export type CommitDialogProps = {
  readonly state: CommitDialogState;
  readonly onCancel: () => void;
  readonly onCommit: () => void;
};

function Counts({ title, counts }: { readonly title: string; readonly counts: Readonly<Record<string, number>> }) {
  const rows = Object.entries(counts).filter(([, n]) => n > 0);
  if (rows.length === 0) return null;
  return (
    <div className="commit-counts">
      <h4 className="field-label">{title}</h4>
      <ul>
        {rows.map(([name, n]) => (
          <li key={name}>
            <span title={name}>{engineNameLabel(name) ?? humanize(name)}</span>
            <span className="num">{count(n)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** What the commit will write, confirmed before anything touches the journal. */
export function CommitDialog({ state, onCancel, onCommit }: CommitDialogProps) {
  const { preview } = state;
  const committing = state.status === 'committing';
  const confirmRef = useRef<HTMLButtonElement>(null);
  // Keyboard flow: Ctrl+Enter opens the summary, Enter commits once it is there.
  useEffect(() => {
    if (state.status === 'ready') confirmRef.current?.focus();
  }, [state.status]);
  return (
    <Dialog
      title="Commit the staged batch to the journal"
      open={state.open}
      onClose={onCancel}
      testId="commit-dialog"
      wide
      footer={
        <>
          <button type="button" className="btn" onClick={onCancel} disabled={committing}>
            Cancel
          </button>
          <button
            type="button"
            className="btn btn-primary"
            ref={confirmRef}
            onClick={onCommit}
            disabled={!preview || committing || preview.to_add === 0}
            data-autofocus
            data-testid="commit-confirm"
          >
            {committing ? 'Committing…' : preview ? `Commit ${plural(preview.to_add, 'trade')}` : 'Commit'}
          </button>
        </>
      }
    >
      {state.status === 'loading' ? <LoadingState label="Working out what will be written…" /> : null}
      {state.error ? <ErrorState error={state.error} title={preview ? 'The commit failed; nothing was written' : 'Could not prepare the commit'} /> : null}
      {preview ? (
        <div className="commit-preview" data-testid="commit-preview">
          <div className="import-figures">
            <div className="figure">
              <span className="figure-value num" data-testid="commit-count">
                {count(preview.to_add)}
              </span>
              <span className="figure-label">trades to write</span>
            </div>
            <div className="figure">
              <span className="figure-value num">{count(preview.overridden)}</span>
              <span className="figure-label">with your overrides</span>
            </div>
            <div className="figure">
              <span className={`figure-value num ${pnlTone(preview.pnl_total)}`} data-testid="commit-pnl">
                {money(preview.pnl_total)}
              </span>
              <span className="figure-label">PnL total</span>
            </div>
            {preview.to_skip > 0 ? (
              <div className="figure">
                <span className="figure-value num muted">{count(preview.to_skip)}</span>
                <span className="figure-label">already committed, skipped</span>
              </div>
            ) : null}
          </div>
          <div className="commit-grid">
            <Counts title="By label" counts={preview.by_label} />
            <Counts title="By archetype" counts={preview.by_archetype} />
            <Counts title="By time block" counts={preview.by_time_block} />
          </div>
          {preview.files.length > 0 ? (
            <div>
              <h4 className="field-label">Files written in the data directory</h4>
              <ul className="commit-files mono" data-testid="commit-files">
                {preview.files.map((file) => (
                  <li key={file}>{file}</li>
                ))}
              </ul>
            </div>
          ) : null}
          <p className="muted">The commit is atomic: either every trade is written, or nothing changes.</p>
        </div>
      ) : null}
    </Dialog>
  );
}
