import { useApi } from '../../api/ApiContext.tsx';
import type { JournalProblem } from '../../../shared/ipc/schemas.ts';
import { journalHealthActions, useHealthChecking, useJournalHealth, useOpenNotices } from '../../state/journalHealth.ts';
import { RepairDialog } from './RepairDialog.tsx';

/** What the banner's first line says, by cause: the damaged file and line when there is one. */
export function problemTitle(problem: JournalProblem): string {
  if (problem.cause === 'damaged_line') {
    return problem.file !== null && problem.line !== null ? `${problem.file} line ${problem.line} cannot be read` : 'The journal cannot be read';
  }
  if (problem.cause === 'interrupted_commit') return 'An interrupted commit cannot be finished safely';
  return 'The journal could not be opened';
}

/**
 * Across every screen: a damaged journal (with the file, the line and the repair), a journal that could not
 * be opened for another reason (with a retry), or what opening repaired by itself (once, dismissible).
 */
export function JournalHealthBanner() {
  const api = useApi();
  const health = useJournalHealth();
  const checking = useHealthChecking();
  const notices = useOpenNotices();
  if (!health) return null;
  const { problem } = health;
  const damaged = health.status === 'damaged';
  return (
    <>
      {health.status !== 'ok' && problem ? (
        <section
          className={damaged ? 'banner banner-bad health-banner' : 'banner banner-warn health-banner'}
          role="alert"
          aria-label={damaged ? 'The journal is damaged' : 'The journal is not open'}
          data-testid="journal-health-banner"
        >
          <span className="health-banner-icon" aria-hidden="true">
            !
          </span>
          <div className="banner-text health-banner-text">
            <strong data-testid="journal-health-title">{problemTitle(problem)}</strong>
            <span>
              {damaged
                ? 'The journal is closed until it is repaired: no screen can show it and nothing is written to it. Nothing was changed.'
                : 'The screens cannot show the journal until it opens.'}
            </span>
            <span className="health-banner-message" data-testid="journal-health-message">
              {problem.message}
            </span>
          </div>
          <div className="health-banner-actions">
            {damaged ? (
              <button type="button" className="btn btn-primary" onClick={() => journalHealthActions().openRepair()} data-testid="journal-repair">
                Repair…
              </button>
            ) : null}
            <button
              type="button"
              className={damaged ? 'btn btn-ghost' : 'btn'}
              disabled={checking}
              onClick={() => void journalHealthActions().load(api)}
              title="Open the journal again (after `qthink repair` in a terminal, or once another QThink has closed it)"
              data-testid="journal-check-again"
            >
              {checking ? 'Checking…' : 'Check again'}
            </button>
          </div>
        </section>
      ) : null}
      {health.status === 'ok' && notices.length > 0 ? (
        <section className="banner banner-info health-banner" role="status" aria-label="What opening the journal repaired" data-testid="journal-notices">
          <div className="banner-text health-banner-text">
            <strong>QThink repaired the journal when it opened it; nothing was lost.</strong>
            <ul className="health-notices">
              {notices.map((notice) => (
                <li key={notice}>{notice}</li>
              ))}
            </ul>
          </div>
          <button type="button" className="btn btn-ghost" onClick={() => journalHealthActions().dismissNotices()} data-testid="journal-notices-dismiss">
            Dismiss
          </button>
        </section>
      ) : null}
      {/* One dialog for the whole repair: it stays open after the journal reopens, to show what was done. */}
      <RepairDialog problem={problem} />
    </>
  );
}
