import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '../domain/journal.ts';
import type { Bar, DayContext } from '../domain/market.ts';
import { tradeRecordSchema, type AgentSignal, type TradeRecordInput } from '../domain/trade.ts';
import { blackScholes, type Years } from '../market/blackScholes.ts';
import { sessionDay } from '../market/calendar.ts';
import { assessBatch } from './assessBatch.ts';
import { applyOverride } from './assessTrade.ts';
import { findMemoryTriggers, type MemoryTrigger } from './memoryTriggers.ts';

/**
 * Journals as a trader's would look, run through the whole engine (regret scores on bars, labels, archetypes,
 * agents) before the trigger tests: seeded random-walk SPY sessions with a day context, random 0DTE trades
 * (entries 09:35–15:50 ET, holds 1–90 minutes, a fifth short premium, strikes within two dollars of the money,
 * premiums by Black–Scholes) whose outcome is drawn at a chosen win rate, and four agents of chosen skill.
 * A null journal has no pattern: outcome and agents are drawn independently of archetype, time of day and
 * regret. Every score the formulas tie to the clock (timing in mid-day chop, decay and pin late in the day) is
 * in these journals, as it is in a real one, and must not read as a pattern of the trader's.
 * This generator is written for the test (shared/ may not import scripts/); it mirrors scripts/calibrate/trades.ts,
 * except that a forced outcome always moves the premium by at least two cents, so a "win" is never a flat
 * exit that loses its commission.
 */

function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const normal = (random: () => number): number => Math.sqrt(-2 * Math.log(Math.max(random(), 1e-12))) * Math.cos(2 * Math.PI * random());
const cents = (value: number): number => Math.max(0.01, Math.round(value * 100) / 100);
const MINUTES_PER_YEAR = 365 * 24 * 60;
const AGENTS = ['momentum_bot', 'vwap_reverter', 'gex_scout', 'flow_tracker'] as const;

type Day = { readonly date: string; readonly openMs: number; readonly closeMs: number; readonly offset: string; readonly bars: readonly Bar[] };

/** `count` trading days of 1-minute bars from 2024-01-02: a random walk of 0.06 % a minute, and a context. */
function sessions(count: number, seed: number): { days: Day[]; contexts: DayContext[] } {
  const random = seeded(seed);
  const days: Day[] = [];
  const contexts: DayContext[] = [];
  let price = 480;
  for (let ms = Date.UTC(2024, 0, 2); days.length < count; ms += 86_400_000) {
    const date = new Date(ms).toISOString().slice(0, 10);
    const session = sessionDay(date);
    if (!session.isTradingDay) continue;
    const offset = new Date(session.openMs).getUTCHours() === 13 ? '-04:00' : '-05:00';
    price *= Math.exp(normal(random) * 0.004);
    const bars: Bar[] = [];
    for (let time = session.openMs; time < session.closeMs; time += 60_000) {
      const open = Math.round(price * 100) / 100;
      price *= Math.exp(normal(random) * 0.0006);
      const close = Math.round(price * 100) / 100;
      const wick = (): number => Math.abs(normal(random)) * price * 0.0002;
      bars.push({ time, open, high: Math.round((Math.max(open, close) + wick()) * 100) / 100, low: Math.round((Math.min(open, close) - wick()) * 100) / 100, close, volume: 20_000 + Math.floor(random() * 180_000), extended: false });
    }
    const first = bars[0]?.open ?? price;
    days.push({ date, openMs: session.openMs, closeMs: session.closeMs, offset, bars });
    contexts.push({
      date,
      symbol: 'SPY',
      max_pain: Math.round(first + (random() - 0.5) * 6),
      gex_flip: Math.round(first + (random() - 0.5) * 8),
      call_wall: Math.round(first + 3 + random() * 5),
      put_wall: Math.round(first - 3 - random() * 5),
      ...(days.length % 2 === 0 ? { atm_iv: 0.16 } : {}),
      events: [],
      regime_tags: [],
      source: 'test journal context',
    });
  }
  return { days, contexts };
}

type Plan = {
  readonly count: number;
  readonly seed: number;
  /** Whether the trade should win, from its entry minute of day (ET) and its index. */
  readonly win: (random: () => number, entryMinute: number, index: number) => boolean;
  /** Each agent's chance of pointing the way the money went; 0.5 by default. */
  readonly agentRight?: Readonly<Record<string, number>>;
};

const MARKET = sessions(120, 42);

