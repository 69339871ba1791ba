/**
 * SYNTHETIC data for the benchmark: years of SPY 1-minute bars (regular hours), 0DTE option trades with
 * agents, day contexts and a tastytrade-style transactions export. Nothing here happened in a real market.
 * Every day draws from its own PRNG seeded by (BENCH_SEED, day index), so the first tenth of the days is
 * exactly the prefix of the full set: the scaling check compares N and 10·N of the same data.
 */
import { DateTime } from 'luxon';
import type { Bar, BarSeries, DayContext } from '../../shared/domain/market.ts';
import { tradeRecordSchema, type AgentSignal, type TradeRecord, type TradeRecordInput } from '../../shared/domain/trade.ts';
import { MARKET_ZONE, sessionDay } from '../../shared/market/calendar.ts';

export const BENCH_SEED = 20_240_917;
export const FIRST_DAY = '2020-01-02';
export const TRADES_PER_DAY = 50;
export const SYMBOL = 'SPY';
const START_PRICE = 320;
/** Per-minute log-return standard deviation (≈ 1 % a day over 390 minutes, SPY-like). */
const MINUTE_VOLATILITY = 0.0006;
const AGENT_POOL = ['momentum', 'vwap_reversion', 'gamma_exposure', 'order_flow', 'breadth', 'sentiment'] as const;
const REGIMES = ['trend', 'chop', 'high_vol', 'low_vol'] as const;
/** Annualised volatility used to price the synthetic premiums. */
const PRICING_VOL = 0.16;
const MINUTES_PER_YEAR = 252 * 390;

/** mulberry32: tiny, fast, the same on every machine. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function dayRandom(dayIndex: number, stream: number): () => number {
  return seededRandom((BENCH_SEED ^ Math.imul(dayIndex + 1, 0x9e3779b1) ^ Math.imul(stream, 0x85ebca6b)) >>> 0);
}

function normal(random: () => number): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

const cents = (value: number): number => Math.round(value * 100) / 100;

/** `count` distinct items by a partial Fisher–Yates shuffle (a random comparator would depend on the sort algorithm). */
function pick<T>(items: readonly T[], count: number, random: () => number): T[] {
  const pool = [...items];
  for (let index = 0; index < count && index < pool.length; index += 1) {
    const other = index + Math.floor(random() * (pool.length - index));
    [pool[index], pool[other]] = [pool[other] as T, pool[index] as T];
  }
  return pool.slice(0, count);
}

export type SyntheticDay = {
  readonly index: number;
  readonly date: string;
  readonly openMs: number;
  readonly closeMs: number;
  /** "-04:00" or "-05:00": New York's offset that day. */
  readonly offset: string;
  readonly bars: Bar[];
};

function offsetOf(ms: number): string {
  return DateTime.fromMillis(ms, { zone: MARKET_ZONE }).toFormat('ZZ');
}

/** Regular-hours trading days from FIRST_DAY with every minute's bar, until `barCount` bars (the last day may be cut short). */
export function generateDays(barCount: number): SyntheticDay[] {
  const days: SyntheticDay[] = [];
  let total = 0;
  let price = START_PRICE;
  let date = DateTime.fromISO(FIRST_DAY, { zone: 'utc' });
  while (total < barCount) {
    const iso = date.toISODate() ?? '';
    date = date.plus({ days: 1 });
    const session = sessionDay(iso);
    if (!session.isTradingDay) continue;
    const random = dayRandom(days.length, 1);
    // A gentle pull towards the start price keeps five years of random walk in a plausible range.
    const pull = Math.log(START_PRICE / price) * 0.002;
    price = price * Math.exp(normal(random) * 0.004 + pull);
    const bars: Bar[] = [];
    const minutes = Math.min(session.closeMinute - session.openMinute, barCount - total);
    for (let minute = 0; minute < minutes; minute += 1) {
      const open = cents(price);
      price = price * Math.exp(normal(random) * MINUTE_VOLATILITY);
      const close = cents(price);
      const high = cents(Math.max(open, close) + Math.abs(normal(random)) * price * 0.0002);
      const low = cents(Math.min(open, close) - Math.abs(normal(random)) * price * 0.0002);
      const volume = 20_000 + Math.floor(random() * 180_000);
      bars.push({ time: session.openMs + minute * 60_000, open, high, low, close, volume, extended: false });
    }
    days.push({ index: days.length, date: iso, openMs: session.openMs, closeMs: session.closeMs, offset: offsetOf(session.openMs), bars });
    total += bars.length;
  }
  return days;
}

export function seriesOf(days: readonly SyntheticDay[]): BarSeries[] {
  return [{ symbol: SYMBOL, bars: days.flatMap((day) => day.bars) }];
}

/** The bars as a yfinance-style CSV (`Datetime` with its -04:00/-05:00 offset), the layout most traders download. */
export function barsCsv(days: readonly SyntheticDay[]): string {
  const lines = ['Datetime,Open,High,Low,Close,Volume'];
  for (const day of days) {
    for (const bar of day.bars) lines.push(`${isoAt(day, bar.time)},${bar.open},${bar.high},${bar.low},${bar.close},${bar.volume}`);
  }
  return `${lines.join('\n')}\n`;
}

