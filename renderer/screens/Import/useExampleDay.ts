import { useEffect } from 'react';
import { useApi } from '../../api/ApiContext.tsx';
import { checkExampleDay, exampleDayStatus, useExampleCommitted, type ExampleDayStatus } from '../../state/import.ts';
import { useStagedBatch } from '../../state/review.ts';
import { useAppInfo } from '../../state/app.ts';

/**
 * Whether the example day can still be offered: not once it is staged (it would merge the same trades
 * again) or committed. The journal is asked again whenever the staged batch changes (a commit empties it).
 */
export function useExampleDay(): ExampleDayStatus {
  const api = useApi();
  const batch = useStagedBatch();
  const committed = useExampleCommitted();
  const exampleDay = useAppInfo()?.example_day ?? null;
  const stagedCount = batch?.entries.length ?? 0;
  useEffect(() => {
    void checkExampleDay(api, exampleDay);
  }, [api, exampleDay, stagedCount]);
  return exampleDayStatus(batch?.entries ?? [], committed, exampleDay);
}
