import { join } from 'node:path';
import { barSchema, dayContextSchema, type Bar, type BarSeries, type DayContext } from '../../shared/domain/market.ts';
import { etClock } from '../../shared/market/calendar.ts';
import { normalizeSymbol } from '../../shared/engine/marketIndex.ts';
import { writeAtomic, type JournalFs } from './fsOps.ts';
import { barsPath, contextPath, isoDay } from './layout.ts';

/**
 * Imported market data kept under the data directory, one file per symbol and New York day, so the review
 * chart and a re-assessment after a restart (or after a late bars file) have the bars the engine used.
 */
export type MarketStore = {
  readonly saveBars: (series: readonly BarSeries[]) => Promise<Set<string>>;
  readonly saveContexts: (contexts: readonly DayContext[]) => Promise<Set<string>>;
  readonly loadBars: (symbol: string, date: string) => Promise<Bar[]>;
  readonly loadContext: (symbol: string, date: string) => Promise<DayContext | null>;
};

type StoredBars = { symbol: string; date: string; bars: Bar[] };

/** `SYMBOL|YYYY-MM-DD` of every day a save touched. */
export function dayKey(symbol: string, date: string): string {
  return `${normalizeSymbol(symbol)}|${date}`;
}

export function createMarketStore(fs: JournalFs, dataDir: string): MarketStore {
  const full = (relative: string): string => join(dataDir, relative);
  // The days a symbol has files for, listed once per symbol and folder (a re-assessment asks for every day
  // around every trade, mostly days without data: one listing instead of a failed open per day).
  const listed = new Map<string, Promise<Set<string>>>();
  const daysWith = (path: string): Promise<Set<string>> => {
    const dir = path.slice(0, path.lastIndexOf('/'));
    let days = listed.get(dir);
    if (!days) {
      days = fs.list(full(dir)).then((names) => new Set(names.filter((name) => name.endsWith('.json')).map((name) => name.slice(0, -'.json'.length))));
      listed.set(dir, days);
    }
    return days;
  };
  const forget = (path: string): void => void listed.delete(path.slice(0, path.lastIndexOf('/')));

  const loadBars = async (symbol: string, date: string): Promise<Bar[]> => {
    if (!isoDay(date)) return [];
    if (!(await daysWith(barsPath(symbol, date))).has(date)) return [];
    const text = await fs.readText(full(barsPath(symbol, date)));
    if (text === null) return [];
    const parsed = JSON.parse(text) as Partial<StoredBars>;
    return (parsed.bars ?? []).flatMap((bar) => {
      const checked = barSchema.safeParse(bar);
      return checked.success ? [checked.data] : [];
    });
  };

  return {
    loadBars,
    saveBars: async (series) => {
      const byDay = new Map<string, { symbol: string; date: string; bars: Bar[] }>();
      for (const one of series) {
        const symbol = normalizeSymbol(one.symbol);
        for (const bar of one.bars) {
          const date = etClock(bar.time).date;
          const key = dayKey(symbol, date);
          let day = byDay.get(key);
          if (!day) {
            day = { symbol, date, bars: [] };
            byDay.set(key, day);
          }
          day.bars.push(bar);
        }
      }
      for (const day of byDay.values()) {
        // A second file for the same day fills gaps and corrects minutes; the newer bar wins its minute.
        const minutes = new Map<number, Bar>();
        for (const bar of await loadBars(day.symbol, day.date)) minutes.set(bar.time, bar);
        for (const bar of day.bars) minutes.set(bar.time, bar);
        const bars = [...minutes.values()].sort((a, b) => a.time - b.time);
        await writeAtomic(fs, full(barsPath(day.symbol, day.date)), JSON.stringify({ symbol: day.symbol, date: day.date, bars }) + '\n');
        forget(barsPath(day.symbol, day.date));
      }
      return new Set(byDay.keys());
    },
    loadContext: async (symbol, date) => {
      if (!isoDay(date)) return null;
      if (!(await daysWith(contextPath(symbol, date))).has(date)) return null;
      const text = await fs.readText(full(contextPath(symbol, date)));
      if (text === null) return null;
      const parsed = dayContextSchema.safeParse(JSON.parse(text));
      return parsed.success ? parsed.data : null;
    },
    saveContexts: async (contexts) => {
      const touched = new Set<string>();
      for (const context of contexts) {
        const symbol = normalizeSymbol(context.symbol ?? 'SPY');
        const path = full(contextPath(symbol, context.date));
        const existingText = await fs.readText(path);
        const existing = existingText === null ? null : dayContextSchema.safeParse(JSON.parse(existingText));
        // A context file is the trader's own statement of the day; a chain snapshot never overwrites it.
        if (existing?.success && isFromChain(context) && !isFromChain(existing.data)) continue;
        await writeAtomic(fs, path, JSON.stringify({ ...context, symbol }) + '\n');
        forget(contextPath(symbol, context.date));
        touched.add(dayKey(symbol, context.date));
      }
      return touched;
    },
  };
}

export function isFromChain(context: DayContext): boolean {
  return typeof context.source === 'string' && /^chain\b/i.test(context.source);
}
