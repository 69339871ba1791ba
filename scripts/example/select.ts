import type { JournalEntry } from '../../shared/domain/journal.ts';
import type { Bar, DayContext } from '../../shared/domain/market.ts';
import type { AgentSignal, TradeRecordInput } from '../../shared/domain/trade.ts';
import { tradeRecordSchema } from '../../shared/domain/trade.ts';
import { assessTrade } from '../../shared/engine/assessTrade.ts';
import { barAt } from '../../shared/market/barWindow.ts';
import { blackScholes } from '../../shared/market/blackScholes.ts';
import { etMinuteToMs } from '../../shared/market/calendar.ts';
import { timeToExpiryYears } from '../../shared/market/timeToExpiry.ts';
import { REQUIREMENTS, requirementsMet } from './coverage.ts';
import { EXAMPLE_DATE } from './market.ts';

/** The example day's agents: a momentum model, a mean-reversion model, a dealer-positioning model, an order-flow model. */
export const AGENTS = ['momentum_bot', 'vwap_reverter', 'gex_scout', 'flow_tracker'] as const;

type Leg = { readonly right: 'C' | 'P'; readonly side: 'long' | 'short' };
const LEGS: readonly Leg[] = [
  { right: 'C', side: 'long' },
  { right: 'P', side: 'long' },
  { right: 'P', side: 'short' },
  { right: 'C', side: 'short' },
];
const HOLDS = [4, 8, 15, 25, 40];
const MESHES = ['aligned', 'mixed', 'split'] as const;
const ENTRY_STEP_MIN = 3;
export const TARGET_TRADES = 15;
/** Trades are at least this far apart at entry, as one trader would take them. */
const MIN_ENTRY_GAP_MIN = 6;

export type Candidate = { readonly trade: TradeRecordInput; readonly entry: JournalEntry; readonly meets: readonly string[] };

const fmt = (minute: number): string => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

function direction(leg: Leg): 'bullish' | 'bearish' {
  return (leg.right === 'C') === (leg.side === 'long') ? 'bullish' : 'bearish';
}

/**
 * Entry agents in three moods. aligned: all four agree with the trade. mixed: momentum_bot and vwap_reverter
 * agree, flow_tracker calls the next 15 minutes right and gex_scout calls them wrong. split: as mixed, but
 * vwap_reverter opposes with more conviction (a mesh conflict). Over the day flow_tracker is the agent that
 * is right and gex_scout the one that is not, so the replayed weights pull apart.
 */
function entryAgents(mesh: (typeof MESHES)[number], dir: 'bullish' | 'bearish', future: 'bullish' | 'bearish', random: () => number): AgentSignal[] {
  const other = (polarity: 'bullish' | 'bearish') => (polarity === 'bullish' ? 'bearish' : 'bullish');
  const score = (low: number) => Math.round((low + random() * 0.25) * 100) / 100;
  const signal = (name: string, polarity: 'bullish' | 'bearish', low: number): AgentSignal => ({ name, phase: 'entry', polarity, score: score(low), weight: 1 });
  if (mesh === 'aligned') return AGENTS.map((name) => signal(name, dir, 0.45));
  return [
    signal('momentum_bot', dir, 0.45),
    signal('vwap_reverter', mesh === 'split' ? other(dir) : dir, mesh === 'split' ? 0.7 : 0.45),
    signal('gex_scout', other(future), 0.45),
    signal('flow_tracker', future, 0.45),
  ];
}

/** Where the underlying went over the 15 minutes after a moment. */
function futureDirection(bars: readonly Bar[], ms: number): 'bullish' | 'bearish' {
  const now = barAt(bars, ms)?.close ?? 0;
  const later = barAt(bars, ms + 15 * 60_000)?.close ?? now;
  return later >= now ? 'bullish' : 'bearish';
}

/** Premium per share from Black–Scholes on the bar's close, the context IV and the time to the 16:00 expiry. */
export function premium(bars: readonly Bar[], ms: number, strike: number, right: 'C' | 'P', vol: number): number {
  const spot = barAt(bars, ms)?.close ?? strike;
  const price = blackScholes({ spot, strike, vol, right, years: timeToExpiryYears(ms, EXAMPLE_DATE) }).price;
  return Math.max(0.01, Math.round(price * 100) / 100);
}

