import { performanceOf, type Performance } from '../../shared/journal/performance.ts';
import type { JournalEntry } from '../../shared/domain/journal.ts';
import type {
  CalendarDay,
  Heatmap,
  JournalFilter,
  JournalSummary,
  MemoryTrigger,
  RegretBreakdown,
} from '../../shared/ipc/schemas.ts';
import { buildCalendar, buildHeatmap, buildRegretBreakdown, summaryOf } from '../../shared/ipc/views.ts';
import { SUMMARY_FILE } from '../../shared/journal/summary.ts';
import type { Logger } from '../logger.ts';
import type { JournalHolder } from './journalHolder.ts';
import type { StoreFilter } from './ports.ts';
import { parseSummaryFile } from './triggers.ts';

export type JournalService = {
  list(request: JournalFilter & { offset?: number; limit?: number }): Promise<{ entries: JournalEntry[]; total: number }>;
  performance(filter: JournalFilter): Promise<Performance>;
  entries(filter?: JournalFilter): Promise<JournalEntry[]>;
  summary(): Promise<JournalSummary>;
  triggers(): Promise<MemoryTrigger[]>;
  calendar(filter: JournalFilter): Promise<CalendarDay[]>;
  regret(filter: JournalFilter, bucket: 'day' | 'week' | 'month'): Promise<RegretBreakdown>;
  heatmap(filter: JournalFilter): Promise<Heatmap>;
};

export function createJournalService(journal: JournalHolder, logger: Logger): JournalService {
  const entries = async (filter: JournalFilter = {}) => [...(await (await journal.store()).listCommitted(storeFilter(filter)))];
  const summary = async (): Promise<JournalSummary> => {
    const store = await journal.store();
    const parsed = parseSummaryFile(await store.readDerived(SUMMARY_FILE));
    if (parsed) return parsed;
    const committed = await entries();
    if (committed.length > 0) logger.warn(`${SUMMARY_FILE} is missing or unreadable; showing a summary computed from sync_log.jsonl (run \`qthink rebuild\`)`);
    return summaryOf(committed, committed.length > 0 ? normalizeWeightMap(await store.weights()) : {}, []);
  };
  return {
    async list(request) {
      const { offset = 0, limit, ...filter } = request;
      const matching = await entries(filter);
      const page = matching.slice(offset, limit === undefined ? undefined : offset + limit);
      return { entries: page, total: matching.length };
    },
    entries,
    summary,
    triggers: async () => (await summary()).memory_triggers,
    calendar: async (filter) => buildCalendar(await entries(filter)),
    regret: async (filter, bucket) => buildRegretBreakdown(await entries(filter), bucket),
    heatmap: async (filter) => buildHeatmap(await entries(filter)),
    performance: async (filter) => performanceOf(await entries(filter)),
  };
}

/** Only the fields the store knows, without undefined keys. */
export function storeFilter(filter: JournalFilter): StoreFilter {
  const out: StoreFilter = {};
  if (filter.from !== undefined) out.from = filter.from;
  if (filter.to !== undefined) out.to = filter.to;
  if (filter.time_block !== undefined) out.time_block = filter.time_block;
  if (filter.setup_archetype !== undefined) out.setup_archetype = filter.setup_archetype;
  if (filter.final_label !== undefined) out.final_label = filter.final_label;
  if (filter.agent !== undefined) out.agent = filter.agent;
  return out;
}

function normalizeWeightMap(raw: unknown): Record<string, number> {
  const out: Record<string, number> = {};
  if (typeof raw !== 'object' || raw === null) return out;
  for (const [name, value] of Object.entries(raw)) if (typeof value === 'number') out[name] = value;
  return out;
}
