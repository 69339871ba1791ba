import { CommittedTradeDialog } from './CommittedTradeDialog.tsx';
import { PerformancePanel } from './PerformancePanel.tsx';
import { useMemo, useState } from 'react';
import { MINIMUM_SAMPLE } from '../../../shared/engine/memoryTriggers.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { Kpi } from '../../components/Kpi.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { NoCommittedTrades } from '../../components/NoCommittedTrades.tsx';
import { Panel } from '../../components/Panel.tsx';
import { count, money, pct, plural, pnlTone } from '../../format.ts';
import { useAppInfo } from '../../state/app.ts';
import {
  activeFilterCount,
  journalActions,
  newestFirst,
  selectedDay,
  triggerReadiness,
  useCalendar,
  useExportState,
  useJournalAgents,
  useJournalFilter,
  useJournalMonth,
  useJournalSummary,
  usePerformance,
  useTradeList,
  useTriggers,
} from '../../state/journal.ts';
import '../../styles/screens-analysis.css';
import './calendar.css';
import './journal.css';
import { CalendarPanel } from './CalendarPanel.tsx';
import { latestMonth } from './calendarGrid.ts';
import { ExportPanel } from './ExportPanel.tsx';
import { JournalFilters } from './JournalFilters.tsx';
import { TradesTable } from './TradesTable.tsx';
import { TriggersPanel } from './TriggersPanel.tsx';
import { useApi } from '../../api/ApiContext.tsx';
import { useJournalScreen } from './useJournalScreen.ts';

/** Journal: the calendar, every committed trade with filters, the memory triggers, and exports. */
export function JournalScreen() {
  const api = useApi();
  const { reloadOverview, reloadTrades } = useJournalScreen();
  const calendar = useCalendar();
  const trades = useTradeList();
  const triggers = useTriggers();
  const filter = useJournalFilter();
  const agents = useJournalAgents();
  const storedMonth = useJournalMonth();
  const exporting = useExportState();
  const summary = useJournalSummary();
  const info = useAppInfo();
  const days = calendar.data ?? [];
  const latest = latestMonth(days);
  const month = storedMonth ?? latest ?? new Date().toISOString().slice(0, 7);
  const totals = useMemo(() => {
    let pnl = 0;
    let wins = 0;
    let losses = 0;
    let n = 0;
    for (const day of days) {
      pnl += day.pnl;
      wins += day.wins;
      losses += day.losses;
      n += day.trades;
    }
    return { pnl, wins, losses, trades: n, days: days.length };
  }, [days]);
  const rows = useMemo(() => newestFirst(trades.data?.entries ?? []), [trades.data]);
  const filters = activeFilterCount(filter);
  const filteredPnl = useMemo(() => rows.reduce((sum, entry) => sum + entry.pnl, 0), [rows]);

  const performance = usePerformance();
  const [openId, setOpenId] = useState<string | null>(null);
  const opened = openId === null ? null : (rows.find((entry) => entry.id === openId) ?? null);
  // The cards follow the filters: the filtered trades' figures once loaded, the whole journal's before.
  const shown = performance.data?.overall ?? {
    net_pnl: totals.pnl,
    trades: totals.trades,
    wins: totals.wins,
    losses: totals.losses,
    win_rate: totals.wins + totals.losses > 0 ? totals.wins / (totals.wins + totals.losses) : null,
  };

  const overviewLoaded = calendar.data !== null;
  const empty = overviewLoaded && totals.trades === 0;

  return (
    <div className="screen qa-screen" data-testid="journal-screen">
      <header className="screen-header">
        <div>
          <h1 className="screen-title">Journal</h1>
          <p className="screen-subtitle">Every committed trade, day by day. Filters apply to the table and to the exports.</p>
        </div>
        {(calendar.status === 'loading' || trades.status === 'loading') && overviewLoaded ? <LoadingState inline label="Refreshing…" /> : null}
      </header>

      {calendar.error ? <ErrorState error={calendar.error} onRetry={reloadOverview} title="Could not load the journal" /> : null}

      {!overviewLoaded ? (
        calendar.error ? null : <LoadingState label="Loading journal…" />
      ) : empty ? (
        <Panel>
          <NoCommittedTrades what="the journal" />
        </Panel>
      ) : (
        <>
          <div className="qa-kpis" data-testid="journal-kpis">
            <Kpi
              label={filters > 0 ? 'Net PnL (filtered)' : 'Net PnL'}
              value={money(shown.net_pnl)}
              tone={pnlTone(shown.net_pnl)}
              hint={filters > 0 ? `of ${money(totals.pnl)} over all ${plural(totals.days, 'trading day')}` : `over ${plural(totals.days, 'trading day')}`}
            />
            <Kpi label={filters > 0 ? 'Trades (filtered)' : 'Trades'} value={count(shown.trades)} hint={`${shown.wins} won · ${shown.losses} lost${filters > 0 ? ` · of ${count(totals.trades)}` : ''}`} />
            <Kpi label="Win rate" value={pct(shown.win_rate)} hint="scratches left out" />
            <Kpi label="Memory triggers" value={String(triggers.data?.length ?? 0)} />
          </div>

          <div className="qa-grid-journal">
            <CalendarPanel
              days={days}
              month={month}
              latest={latest}
              selected={selectedDay(filter)}
              onMonth={(value) => journalActions().setMonth(value)}
              onDay={(date) => journalActions().toggleDay(date)}
            />
            <div className="qa-stack">
              {triggers.error ? (
                <ErrorState error={triggers.error} onRetry={reloadOverview} title="Could not load the memory triggers" />
              ) : (
                <TriggersPanel triggers={triggers.data ?? []} committed={totals.trades} readiness={summary ? triggerReadiness(summary, MINIMUM_SAMPLE) : null} />
              )}
              <ExportPanel
                state={exporting}
                matching={trades.data?.total ?? 0}
                filtered={filters > 0}
                native={info?.native_dialogs ?? false}
                onExport={(format) => void journalActions().exportJournal(api, format, info?.native_dialogs ?? false)}
              />
            </div>
          </div>

          {performance.data ? <PerformancePanel performance={performance.data} filtered={filters > 0} /> : null}

          <Panel
            title="Committed trades"
            testId="journal-trades"
            actions={
              <span className="qa-panel-note num" data-testid="journal-trade-count">
                {trades.data ? `${count(trades.data.total)} of ${count(totals.trades)} · ` : ''}
                <span className={pnlTone(filteredPnl)}>{money(filteredPnl)}</span>
              </span>
            }
          >
            <JournalFilters
              filter={filter}
              agents={agents}
              onChange={(patch) => journalActions().setFilter(patch)}
              onClear={() => journalActions().clearFilter()}
            />
            {trades.error ? <ErrorState error={trades.error} onRetry={reloadTrades} title="Could not load the trades" /> : null}
            {trades.data === null ? (
              trades.error ? null : <LoadingState label="Loading trades…" />
            ) : rows.length === 0 ? (
              <EmptyState
                testId="trades-empty"
                title="No trades match these filters"
                body="Widen the date range or clear a filter."
                action={
                  <button type="button" className="btn" onClick={() => journalActions().clearFilter()}>
                    Clear filters
                  </button>
                }
              />
            ) : (
              <TradesTable entries={rows} onOpen={setOpenId} />
            )}
          </Panel>
        </>
      )}
      <CommittedTradeDialog entry={opened} onClose={() => setOpenId(null)} />
    </div>
  );
}
