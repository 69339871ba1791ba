/**
 * The market the calibration trades are placed on: the real SPY 1-minute bars kept in test/fixtures/real
 * (verbatim copies of data/real, two vendors, seven sessions), and seeded synthetic sessions for journals
 * longer than seven days allow. Each session has a day context like a trader's file would give.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Bar, BarSeries, DayContext } from '../../shared/domain/market.ts';
import { importBundle } from '../../shared/importers/importBundle.ts';
import { sessionDay } from '../../shared/market/calendar.ts';
import { contextsOf, generateDays } from '../bench/synthetic.ts';

export type Session = {
  readonly date: string;
  /** Bars of the regular session, one a minute, in time order. */
  readonly bars: readonly Bar[];
  readonly offset: string;
  readonly closeMs: number;
  readonly context: DayContext;
  readonly source: 'real' | 'synthetic';
};

const REAL_BARS = fileURLToPath(new URL('../../test/fixtures/real/bars/', import.meta.url));
const REAL_FILES = ['spy-1min-20250424-20250425-alpaca.csv', 'spy-1min-20250708-20250714-yfinance.csv'];

export function realSessions(): Session[] {
  const bundle = importBundle(REAL_FILES.map((name) => ({ name, text: readFileSync(join(REAL_BARS, name), 'utf8') })));
  return sessionsOf(bundle.bars, 'real', (date, bars) => {
    const open = bars[0]?.open ?? 500;
    return { date, symbol: 'SPY', max_pain: Math.round(open), gex_flip: Math.round(open) + 1, call_wall: Math.round(open) + 5, put_wall: Math.round(open) - 5, atm_iv: 0.16, events: [], regime_tags: [], source: 'calibration context' };
  });
}

export function syntheticSessions(days: number): Session[] {
  const generated = generateDays(days * 390);
  const contexts = new Map(contextsOf(generated).map((context) => [context.date, context]));
  return generated.map((day) => ({
    date: day.date,
    bars: day.bars,
    offset: day.offset,
    closeMs: day.closeMs,
    context: { ...(contexts.get(day.date) as DayContext), atm_iv: 0.16 },
    source: 'synthetic' as const,
  }));
}

function sessionsOf(series: readonly BarSeries[], source: Session['source'], context: (date: string, bars: readonly Bar[]) => DayContext): Session[] {
  const byDay = new Map<string, Bar[]>();
  for (const { bars } of series) {
    for (const bar of bars) {
      if (bar.extended) continue;
      const date = new Date(bar.time - 4 * 3_600_000).toISOString().slice(0, 10);
      const list = byDay.get(date) ?? [];
      list.push(bar);
      byDay.set(date, list);
    }
  }
  const sessions: Session[] = [];
  for (const [date, bars] of [...byDay.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const day = sessionDay(date);
    const regular = bars.filter((bar) => bar.time >= day.openMs && bar.time < day.closeMs).sort((a, b) => a.time - b.time);
    if (!day.isTradingDay || regular.length < 300) continue;
    sessions.push({ date, bars: regular, offset: '-04:00', closeMs: day.closeMs, context: context(date, regular), source });
  }
  return sessions;
}

export function seriesOfSessions(sessions: readonly Session[]): BarSeries[] {
  return [{ symbol: 'SPY', bars: sessions.flatMap((session) => session.bars) }];
}