function journal(plan: Plan): JournalEntry[] {
  const random = seeded(plan.seed);
  const trades: TradeRecordInput[] = [];
  while (trades.length < plan.count) {
    const day = MARKET.days[Math.floor(random() * MARKET.days.length)] as Day;
    const closeMinute = 570 + Math.round((day.closeMs - day.openMs) / 60_000);
    const entryMinute = 575 + Math.floor(random() * Math.min(376, closeMinute - 10 - 575));
    const exitMinute = Math.min(entryMinute + 1 + Math.floor(random() * 90), closeMinute - 1);
    const entryBar = day.bars[entryMinute - 570];
    const exitBar = day.bars[exitMinute - 570];
    if (entryBar === undefined || exitBar === undefined) continue;
    const side = random() < 0.2 ? 'short' : 'long';
    const wanted = plan.win(random, entryMinute, trades.length);
    const rose = exitBar.close >= entryBar.close;
    // A long call or a short put wins when the underlying rises: choose the right that gives the wanted outcome.
    const right = (side === 'long') === (wanted === rose) ? 'C' : 'P';
    const strike = Math.round(entryBar.close) + Math.floor(random() * 5) - 2;
    const vol = 0.12 + random() * 0.12;
    const years = (minute: number): Years => ((closeMinute - minute) / MINUTES_PER_YEAR + 1e-6) as Years;
    const entryPrice = cents(blackScholes({ spot: entryBar.close, strike, years: years(entryMinute), vol, right }).price);
    if (entryPrice < 0.05) continue;
    let exitPrice = cents(blackScholes({ spot: exitBar.close, strike, years: years(exitMinute), vol: vol * (1 + (random() - 0.5) * 0.1), right }).price);
    const qty = 1 + Math.floor(random() * 3);
    const fees = 1.3;
    const sign = side === 'long' ? 1 : -1;
    const pnl = (exit: number): number => (exit - entryPrice) * 100 * qty * sign - fees;
    if (pnl(exitPrice) > 0 !== wanted) {
      const step = Math.max(0.02, Math.round(entryPrice * 8) / 100);
      exitPrice = cents(entryPrice + ((side === 'long') === wanted ? step : -step));
      if (pnl(exitPrice) > 0 !== wanted) continue;
    }
    const direction = (side === 'long') === (right === 'C') ? 'bullish' : 'bearish';
    const moneyWay = wanted ? direction : direction === 'bullish' ? 'bearish' : 'bullish';
    const agents: AgentSignal[] = AGENTS.map((name) => {
      const agrees = random() < (plan.agentRight?.[name] ?? 0.5);
      const polarity = agrees ? moneyWay : moneyWay === 'bullish' ? 'bearish' : 'bullish';
      return { name, phase: 'entry', polarity, score: Math.round((0.3 + random() * 0.6) * 100) / 100, weight: 1 };
    });
    const clock = (minute: number): string => `${day.date}T${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}:00${day.offset}`;
    trades.push({ id: `T${String(trades.length + 1).padStart(5, '0')}`, symbol: 'SPY', expiry: day.date, right, strike, side, qty, entry_time: clock(entryMinute), exit_time: clock(exitMinute), entry_price: entryPrice, exit_price: exitPrice, fees, agents });
  }
  return assessBatch({ trades: trades.map((trade) => tradeRecordSchema.parse(trade)), bars: [{ symbol: 'SPY', bars: MARKET.days.flatMap((day) => day.bars) }], contexts: MARKET.contexts });
}

const rate = (share: number): Plan['win'] => (random) => random() < share;
const named = (triggers: readonly MemoryTrigger[]): string[] => triggers.map((trigger) => `${trigger.kind}:${trigger.subject}:${trigger.evidence.measure}`);
const CHOP_MID: readonly [number, number] = [10 * 60 + 30, 12 * 60 + 30];

describe('memory triggers on whole journals (1,500 trades through the engine)', () => {
  it('a null journal at a 35 % win rate fires nothing (no archetype "losing", no agent "decaying", no block by formula)', () => {
    const entries = journal({ count: 1500, seed: 35, win: rate(0.35) });
    const wins = entries.filter((entry) => entry.pnl > 0).length / entries.length;
    expect(wins).toBeGreaterThan(0.32);
    expect(wins).toBeLessThan(0.38);
    expect(named(findMemoryTriggers(entries))).toEqual([]);
  });

  it('a null journal at a 65 % win rate fires nothing', () => {
    expect(named(findMemoryTriggers(journal({ count: 1500, seed: 65, win: rate(0.65) })))).toEqual([]);
  });

  it('a planted agent right 72 % of the time is found and named (agent_alpha: gex_scout), and no other agent', () => {
    const triggers = findMemoryTriggers(journal({ count: 1500, seed: 72, win: rate(0.5), agentRight: { gex_scout: 0.72 } }));
    expect(named(triggers)).toContain('agent_alpha:gex_scout:win_rate');
    expect(triggers.filter((trigger) => trigger.kind.startsWith('agent_') && trigger.subject !== 'gex_scout')).toEqual([]);
  });

  it('a planted time block that loses 25 points more often is found and named (regret_time_block: chop_mid, loss_rate)', () => {
    const triggers = findMemoryTriggers(journal({ count: 1500, seed: 25, win: (random, minute) => random() < (minute >= CHOP_MID[0] && minute < CHOP_MID[1] ? 0.25 : 0.5) }));
    expect(named(triggers)).toContain('regret_time_block:chop_mid:loss_rate');
    const chop = triggers.find((trigger) => trigger.subject === 'chop_mid' && trigger.evidence.measure === 'loss_rate');
    expect(chop?.evidence.effect_size ?? 0).toBeGreaterThan(0.3);
  });

  it('a planted archetype (set in review) that wins 25 points more often is found and named (archetype_wins: gamma_flip)', () => {
    const boosted = (index: number): boolean => index % 5 === 0;
    const entries = journal({ count: 1500, seed: 70, win: (random, _minute, index) => random() < (boosted(index) ? 0.7 : 0.45) });
    const reviewed = entries.map((entry) => (boosted(Number(entry.id.slice(1)) - 1) ? applyOverride(entry, { setup_archetype: 'gamma_flip' }) : entry));
    const triggers = findMemoryTriggers(reviewed);
    expect(named(triggers)).toContain('archetype_wins:gamma_flip:win_rate');
    expect(triggers.filter((trigger) => trigger.kind === 'archetype_wins' && trigger.subject !== 'gamma_flip')).toEqual([]);
  });
});
