import { useEffect } from 'react';
import { useApi } from '../../api/ApiContext.tsx';
import { checkExampleDay, exampleDayStatus, useExampleCommitted, type ExampleDayStatus } from '../../state/import.ts';
import { useStagedBatch } from '../../state/review.ts';

/**
 * Whether the example day can still be offered: not once it is staged (it would merge the same trades
 * again) or committed. The journal is asked again whenever the staged batch changes (a commit empties it).
 */
export function useExampleDay(): ExampleDayStatus {
  const api = useApi();
  const batch = useStagedBatch();
  const committed = useExampleCommitted();
  const stagedCount = batch?.entries.length ?? 0;
  useEffect(() => {
    void checkExampleDay(api);
  }, [api, stagedCount]);
  return exampleDayStatus(batch?.entries ?? [], committed);
}
