import { useEffect, useRef } from 'react';
import { useApi } from '../../api/ApiContext.tsx';
import type { JournalProblem, RepairOutcome } from '../../../shared/ipc/schemas.ts';
import { count } from '../../format.ts';
import { journalHealthActions, useRepairStep } from '../../state/journalHealth.ts';
import { Dialog } from '../Dialog.tsx';
import { ErrorState } from '../ErrorState.tsx';
import { LoadingState } from '../LoadingState.tsx';

/** What the repair will do, said before it runs: nothing is deleted. */
function RepairPlan({ problem }: { readonly problem: JournalProblem | null }) {
  return (
    <div className="repair-plan" data-testid="repair-plan">
      {problem ? (
        <p className="repair-problem" data-testid="repair-problem">
          {problem.detail}
        </p>
      ) : null}
      <p>
        <strong>Nothing is deleted.</strong>{' '}
        {problem?.cause === 'interrupted_commit'
          ? 'The files of the interrupted commit go to backups/ in the data directory, whole; the journal is then as it was before that commit.'
          : 'Every line of sync_log.jsonl that cannot be read goes to backups/ in the data directory, with its line number and the reason, and the whole log as it was is kept beside it. The other lines stay as they are.'}
      </p>
      <p className="muted">The summary, agent weights and memory files are then rebuilt from the journal, and the screens load again.</p>
    </div>
  );
}

/** What the repair did: lines moved (with their numbers), where to, and the trades kept. */
function RepairResult({ outcome }: { readonly outcome: RepairOutcome }) {
  const reopened = outcome.health.status === 'ok';
  return (
    <div className="repair-result" data-testid="repair-result">
      <div className="import-figures">
        <div className="figure">
          <span className="figure-value num" data-testid="repair-kept">
            {count(outcome.kept)}
          </span>
          <span className="figure-label">trades kept</span>
        </div>
        <div className="figure">
          <span className={`figure-value num${outcome.moved.length > 0 ? ' warn' : ''}`} data-testid="repair-moved-count">
            {count(outcome.moved.length)}
          </span>
          <span className="figure-label">{outcome.moved.length === 1 ? 'line moved to backups/' : 'lines moved to backups/'}</span>
        </div>
      </div>
      {outcome.moved.length > 0 ? (
        <>
          <ul className="repair-moved" data-testid="repair-moved">
            {outcome.moved.map((moved) => (
              <li key={moved.line}>
                <span className="num">line {moved.line}</span>
                <span>{moved.reason}</span>
              </li>
            ))}
          </ul>
          <dl className="repair-paths">
            <dt>Moved lines</dt>
            <dd className="mono" data-testid="repair-moved-to">
              {outcome.moved_to}
            </dd>
            <dt>The log before the repair</dt>
            <dd className="mono">{outcome.backup}</dd>
          </dl>
        </>
      ) : null}
      {outcome.set_aside_commit ? (
        <p>
          The interrupted commit was put aside in <span className="mono">{outcome.set_aside_commit}</span>; the journal is as it was before it.
        </p>
      ) : null}
      {outcome.moved.length === 0 && !outcome.set_aside_commit ? <p>Every line of sync_log.jsonl could be read; the derived files were rebuilt.</p> : null}
      {reopened ? (
        <p className="muted">The journal is open again; every screen shows it.</p>
      ) : (
        <ErrorState error={outcome.health.problem?.message ?? 'The journal still cannot be opened.'} title="The journal still does not open" />
      )}
    </div>
  );
}

/** Confirm, run and report the repair of a damaged journal (journal.repair). */
export function RepairDialog({ problem }: { readonly problem: JournalProblem | null }) {
  const api = useApi();
  const repair = useRepairStep();
  const closeRef = useRef<HTMLButtonElement>(null);
  const running = repair.step === 'repairing';
  useEffect(() => {
    if (repair.step === 'done' || repair.step === 'failed') closeRef.current?.focus();
  }, [repair.step]);
  const close = () => journalHealthActions().closeRepair();
  const run = () => void journalHealthActions().runRepair(api);
  const finished = repair.step === 'done';
  return (
    <Dialog
      title={finished ? 'The journal was repaired' : 'Repair the journal'}
      open={repair.step !== 'closed'}
      onClose={close}
      testId="repair-dialog"
      footer={
        finished ? (
          <button type="button" className="btn btn-primary" ref={closeRef} onClick={close} data-testid="repair-close">
            Close
          </button>
        ) : (
          <>
            <button type="button" className="btn" ref={repair.step === 'failed' ? closeRef : undefined} onClick={close} disabled={running}>
              Cancel
            </button>
            <button type="button" className="btn btn-primary" onClick={run} disabled={running} data-autofocus data-testid="repair-confirm">
              {running ? 'Repairing…' : repair.step === 'failed' ? 'Try again' : 'Repair the journal'}
            </button>
          </>
        )
      }
    >
      {repair.step === 'confirm' ? <RepairPlan problem={problem} /> : null}
      {running ? <LoadingState label="Moving the damaged lines to backups/ and rebuilding…" /> : null}
      {repair.step === 'failed' ? <ErrorState error={repair.error} title="The repair did not finish; the journal is as it was" /> : null}
      {repair.step === 'done' ? <RepairResult outcome={repair.outcome} /> : null}
    </Dialog>
  );
}
