import { useNavigate } from '../state/app.ts';
import { EmptyState } from './EmptyState.tsx';

/** The analysis screens' empty state: nothing is committed yet, and how to get there. */
export function NoCommittedTrades({ what }: { readonly what: string }) {
  const navigate = useNavigate();
  return (
    <EmptyState
      testId="empty-no-trades"
      title="No committed trades yet"
      body={`Import a day and commit it on the Review screen; ${what} then fills in from your journal. New here? The Import screen can load an example day.`}
      action={
        <>
          <button type="button" className="btn btn-primary" onClick={() => navigate('import')}>
            Go to Import
          </button>
          <button type="button" className="btn" onClick={() => navigate('review')}>
            Open Review
          </button>
        </>
      }
    />
  );
}
