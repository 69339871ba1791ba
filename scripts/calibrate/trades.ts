/**
 * Random, realistic SPY 0DTE trades on given sessions: entries 09:35–15:50 ET, holds 1–90 minutes (never past
 * 15:59), a fifth of them short premium, strikes within two dollars of the money, premiums priced by
 * Black–Scholes from the underlying at entry and exit (IV moving a little between the two), four agents.
 * An optional `outcome` forces a trade to win or lose (by choosing its direction from how the underlying
 * moved), and `agentRight` gives each agent a known skill: the probability its polarity points the way the
 * money went.
 */
import type { AgentSignal, TradeRecordInput } from '../../shared/domain/trade.ts';
import { blackScholes, type Years } from '../../shared/market/blackScholes.ts';
import { seededRandom } from '../bench/synthetic.ts';
import type { Session } from './sessions.ts';

export const AGENTS = ['momentum_bot', 'vwap_reverter', 'gex_scout', 'flow_tracker'] as const;

export type TradeOptions = {
  readonly count: number;
  readonly seed: number;
  readonly idPrefix: string;
  /** Share of trades that sell premium. */
  readonly shortShare?: number;
  /**
   * Forces each trade's outcome: true wins, false loses; called with the trade's entry minute of day (ET) and
   * the index it gets when it is kept (its id's number − 1).
   */
  readonly outcome?: (random: () => number, entryMinute: number, index: number) => boolean;
  /** Each agent's probability of pointing the way the money went; 0.5 everywhere by default. */
  readonly agentRight?: Readonly<Record<string, number>>;
  /** Entry minutes of day (ET) to draw from; 09:35–15:50 by default. */
  readonly entryWindow?: readonly [number, number];
  readonly holdWindow?: readonly [number, number];
  /**
   * Agents without a set skill agree with the trade's direction with this probability (a trader mostly
   * trades with the mesh); without it their polarity is a coin flip unrelated to the trade.
   */
  readonly meshAgreement?: number;
};

const MINUTES_PER_YEAR = 365 * 24 * 60;
const cents = (value: number): number => Math.max(0.01, Math.round(value * 100) / 100);

export type GeneratedTrade = TradeRecordInput & { readonly won_by_design?: boolean };

export function randomTrades(sessions: readonly Session[], options: TradeOptions): GeneratedTrade[] {
  const random = seededRandom(options.seed);
  const [from, to] = options.entryWindow ?? [9 * 60 + 35, 15 * 60 + 50];
  const [minHold, maxHold] = options.holdWindow ?? [1, 90];
  const trades: GeneratedTrade[] = [];
  for (let index = 0; trades.length < options.count && index < options.count * 20; index += 1) {
    const session = sessions[Math.floor(random() * sessions.length)] as Session;
    const openMs = session.closeMs - 390 * 60_000;
    const entryMinute = from + Math.floor(random() * (to - from + 1));
    const hold = minHold + Math.floor(random() * (maxHold - minHold + 1));
    const exitMinute = Math.min(entryMinute + hold, 15 * 60 + 59);
    const entryBar = session.bars.find((bar) => bar.time === openMs + (entryMinute - 570) * 60_000);
    const exitBar = session.bars.find((bar) => bar.time === openMs + (exitMinute - 570) * 60_000);
    if (!entryBar || !exitBar || exitMinute <= entryMinute) continue;
    const side = random() < (options.shortShare ?? 0.2) ? 'short' : 'long';
    const rose = exitBar.close >= entryBar.close;
    let right: 'C' | 'P' = random() < 0.5 ? 'C' : 'P';
    const wanted = options.outcome?.(random, entryMinute, trades.length);
    if (wanted !== undefined) {
      // A long call or short put wins when the underlying rises; choose the right to get the wanted outcome.
      const bullish = wanted === rose;
      right = (side === 'long') === bullish ? 'C' : 'P';
    }
    const strike = Math.round(entryBar.close) + Math.floor(random() * 5) - 2;
    const vol = 0.12 + random() * 0.12;
    const exitVol = vol * (1 + (random() - 0.5) * 0.1);
    const years = (minutes: number): Years => ((session.closeMs - (openMs + (minutes - 570) * 60_000)) / 60_000 / MINUTES_PER_YEAR + 1e-6) as Years;
    const entryPrice = cents(blackScholes({ spot: entryBar.close, strike, years: years(entryMinute), vol, right }).price);
    let exitPrice = cents(blackScholes({ spot: exitBar.close, strike, years: years(exitMinute), vol: exitVol, right }).price);
    const qty = 1 + Math.floor(random() * 3);
    const fees = 1.3;
    // What the trade made after fees: the outcome the journal sees, and "the way the money went" for agents.
    const pnlOf = (exit: number): number => (side === 'long' ? 1 : -1) * (exit - entryPrice) * qty * 100 - fees;
    if (wanted !== undefined && pnlOf(exitPrice) > 0 !== wanted) {
      // Move the exit premium far enough that the fees cannot flip the wanted outcome.
      const room = (fees / (qty * 100) + 0.02) * ((side === 'long') === wanted ? 1 : -1);
      exitPrice = cents(Math.max(0.01, Math.max(entryPrice * ((side === 'long') === wanted ? 1.08 : 0.92), 0) + ((side === 'long') === wanted ? Math.max(room, 0) : Math.min(room, 0))));
      if (pnlOf(exitPrice) > 0 !== wanted) continue;
    }
    const won = pnlOf(exitPrice) > 0;
    const direction = (side === 'long') === (right === 'C') ? 'bullish' : 'bearish';
    const moneyWay = won ? direction : direction === 'bullish' ? 'bearish' : 'bullish';
    const opposite = (way: 'bullish' | 'bearish'): 'bullish' | 'bearish' => (way === 'bullish' ? 'bearish' : 'bullish');
    const agents: AgentSignal[] = AGENTS.map((name) => {
      const skill = options.agentRight?.[name];
      const polarity =
        skill === undefined && options.meshAgreement !== undefined
          ? random() < options.meshAgreement
            ? direction
            : opposite(direction)
          : random() < (skill ?? 0.5)
            ? moneyWay
            : opposite(moneyWay);
      return { name, phase: 'entry', polarity, score: Math.round((0.3 + random() * 0.6) * 100) / 100, weight: 1 };
    });
    const clock = (minute: number): string => `${session.date}T${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}:00${session.offset}`;
    trades.push({
      id: `${options.idPrefix}${String(trades.length + 1).padStart(5, '0')}`,
      symbol: 'SPY',
      expiry: session.date,
      right,
      strike,
      side,
      qty,
      entry_time: clock(entryMinute),
      exit_time: clock(exitMinute),
      entry_price: entryPrice,
      exit_price: exitPrice,
      fees,
      agents,
    });
  }
  return trades;
}
