import { useCallback, useEffect, useMemo, useState } from 'react';
import { useApi } from '../../api/ApiContext.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { Kbd } from '../../components/Kbd.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { count, money, plural, pnlTone } from '../../format.ts';
import { useNavigate, useToast } from '../../state/app.ts';
import {
  closeCommit,
  commitBatch,
  confirmProposal,
  restoreProposal,
  discardBatch,
  loadBatch,
  moveSelection,
  openCommit,
  overrideTrade,
  selectTrade,
  sortEntries,
  useCommitDialog,
  useConfirmed,
  useOverrideError,
  useReviewError,
  useReviewStatus,
  useSaving,
  useSelectedEntry,
  useSelectedId,
  useSort,
  useStagedBatch,
  type OverrideChange,
  regroupTrades,
} from '../../state/review.ts';
import { useExampleDay } from '../Import/useExampleDay.ts';
import { useImportActions } from '../Import/useImportActions.ts';
import { CommitDialog } from './CommitDialog.tsx';
import type { ReviewCommand } from './keymap.ts';
import { NOTE_FIELD_ID } from './LabelControls.tsx';
import { ReviewTable } from './ReviewTable.tsx';
import { TradeDetail } from './TradeDetail.tsx';
import { useReviewKeys } from './useReviewKeys.ts';

