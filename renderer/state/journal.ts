import type { Performance } from '../../shared/journal/performance.ts';
import { create } from 'zustand';
import type { JournalEntry } from '../../shared/domain/journal.ts';
import type { Api } from '../../shared/ipc/contract.ts';
import type { ApiError, CalendarDay, ExportFile, ExportFormat, JournalFilter, JournalSummary, MemoryTrigger } from '../../shared/ipc/schemas.ts';
import { idle, loading, requestCounter, settled, type Remote } from '../components/remote.ts';

/**
 * The Journal screen's slice: the trade filters, the calendar's month, committed trades, memory triggers
 * and the last export. Clicking a calendar day is a date filter of that one day.
 */

/** Trades fetched in one go: a journal of years of 0DTE scalps still fits, and the table is virtualised. */
export const TRADE_LIST_LIMIT = 100_000;

export type TradeList = { readonly entries: readonly JournalEntry[]; readonly total: number };

export type ExportOutcome =
  | { readonly kind: 'file'; readonly format: ExportFormat; readonly file: ExportFile }
  | { readonly kind: 'saved'; readonly format: ExportFormat; readonly path: string | null; readonly saved: boolean };

export type ExportState = {
  readonly busy: ExportFormat | null;
  readonly outcome: ExportOutcome | null;
  readonly error: ApiError | null;
};

export type JournalState = {
  readonly filter: JournalFilter;
  /** The month the calendar shows, "YYYY-MM"; null follows the latest traded day. */
  readonly month: string | null;
  readonly calendar: Remote<readonly CalendarDay[]>;
  readonly trades: Remote<TradeList>;
  /** The filtered trades' figures (journal.performance), loaded with them. */
  readonly performance: Remote<Performance>;
  readonly triggers: Remote<readonly MemoryTrigger[]>;
  /** Agent names for the agent filter. */
  readonly agents: readonly string[];
  /** Group sizes behind the memory triggers, to say why none has fired; null until loaded or on failure. */
  readonly summary: JournalSummary | null;
  readonly exporting: ExportState;
};

export type JournalActions = {
  setFilter(patch: Partial<JournalFilter>): void;
  clearFilter(): void;
  /** Filter the trades to one day, or clear that filter when the day is already selected. */
  toggleDay(date: string): void;
  setMonth(month: string): void;
  loadOverview(api: Api): Promise<void>;
  loadTrades(api: Api): Promise<void>;
  exportJournal(api: Api, format: ExportFormat, native: boolean): Promise<void>;
  clearExport(): void;
};

export function emptyJournalState(): JournalState {
  return {
    filter: {},
    month: null,
    calendar: idle(),
    trades: idle(),
    performance: idle(),
    triggers: idle(),
    agents: [],
    summary: null,
    exporting: { busy: null, outcome: null, error: null },
  };
}

const overviewRequests = requestCounter();
const tradeRequests = requestCounter();

export const useJournalStore = create<JournalState & JournalActions>()((set, get) => ({
  ...emptyJournalState(),
  setFilter: (patch) => set((state) => ({ filter: withoutEmpty({ ...state.filter, ...patch }) })),
  clearFilter: () => set({ filter: {} }),
  toggleDay: (date) =>
    set((state) => {
      const selected = state.filter.from === date && state.filter.to === date;
      return { filter: withoutEmpty({ ...state.filter, from: selected ? undefined : date, to: selected ? undefined : date }) };
    }),
  setMonth: (month) => set({ month }),
  loadOverview: async (api) => {
    const id = overviewRequests.next();
    set((state) => ({ calendar: loading(state.calendar), triggers: loading(state.triggers) }));
    const [calendar, triggers, agents, summary] = await Promise.all([
      api.invoke('journal.calendar', {}),
      api.invoke('journal.triggers', {}),
      api.invoke('agents.weights', {}),
      api.invoke('journal.summary', {}),
    ]);
    if (!overviewRequests.isLatest(id)) return;
    set((state) => ({
      calendar: settled(state.calendar, calendar.ok ? { ok: true, value: calendar.value.days } : calendar),
      triggers: settled(state.triggers, triggers.ok ? { ok: true, value: triggers.value.triggers } : triggers),
      agents: agents.ok ? agents.value.agents.map((row) => row.agent) : state.agents,
      summary: summary.ok ? summary.value : null,
    }));
  },
  loadTrades: async (api) => {
    const id = tradeRequests.next();
    set((state) => ({ trades: loading(state.trades), performance: loading(state.performance) }));
    const filter = get().filter;
    const [result, performance] = await Promise.all([api.invoke('journal.list', { ...filter, limit: TRADE_LIST_LIMIT }), api.invoke('journal.performance', filter)]);
    if (tradeRequests.isLatest(id)) set((state) => ({ trades: settled(state.trades, result), performance: settled(state.performance, performance) }));
  },
  exportJournal: async (api, format, native) => {
    const filter = get().filter;
    set({ exporting: { busy: format, outcome: null, error: null } });
    const request = Object.keys(filter).length > 0 ? { format, filter } : { format };
    if (native) {
      const result = await api.invoke('export.save', request);
      set({
        exporting: result.ok
          ? { busy: null, outcome: { kind: 'saved', format, path: result.value.path, saved: result.value.saved }, error: null }
          : { busy: null, outcome: null, error: result.error },
      });
      return;
    }
    const result = await api.invoke('export.create', request);
    set({
      exporting: result.ok
        ? { busy: null, outcome: { kind: 'file', format, file: result.value }, error: null }
        : { busy: null, outcome: null, error: result.error },
    });
  },
  clearExport: () => set({ exporting: { busy: null, outcome: null, error: null } }),
}));