/** `YYYY-MM-DD HH:mm:ss±hh:mm` of an instant on that day, without a time-zone library per row. */
function isoAt(day: SyntheticDay, ms: number, separator = ' '): string {
  const hours = Number(day.offset.slice(0, 3));
  const wall = new Date(ms + hours * 3_600_000).toISOString();
  return `${wall.slice(0, 10)}${separator}${wall.slice(11, 19)}${day.offset}`;
}

export function contextsOf(days: readonly SyntheticDay[]): DayContext[] {
  return days.map((day) => {
    const random = dayRandom(day.index, 2);
    const first = day.bars[0]?.open ?? START_PRICE;
    const strikeNear = (spread: number): number => Math.round(first + (random() - 0.5) * spread);
    return {
      date: day.date,
      symbol: SYMBOL,
      max_pain: strikeNear(6),
      gex_flip: strikeNear(8),
      call_wall: Math.round(first + 3 + random() * 5),
      put_wall: Math.round(first - 3 - random() * 5),
      // Half the days without an IV feed: the engine then implies volatility from each trade's premium.
      ...(day.index % 2 === 0 ? { atm_iv: cents(0.12 + random() * 0.1) } : {}),
      events: [],
      regime_tags: [],
      source: 'SYNTHETIC benchmark context',
    };
  });
}

/** A rough 0DTE premium: intrinsic value plus a time value shaped like Black–Scholes near the money. */
function premium(underlying: number, strike: number, right: 'C' | 'P', minutesLeft: number): number {
  const intrinsic = Math.max(0, right === 'C' ? underlying - strike : strike - underlying);
  const move = underlying * PRICING_VOL * Math.sqrt(Math.max(minutesLeft, 1) / MINUTES_PER_YEAR);
  const distance = (strike - underlying) / move;
  return Math.max(0.01, cents(intrinsic + 0.4 * move * Math.exp(-0.5 * distance * distance)));
}

/** `TRADES_PER_DAY` 0DTE SPY trades on each day with bars (entry in regular hours, out before the close), at most `tradeCount`. */
export function generateTradeInputs(days: readonly SyntheticDay[], tradeCount: number): TradeRecordInput[] {
  const trades: TradeRecordInput[] = [];
  for (const day of days) {
    if (day.bars.length < 60) continue;
    const random = dayRandom(day.index, 3);
    for (let n = 0; n < TRADES_PER_DAY && trades.length < tradeCount; n += 1) {
      const entryIndex = 1 + Math.floor(random() * (day.bars.length - 12));
      const exitIndex = Math.min(day.bars.length - 2, entryIndex + 1 + Math.floor(random() * 45));
      const entryBar = day.bars[entryIndex] as Bar;
      const exitBar = day.bars[exitIndex] as Bar;
      const right = random() < 0.5 ? 'C' : 'P';
      const strike = Math.round(entryBar.open + (random() - 0.5) * 6);
      const side = random() < 0.8 ? 'long' : 'short';
      const qty = 1 + Math.floor(random() * 5);
      const entryTime = entryBar.time + Math.floor(random() * 50) * 1000;
      const exitTime = exitBar.time + Math.floor(random() * 50) * 1000;
      const minutesLeft = (ms: number): number => (day.closeMs - ms) / 60_000;
      const agents: AgentSignal[] = pick(AGENT_POOL, 3, random).map((name) => ({
        name,
        phase: 'entry',
        polarity: random() < 0.5 ? 'bullish' : 'bearish',
        score: cents(0.3 + random() * 0.6),
        weight: 1,
      }));
      if (random() < 0.5) agents.push({ name: AGENT_POOL[Math.floor(random() * AGENT_POOL.length)] ?? 'momentum', phase: 'exit', polarity: random() < 0.5 ? 'bullish' : 'bearish', score: cents(0.3 + random() * 0.6), weight: 1 });
      trades.push({
        id: `bench-${day.date}-${String(n).padStart(2, '0')}`,
        symbol: SYMBOL,
        expiry: day.date,
        right,
        strike,
        side,
        qty,
        entry_time: isoAt(day, entryTime, 'T'),
        exit_time: isoAt(day, exitTime, 'T'),
        entry_price: premium(entryBar.open, strike, right, minutesLeft(entryTime)),
        exit_price: premium(exitBar.close, strike, right, minutesLeft(exitTime)),
        fees: cents(0.65 * qty * 2),
        regime_tags: random() < 0.3 ? [REGIMES[Math.floor(random() * REGIMES.length)] ?? 'trend'] : [],
        agents,
        synthetic: true,
      });
    }
    if (trades.length >= tradeCount) break;
  }
  return trades;
}

export function generateTrades(days: readonly SyntheticDay[], tradeCount: number): TradeRecord[] {
  return generateTradeInputs(days, tradeCount).map((input) => tradeRecordSchema.parse(input));
}