/** Review: the staged batch, one trade at a time, keyboard first; then commit. */
export function ReviewScreen() {
  const api = useApi();
  const navigate = useNavigate();
  const toast = useToast();
  const status = useReviewStatus();
  const error = useReviewError();
  const batch = useStagedBatch();
  const selectedId = useSelectedId();
  const selected = useSelectedEntry();
  const sort = useSort();
  const saving = useSaving();
  const confirmed = useConfirmed();
  const overrideError = useOverrideError();
  const commit = useCommitDialog();
  const [discardOpen, setDiscardOpen] = useState(false);

  useEffect(() => {
    void loadBatch(api);
  }, [api]);

  const entries = useMemo(() => sortEntries(batch?.entries ?? [], sort), [batch, sort]);
  const overridden = entries.filter((entry) => entry.label_source === 'manual').length;
  const reviewed = entries.filter((entry) => entry.label_source === 'manual' || confirmed.includes(entry.id)).length;
  const pnlTotal = entries.reduce((sum, entry) => sum + entry.pnl, 0);

  const override = useCallback(
    (change: OverrideChange) => {
      if (selectedId) void overrideTrade(api, selectedId, change);
    },
    [api, selectedId],
  );
  const confirm = useCallback(() => {
    if (!selectedId) return;
    void confirmProposal(api, selectedId).then((ok) => ok && moveSelection(1));
  }, [api, selectedId]);
  const restore = useCallback(() => {
    if (selectedId) void restoreProposal(api, selectedId);
  }, [api, selectedId]);
  const split = useCallback(() => {
    if (selectedId) void regroupTrades(api, { split: selectedId });
  }, [api, selectedId]);
  const group = useCallback(
    (otherId: string) => {
      if (selectedId) void regroupTrades(api, { group: [selectedId, otherId] });
    },
    [api, selectedId],
  );
  const groupCandidates = useMemo(
    () => (selected ? entries.filter((entry) => entry.id !== selected.id && entry.trade.symbol === selected.trade.symbol && (entry.trade.account ?? '') === (selected.trade.account ?? '')) : []),
    [entries, selected],
  );
  const doCommit = useCallback(async () => {
    const result = await commitBatch(api);
    if (result) {
      toast(
        `Committed ${plural(result.added, 'trade')} to the journal${result.skipped > 0 ? ` (${count(result.skipped)} already there, skipped)` : ''}.`,
        'good',
      );
    }
  }, [api, toast]);

  const run = useCallback(
    (command: ReviewCommand) => {
      switch (command.type) {
        case 'move':
          moveSelection(command.delta);
          break;
        case 'first':
          selectTrade(entries[0]?.id ?? null);
          break;
        case 'last':
          selectTrade(entries[entries.length - 1]?.id ?? null);
          break;
        case 'archetype':
          override({ setup_archetype: command.value });
          break;
        case 'label':
          override({ final_label: command.value });
          break;
        case 'confirm':
          confirm();
          break;
        case 'split':
          if (selected?.trade.legs) split();
          break;
        case 'restore':
          restore();
          break;
        case 'note':
          document.getElementById(NOTE_FIELD_ID)?.focus();
          break;
        case 'commit':
          if (entries.length > 0) void openCommit(api);
          break;
        case 'prefix':
        case 'cancel':
          break;
      }
    },
    [api, confirm, entries, override, restore, selected, split],
  );
  const prefix = useReviewKeys(run, entries.length > 0);

  if (status === 'error' && error) {
    return (
      <div className="screen" data-testid="review-screen">
        <ErrorState error={error} title="Could not read the staged batch" onRetry={() => void loadBatch(api)} />
      </div>
    );
  }
  if (!batch) return <LoadingState label="Loading the staged batch…" />;
  if (entries.length === 0) {
    return (
      <div className="screen" data-testid="review-screen">
        <EmptyState
          testId="review-empty"
          title="Nothing staged — import a day's trades on the Import screen"
          body="Imports are staged here for review: confirm or override the engine's archetype and label for each trade, then commit them to the journal."
          action={
            <>
              <button type="button" className="btn btn-primary" onClick={() => navigate('import')} data-testid="go-import">
                Go to Import
              </button>
              <LoadExampleButton />
            </>
          }
        />
      </div>
    );
  }

  return (
    <div className="screen screen-fill review-screen" data-testid="review-screen">
      <div className="review-header">
        <div className="review-stats" data-testid="review-stats">
          <span>
            <strong className="num">{count(entries.length)}</strong> staged
          </span>
          <span>
            <strong className="num" data-testid="reviewed-count">
              {count(reviewed)}
            </strong>{' '}
            reviewed
          </span>
          <span>
            <strong className="num" data-testid="overridden-count">
              {count(overridden)}
            </strong>{' '}
            overridden
          </span>
          <span>
            PnL <strong className={`num ${pnlTone(pnlTotal)}`}>{money(pnlTotal)}</strong>
          </span>
          {batch.errors.length > 0 ? (
            <button type="button" className="btn btn-small btn-ghost bad" onClick={() => navigate('import')}>
              {plural(batch.errors.length, 'rejected row')}
            </button>
          ) : null}
        </div>
        <div className="key-legend" aria-label="Review shortcuts" data-testid="key-legend">
          {prefix ? (
            <strong className="prefix-pending" data-testid="prefix-pending">
              {prefix === 'a' ? 'Archetype' : 'Label'}: press 1–6 (Esc cancels)
            </strong>
          ) : (
            <>
              <span>
                <Kbd>j</Kbd>
                <Kbd>k</Kbd> move
              </span>
              <span>
                <Kbd>a</Kbd> <Kbd>1–6</Kbd> archetype
              </span>
              <span>
                <Kbd>l</Kbd> <Kbd>1–6</Kbd> label
              </span>
              <span>
                <Kbd>Enter</Kbd> confirm
              </span>
              <span>
                <Kbd>n</Kbd> note
              </span>
            </>
          )}
        </div>
        <div className="toolbar">
          <button
            type="button"
            className="btn btn-ghost"
            onClick={() => setDiscardOpen(true)}
            data-testid="discard-batch"
          >
            Discard
          </button>
          <button type="button" className="btn btn-primary" onClick={() => void openCommit(api)} data-testid="commit-button">
            Commit {plural(entries.length, 'trade')} <Kbd>Ctrl+Enter</Kbd>
          </button>
        </div>
      </div>

      <div className="review-split">
        <ReviewTable entries={entries} selectedId={selectedId} sort={sort} saving={saving} confirmed={confirmed} />
        <div className="review-detail">
          {selected ? (
            <TradeDetail
              entry={selected}
              version={batch.updated_at}
              prefix={prefix}
              saving={saving.includes(selected.id)}
              confirmed={confirmed.includes(selected.id)}
              error={overrideError}
              onOverride={override}
              onConfirm={confirm}
              onRestore={restore}
              groupCandidates={groupCandidates}
              onSplit={split}
              onGroup={group}
            />
          ) : (
            <EmptyState title="Select a trade" body="Click a row, or press j to start at the top." />
          )}
        </div>
      </div>

      <CommitDialog state={commit} onCancel={closeCommit} onCommit={() => void doCommit()} />
      <Dialog
        title="Discard the staged batch?"
        open={discardOpen}
        onClose={() => setDiscardOpen(false)}
        testId="discard-dialog"
        footer={
          <>
            <button type="button" className="btn" onClick={() => setDiscardOpen(false)} data-autofocus>
              Keep reviewing
            </button>
            <button
              type="button"
              className="btn btn-danger"
              onClick={() => {
                setDiscardOpen(false);
                void discardBatch(api).then((ok) => ok && toast('The staged batch was discarded; the journal is unchanged.', 'info'));
              }}
              data-testid="discard-confirm"
            >
              Discard {plural(entries.length, 'trade')}
            </button>
          </>
        }
      >
        <p>
          All {plural(entries.length, 'staged trade')} and your {plural(overridden, 'override')} on them are dropped. Nothing has
          been written to the journal; you can import the files again.
        </p>
      </Dialog>
    </div>
  );
}

/** The example day, offered only while it is neither staged nor committed (asked when the batch is empty). */
function LoadExampleButton() {
  const { loadExample } = useImportActions();
  const example = useExampleDay();
  if (example !== 'available') return null;
  return (
    <button type="button" className="btn" onClick={() => void loadExample()} data-testid="review-load-example">
      Load the example day
    </button>
  );
}
