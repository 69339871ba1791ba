import { useState } from 'react';
import { appActions, useAppInfo, useBannerDismissed } from '../../state/app.ts';
import { useStagedCount } from '../../state/review.ts';
import { useImportActions } from '../../screens/Import/useImportActions.ts';

/** True while the first-run banner shows (screens then leave out their own example-day button). */
export function useFirstRunBannerVisible(): boolean {
  const info = useAppInfo();
  const dismissed = useBannerDismissed();
  const staged = useStagedCount();
  return Boolean(info?.first_run) && !dismissed && staged === 0;
}

/** On a first run (nothing committed, nothing staged) offers the bundled example day. */
export function FirstRunBanner() {
  const visible = useFirstRunBannerVisible();
  const { loadExample } = useImportActions();
  const [loading, setLoading] = useState(false);
  if (!visible) return null;
  return (
    <div className="banner" role="region" aria-label="Welcome" data-testid="first-run-banner">
      <span className="banner-text">
        <strong>Welcome to QThink Journal.</strong>{' '}
        <span className="muted">
          Nothing is in your journal yet. Load the example day (SPY 0DTE trades with bars, context and agent signals) to
          see the whole review, or import your own files.
        </span>
      </span>
      <button
        type="button"
        className="btn btn-primary"
        disabled={loading}
        onClick={() => {
          setLoading(true);
          void loadExample().finally(() => setLoading(false));
        }}
        data-testid="banner-load-example"
      >
        {loading ? 'Loading…' : 'Load the example day'}
      </button>
      <button type="button" className="btn btn-ghost" onClick={() => appActions().dismissBanner()} data-testid="banner-dismiss">
        Not now
      </button>
    </div>
  );
}
