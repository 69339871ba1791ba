import { Badge } from '../Badge.tsx';
import { useNavigate, useScreen } from '../../state/app.ts';
import { useStagedCount } from '../../state/review.ts';
import { SCREEN_META } from './shortcuts.ts';

/** The left navigation; Review carries the number of staged trades waiting. */
export function Sidebar() {
  const screen = useScreen();
  const navigate = useNavigate();
  const staged = useStagedCount();
  return (
    <nav className="sidebar" aria-label="Screens" data-testid="sidebar">
      <div className="nav-section">Evening workflow</div>
      {SCREEN_META.map((meta, index) => (
        <div key={meta.id}>
          {index === 2 ? <div className="nav-section">Analysis</div> : null}
          {meta.id === 'pretrade' ? <div className="nav-section">Before the trade</div> : null}
          <button
            type="button"
            className="nav-item"
            aria-current={screen === meta.id ? 'page' : undefined}
            onClick={() => navigate(meta.id)}
            title={`${meta.hint} (g ${meta.letter} · Ctrl ${meta.digit})`}
            data-testid={`nav-${meta.id}`}
          >
            <span className="nav-icon" aria-hidden="true">
              {meta.icon}
            </span>
            <span className="nav-label">{meta.label}</span>
            {meta.id === 'review' && staged > 0 ? (
              <Badge tone="accent" testId="nav-review-badge" title={`${staged} staged trades`}>
                {staged}
              </Badge>
            ) : (
              <span className="nav-key" aria-hidden="true">
                g{meta.letter}
              </span>
            )}
          </button>
        </div>
      ))}
      <div className="sidebar-footer">
        Press <kbd className="kbd">?</kbd> for shortcuts
      </div>
    </nav>
  );
}
