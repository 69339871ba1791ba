import { useEffect } from 'react';
import { useApi } from '../../api/ApiContext.tsx';
import { journalActions, useJournalFilter } from '../../state/journal.ts';

/**
 * Loads the calendar, triggers and agent names when the screen opens, and the trades whenever a filter
 * changes. A finished export is forgotten on leaving, so coming back does not download it again.
 */
export function useJournalScreen(): { reloadOverview: () => void; reloadTrades: () => void } {
  const api = useApi();
  const filter = useJournalFilter();
  useEffect(() => {
    void journalActions().loadOverview(api);
    return () => journalActions().clearExport();
  }, [api]);
  useEffect(() => {
    void journalActions().loadTrades(api);
  }, [api, filter]);
  return {
    reloadOverview: () => void journalActions().loadOverview(api),
    reloadTrades: () => void journalActions().loadTrades(api),
  };
}