export function buildCandidates(bars: readonly Bar[], context: DayContext, random: () => number): Candidate[] {
  const vol = context.atm_iv ?? 0.15;
  const candidates: Candidate[] = [];
  for (let minute = 9 * 60 + 32; minute <= 15 * 60 + 50; minute += ENTRY_STEP_MIN) {
    for (const hold of HOLDS) {
      const exitMinute = Math.min(minute + hold, 15 * 60 + 58);
      if (exitMinute <= minute) continue;
      const entryMs = etMinuteToMs(EXAMPLE_DATE, minute);
      const exitMs = etMinuteToMs(EXAMPLE_DATE, exitMinute);
      const spot = barAt(bars, entryMs)?.close ?? 600;
      const future = futureDirection(bars, entryMs);
      for (const leg of LEGS) {
        const strike = Math.round(spot);
        for (const mesh of MESHES) {
          const trade: TradeRecordInput = {
            id: `candidate-${minute}-${hold}-${leg.right}${leg.side}-${mesh}`,
            symbol: 'SPY',
            expiry: EXAMPLE_DATE,
            right: leg.right,
            strike,
            side: leg.side,
            qty: 1 + Math.floor(random() * 3),
            entry_time: `${EXAMPLE_DATE}T${fmt(minute)}:00-04:00`,
            exit_time: `${EXAMPLE_DATE}T${fmt(exitMinute)}:00-04:00`,
            entry_price: premium(bars, entryMs, strike, leg.right, vol),
            exit_price: premium(bars, exitMs, strike, leg.right, vol),
            fees: 1.3,
            agents: entryAgents(mesh, direction(leg), future, random),
          };
          const entry = assessTrade(tradeRecordSchema.parse(trade), { bars, context });
          candidates.push({ trade, entry, meets: requirementsMet(entry) });
        }
      }
    }
  }
  return candidates;
}

const minuteOf = (candidate: Candidate): number => {
  const time = candidate.trade.entry_time.slice(11, 16);
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
};

/**
 * Greedy cover: repeatedly take the candidate meeting the most requirements not yet met (ties: the earlier
 * one), keeping entries MIN_ENTRY_GAP_MIN apart; then fill up to TARGET_TRADES from the emptiest hour.
 */
export function selectTrades(candidates: readonly Candidate[], random: () => number): Candidate[] {
  const chosen: Candidate[] = [];
  const open = new Set(REQUIREMENTS);
  const fits = (candidate: Candidate) => chosen.every((other) => Math.abs(minuteOf(other) - minuteOf(candidate)) >= MIN_ENTRY_GAP_MIN);
  while (open.size > 0) {
    let best: Candidate | null = null;
    let bestGain = 0;
    for (const candidate of candidates) {
      const gain = candidate.meets.filter((requirement) => open.has(requirement)).length;
      if (gain > bestGain && fits(candidate)) {
        best = candidate;
        bestGain = gain;
      }
    }
    if (best === null) break;
    chosen.push(best);
    for (const requirement of best.meets) open.delete(requirement);
  }
  while (chosen.length < TARGET_TRADES) {
    const hours = new Map<number, number>();
    for (const candidate of chosen) hours.set(Math.floor(minuteOf(candidate) / 60), (hours.get(Math.floor(minuteOf(candidate) / 60)) ?? 0) + 1);
    const pool = candidates.filter((candidate) => fits(candidate));
    if (pool.length === 0) break;
    const load = (candidate: Candidate) => hours.get(Math.floor(minuteOf(candidate) / 60)) ?? 0;
    const least = Math.min(...pool.map(load));
    const quiet = pool.filter((candidate) => load(candidate) === least);
    chosen.push(quiet[Math.floor(random() * quiet.length)] as Candidate);
  }
  return chosen.sort((a, b) => minuteOf(a) - minuteOf(b));
}