export function resetJournalState(): void {
  useJournalStore.setState(emptyJournalState());
}

function withoutEmpty(filter: Partial<Record<keyof JournalFilter, string | undefined>>): JournalFilter {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(filter)) if (value !== undefined && value !== '') out[key] = value;
  return out as JournalFilter;
}

// --- selectors ---

export function activeFilterCount(filter: JournalFilter): number {
  return Object.values(filter).filter((value) => value !== undefined).length;
}

export function selectedDay(filter: JournalFilter): string | null {
  return filter.from !== undefined && filter.from === filter.to ? filter.from : null;
}

/** Newest trade first, the way a trader scans a journal. */
export function newestFirst(entries: readonly JournalEntry[]): JournalEntry[] {
  return [...entries].reverse();
}

/** How many groups of each kind hold enough trades for a memory trigger to be tested at all. */
export type TriggerReadiness = {
  readonly kind: 'archetypes' | 'time blocks' | 'agents';
  readonly ready: number;
  readonly total: number;
  readonly largest: number;
};

/**
 * Archetype and agent patterns test a group on its own (against a coin flip); a time-block pattern compares
 * the block with the rest of the journal, so the rest must reach the minimum sample too.
 */
export function triggerReadiness(summary: JournalSummary, minimumSample: number): TriggerReadiness[] {
  const total = summary.totals.trades;
  const count = (kind: TriggerReadiness['kind'], groups: readonly { trades: number }[], needsRest: boolean): TriggerReadiness => {
    const present = groups.filter((group) => group.trades > 0);
    const ready = present.filter((group) => group.trades >= minimumSample && (!needsRest || total - group.trades >= minimumSample)).length;
    return { kind, ready, total: present.length, largest: Math.max(0, ...present.map((group) => group.trades)) };
  };
  return [
    count('archetypes', summary.by_archetype, false),
    count('time blocks', summary.by_time_block, true),
    count('agents', summary.by_agent, false),
  ];
}

// --- hooks ---

export const useJournalFilter = (): JournalFilter => useJournalStore((state) => state.filter);
export const useJournalMonth = (): string | null => useJournalStore((state) => state.month);
export const useCalendar = (): Remote<readonly CalendarDay[]> => useJournalStore((state) => state.calendar);
export const useTradeList = (): Remote<TradeList> => useJournalStore((state) => state.trades);
export const usePerformance = (): Remote<Performance> => useJournalStore((state) => state.performance);
export const useTriggers = (): Remote<readonly MemoryTrigger[]> => useJournalStore((state) => state.triggers);
export const useJournalAgents = (): readonly string[] => useJournalStore((state) => state.agents);
export const useJournalSummary = (): JournalSummary | null => useJournalStore((state) => state.summary);
export const useExportState = (): ExportState => useJournalStore((state) => state.exporting);

export function journalActions(): JournalActions {
  const { setFilter, clearFilter, toggleDay, setMonth, loadOverview, loadTrades, exportJournal, clearExport } = useJournalStore.getState();
  return { setFilter, clearFilter, toggleDay, setMonth, loadOverview, loadTrades, exportJournal, clearExport };
}
