import { useState } from 'react';
import { ErrorState } from '../../components/ErrorState.tsx';
import { Panel } from '../../components/Panel.tsx';
import { useFirstRunBannerVisible } from '../../components/shell/FirstRunBanner.tsx';
import { ProgressBar } from '../../components/ProgressBar.tsx';
import { plural } from '../../format.ts';
import { useAppInfo, useNavigate } from '../../state/app.ts';
import {
  addFiles,
  clearFiles,
  useErrorFile,
  useImportError,
  useImportOutcome,
  useImportProgress,
  useImportStatus,
  useMergeSummary,
  useQueuedFiles,
} from '../../state/import.ts';
import { useJournalHealth } from '../../state/journalHealth.ts';
import { useStagedCount } from '../../state/review.ts';
import { DropZone } from './DropZone.tsx';
import { FileQueue } from './FileQueue.tsx';
import { ImportResult } from './ImportResult.tsx';
import { ManualTradeForm } from './ManualTradeForm.tsx';
import { useExampleDay } from './useExampleDay.ts';
import { useImportActions } from './useImportActions.ts';

/** Import: files (drop, pick, native dialog), a trade by hand, or the example day; the result lands staged. */
export function ImportScreen() {
  const info = useAppInfo();
  const navigate = useNavigate();
  const files = useQueuedFiles();
  const status = useImportStatus();
  const progress = useImportProgress();
  const outcome = useImportOutcome();
  const merge = useMergeSummary();
  const error = useImportError();
  const errorFile = useErrorFile();
  const staged = useStagedCount();
  const actions = useImportActions();
  const bannerVisible = useFirstRunBannerVisible();
  const example = useExampleDay();
  // Over a damaged journal nothing can be staged until it is repaired: the banner offers that instead.
  const journalClosed = (useJournalHealth()?.status ?? 'ok') !== 'ok';
  const [manualOpen, setManualOpen] = useState(false);
  const busy = status === 'importing';

  return (
    <div className="screen import-screen" data-testid="import-screen">
      <div className="screen-header">
        <div>
          <h1 className="screen-title">Import the day</h1>
          <p className="screen-subtitle">
            Trades, 1-minute bars, day context, option chains and agent signals. Everything lands in a staged batch for
            review; nothing is written to the journal until you commit.
          </p>
        </div>
        <div className="toolbar">
          {staged > 0 && !outcome ? (
            <button type="button" className="btn" onClick={() => navigate('review')} data-testid="review-existing">
              {plural(staged, 'trade')} staged — review
            </button>
          ) : null}
          {bannerVisible || journalClosed ? null : example === 'available' ? (
            <button type="button" className="btn" disabled={busy} onClick={() => void actions.loadExample()} data-testid="load-example">
              Load the example day
            </button>
          ) : (
            <span className="muted example-note" data-testid="example-day-note">
              {example === 'staged'
                ? 'The example day is staged: review it (loading it again would only merge the same trades).'
                : 'The example day is already in your journal.'}
            </span>
          )}
        </div>
      </div>

      <div className="import-grid">
        <div className="import-column">
          <Panel title="Files" testId="files-panel">
            <div className="import-files">
              <DropZone
                onFiles={(picked) => void addFiles(picked)}
                onNativePick={info?.native_dialogs ? () => void actions.importPicked() : undefined}
                disabled={busy}
              />
              <FileQueue files={files} disabled={busy} />
              {files.length > 0 ? (
                <div className="toolbar">
                  <button
                    type="button"
                    className="btn btn-primary"
                    disabled={busy}
                    onClick={() => void actions.importQueued()}
                    data-testid="import-button"
                  >
                    Import {plural(files.length, 'file')}
                  </button>
                  <button type="button" className="btn btn-ghost" disabled={busy} onClick={clearFiles}>
                    Clear
                  </button>
                  <span className="muted">Same-day imports merge by trade id.</span>
                </div>
              ) : null}
              {busy ? (
                <ProgressBar
                  done={progress?.done ?? 0}
                  total={progress?.total ?? 0}
                  label={progress?.message || 'Importing…'}
                  testId="import-progress"
                />
              ) : null}
            </div>
          </Panel>

          <Panel
            title="Type a trade in"
            testId="manual-panel"
            actions={
              <button type="button" className="btn btn-small btn-ghost" aria-expanded={manualOpen} onClick={() => setManualOpen((open) => !open)} data-testid="manual-toggle">
                {manualOpen ? 'Hide' : 'Show form'}
              </button>
            }
          >
            {manualOpen ? (
              <ManualTradeForm disabled={busy} onSubmit={async (trade) => (await actions.importManual(trade)) !== null} />
            ) : (
              <p className="muted">A fill your broker export missed, or a trade from another account: enter it here.</p>
            )}
          </Panel>
        </div>

        <div className="import-column">
          {error ? <ErrorState error={error} title="The import did not go through" /> : null}
          {outcome ? (
            <ImportResult outcome={outcome} merge={merge} errorFile={errorFile} staged={staged} onReview={() => navigate('review')} />
          ) : (
            <Panel title="How it works">
              <ol className="how-list">
                <li>
                  Drop the day's <strong>trades</strong>: a broker export of option fills or native JSONL. Fills become round
                  trips (FIFO, partial fills and scaling included).
                </li>
                <li>
                  Add <strong>1-minute bars</strong> and a <strong>day context</strong> or <strong>option chain</strong> for the
                  entry, exit, pin, trap and late-exit regrets; without them those scores say why they are missing.
                </li>
                <li>
                  Optionally a <strong>signal timeline</strong> for agent attribution by time.
                </li>
                <li>
                  Then <strong>Review</strong>: confirm or override the engine's archetype and label, and commit.
                </li>
              </ol>
            </Panel>
          )}
        </div>
      </div>
    </div>
  );
}
