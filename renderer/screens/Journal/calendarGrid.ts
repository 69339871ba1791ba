import type { CalendarDay } from '../../../shared/ipc/schemas.ts';

/**
 * The month grid of the journal calendar: weeks from Monday to Sunday, each day with its journal figures,
 * and per-week and per-month totals. Pure date arithmetic in UTC on ISO dates, so the machine's zone
 * never shifts a day.
 */

export type CalendarCell = {
  readonly date: string;
  readonly dayOfMonth: number;
  readonly inMonth: boolean;
  readonly weekend: boolean;
  readonly day: CalendarDay | null;
};

export type CalendarWeek = {
  readonly cells: readonly CalendarCell[];
  readonly trades: number;
  readonly pnl: number;
};

export type MonthGrid = {
  readonly month: string;
  readonly title: string;
  readonly weeks: readonly CalendarWeek[];
  readonly trades: number;
  readonly pnl: number;
  readonly tradingDays: number;
  readonly greenDays: number;
  readonly redDays: number;
};

const DAY_MS = 86_400_000;
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function utc(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
}

function iso(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** "2025-03" → "2025-04" for +1. */
export function shiftMonth(month: string, delta: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The month of the latest traded day, or null for an empty journal. */
export function latestMonth(days: readonly CalendarDay[]): string | null {
  let latest: string | null = null;
  for (const day of days) if (latest === null || day.date > latest) latest = day.date;
  return latest === null ? null : latest.slice(0, 7);
}

export function monthGrid(month: string, days: readonly CalendarDay[]): MonthGrid {
  const byDate = new Map(days.map((day) => [day.date, day]));
  const first = utc(`${month}-01`);
  const next = utc(`${shiftMonth(month, 1)}-01`);
  const mondayOffset = (new Date(first).getUTCDay() + 6) % 7;
  const weeks: CalendarWeek[] = [];
  let trades = 0;
  let pnl = 0;
  let tradingDays = 0;
  let greenDays = 0;
  let redDays = 0;
  for (let weekStart = first - mondayOffset * DAY_MS; weekStart < next; weekStart += 7 * DAY_MS) {
    const cells: CalendarCell[] = [];
    let weekTrades = 0;
    let weekPnl = 0;
    for (let offset = 0; offset < 7; offset += 1) {
      const ms = weekStart + offset * DAY_MS;
      const date = iso(ms);
      const day = byDate.get(date) ?? null;
      const inMonth = ms >= first && ms < next;
      cells.push({ date, dayOfMonth: new Date(ms).getUTCDate(), inMonth, weekend: offset >= 5, day });
      if (!day) continue;
      weekTrades += day.trades;
      weekPnl += day.pnl;
      if (!inMonth) continue;
      trades += day.trades;
      pnl += day.pnl;
      tradingDays += 1;
      if (day.pnl > 0) greenDays += 1;
      else if (day.pnl < 0) redDays += 1;
    }
    weeks.push({ cells, trades: weekTrades, pnl: round(weekPnl) });
  }
  const title = `${MONTH_NAMES[Number(month.slice(5, 7)) - 1] ?? month} ${month.slice(0, 4)}`;
  return { month, title, weeks, trades, pnl: round(pnl), tradingDays, greenDays, redDays };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
